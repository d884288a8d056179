package cn.campuspass.wechat.session;

import cn.campuspass.platform.school.SchoolCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Portal sessions in Redis, shared by every node (P7). The client holds an opaque random token (header
 * {@code X-Portal-Session}); Redis holds {@code portal-session:<sha256(token)>} → school, openid, registrant, with a
 * sliding TTL (7 days by default), so a dump of Redis yields no usable token. Beside the sliding TTL a session has an
 * absolute lifetime ({@code campuspass.portal.session-max-age}, 30 days by default) from its creation: a phone used
 * every day still signs in again now and then, and a stolen token does not live for ever. Bound sessions are also
 * listed under {@code portal-sessions-of:<school>:<registrantId>} so that unbinding or disabling a registrant drops
 * all of them.
 */
@Component
public class PortalSessions {

    public static final String HEADER = "X-Portal-Session";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param createdAt epoch milliseconds; null on sessions written before the absolute lifetime existed, which count
     *     from the first time they are seen
     */
    private record Stored(String school, String openid, Long registrantId, Long createdAt) {}

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final Duration maxAge;
    private final Clock clock;

    @Autowired
    public PortalSessions(
            StringRedisTemplate redis,
            JsonMapper json,
            @Value("${campuspass.portal.session-ttl:P7D}") Duration ttl,
            @Value("${campuspass.portal.session-max-age:P30D}") Duration maxAge) {
        this(redis, json, ttl, maxAge, Clock.systemUTC());
    }

    PortalSessions(StringRedisTemplate redis, JsonMapper json, Duration ttl, Duration maxAge, Clock clock) {
        if (maxAge.compareTo(ttl) < 0) {
            throw new IllegalStateException("campuspass.portal.session-max-age must not be shorter than session-ttl");
        }
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A new session; {@code registrantId} null when the WeChat account is not bound yet. */
    public PortalSession create(SchoolCode school, String openid, Long registrantId) {
        String token = randomToken();
        PortalSession session = new PortalSession(token, school, openid, registrantId);
        redis.opsForValue().set(sessionKey(token), write(session, clock.millis()), ttl);
        if (registrantId != null) {
            index(session);
        }
        return session;
    }

    /** The live session of this token, its TTL renewed; empty for an unknown, expired or dropped token. */
    public Optional<PortalSession> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String key = sessionKey(token);
        String value = redis.opsForValue().get(key);
        if (value == null) {
            return Optional.empty();
        }
        Stored stored = json.readValue(value, Stored.class);
        PortalSession session =
                new PortalSession(token, SchoolCode.of(stored.school()), stored.openid(), stored.registrantId());
        long now = clock.millis();
        if (stored.createdAt() == null) {
            redis.opsForValue().setIfPresent(key, write(session, now), ttl);
            return Optional.of(session);
        }
        Duration left = Duration.ofMillis(stored.createdAt() + maxAge.toMillis() - now);
        if (left.isNegative() || left.isZero()) {
            delete(session);
            return Optional.empty();
        }
        // Sliding, but never past the absolute end.
        Duration renewed = left.compareTo(ttl) < 0 ? left : ttl;
        redis.expire(key, renewed);
        if (session.bound()) {
            redis.expire(indexKey(session.school(), session.registrantId()), ttl);
        }
        return Optional.of(session);
    }

    /**
     * Marks the session as signed in as {@code registrantId}. Only a session that still exists is written, so a
     * session dropped meanwhile stays dropped; empty then.
     */
    public Optional<PortalSession> bind(PortalSession session, long registrantId) {
        PortalSession bound = new PortalSession(session.token(), session.school(), session.openid(), registrantId);
        String current = redis.opsForValue().get(sessionKey(session.token()));
        if (current == null) {
            return Optional.empty();
        }
        // Binding keeps the session's birth: signing in does not extend its absolute lifetime.
        Long createdAt = json.readValue(current, Stored.class).createdAt();
        long born = createdAt == null ? clock.millis() : createdAt;
        Long left = redis.getExpire(sessionKey(session.token()));
        Duration keep = left == null || left <= 0 ? ttl : Duration.ofSeconds(left);
        Boolean written = redis.opsForValue().setIfPresent(sessionKey(session.token()), write(bound, born), keep);
        if (!Boolean.TRUE.equals(written)) {
            return Optional.empty();
        }
        index(bound);
        return Optional.of(bound);
    }

    /** Signs this session out. */
    public void delete(PortalSession session) {
        redis.delete(sessionKey(session.token()));
        if (session.bound()) {
            redis.opsForSet().remove(indexKey(session.school(), session.registrantId()), hash(session.token()));
        }
    }

    /** Signs a registrant out everywhere; answers how many sessions were dropped. */
    public int dropAllOf(SchoolCode school, long registrantId) {
        String index = indexKey(school, registrantId);
        Set<String> hashes = redis.opsForSet().members(index);
        redis.delete(index);
        if (hashes == null || hashes.isEmpty()) {
            return 0;
        }
        Long deleted =
                redis.delete(hashes.stream().map(h -> "portal-session:" + h).toList());
        return deleted == null ? 0 : deleted.intValue();
    }

    private void index(PortalSession session) {
        String index = indexKey(session.school(), session.registrantId());
        redis.opsForSet().add(index, hash(session.token()));
        redis.expire(index, ttl);
    }

    private String write(PortalSession session, long createdAt) {
        return json.writeValueAsString(
                new Stored(session.school().value(), session.openid(), session.registrantId(), createdAt));
    }

    private static String sessionKey(String token) {
        return "portal-session:" + hash(token);
    }

    private static String indexKey(SchoolCode school, long registrantId) {
        return "portal-sessions-of:" + school.value() + ":" + registrantId;
    }

    /** 256 random bits, base64url: what the client holds. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
