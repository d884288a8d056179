package cn.campuspass.tenant.registry;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The registry as read on every request, cached per node for a few seconds. A change made on this node evicts at
 * once; other nodes see it within the TTL (documented as the suspension delay). Unknown codes are cached too, so a
 * flood of made-up school codes costs one query per code per TTL.
 */
@Component
public class CachedSchoolDirectory implements SchoolDirectory {

    private record Cached(Optional<SchoolEntry> entry, long expiresAtNanos) {}

    private final SchoolRegistry registry;
    private final long ttlNanos;
    private final ConcurrentMap<SchoolCode, Cached> cache = new ConcurrentHashMap<>();

    public CachedSchoolDirectory(
            SchoolRegistry registry, @Value("${campuspass.registry.cache-ttl:PT5S}") Duration ttl) {
        this.registry = registry;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Optional<SchoolEntry> find(SchoolCode code) {
        long now = System.nanoTime();
        Cached cached = cache.get(code);
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return cached.entry();
        }
        Optional<SchoolEntry> entry = registry.find(code).map(SchoolRecord::toEntry);
        if (cache.size() > 50_000) {
            cache.clear();
        }
        cache.put(code, new Cached(entry, now + ttlNanos));
        return entry;
    }

    public void evict(SchoolCode code) {
        cache.remove(code);
    }
}
