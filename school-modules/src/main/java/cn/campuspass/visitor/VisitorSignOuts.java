package cn.campuspass.visitor;

import cn.campuspass.platform.school.SchoolCode;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Visitors whose sessions must end: a purged visitor (retention) is marked in Redis, shared by every node, and the
 * portal's session check asks here — one Redis look-up per request instead of a database transaction re-reading the
 * visitor by openid. A marked visitor's session is deleted at its next use; a session not used again expires by its
 * own sliding TTL, which the mark outlives (session TTL + one day), so no session of a purged visitor works again.
 */
@Component
public class VisitorSignOuts {

    private final StringRedisTemplate redis;
    private final Duration markTtl;

    VisitorSignOuts(StringRedisTemplate redis, @Value("${campuspass.portal.session-ttl:P7D}") Duration sessionTtl) {
        this.redis = redis;
        this.markTtl = sessionTtl.plusDays(1);
    }

    /** Ends every session of the visitor (at their next use). */
    public void signOut(SchoolCode school, long visitorId) {
        redis.opsForValue().set(key(school, visitorId), "1", markTtl);
    }

    /** How long a mark lives: longer than any session made before it. */
    Duration markTtl() {
        return markTtl;
    }

    public boolean signedOut(SchoolCode school, long visitorId) {
        return Boolean.TRUE.equals(redis.hasKey(key(school, visitorId)));
    }

    private static String key(SchoolCode school, long visitorId) {
        return "visitor-signed-out:" + school.value() + ":" + visitorId;
    }
}
