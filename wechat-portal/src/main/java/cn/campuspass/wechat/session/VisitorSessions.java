package cn.campuspass.wechat.session;

import cn.campuspass.platform.school.SchoolCode;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Visitor sessions in Redis, shared by every node: an opaque random token (header {@value #HEADER}) and, in Redis,
 * {@code visitor-session:<sha256(token)>} → school, openid, visitor with the portal's sliding TTL. Separate keys
 * from registrant sessions ({@link PortalSessions}): the two kinds never stand in for each other. No identity binding
 * is needed: the WeChat openid is the visitor's account.
 */
@Component
public class VisitorSessions {

    public static final String HEADER = "X-Visitor-Session";

    private record Stored(String school, String openid, long visitorId) {}

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;

    VisitorSessions(
            StringRedisTemplate redis, JsonMapper json, @Value("${campuspass.portal.session-ttl:P7D}") Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
    }

    public VisitorSession create(SchoolCode school, String openid, long visitorId) {
        String token = PortalSessions.randomToken();
        redis.opsForValue()
                .set(key(token), json.writeValueAsString(new Stored(school.value(), openid, visitorId)), ttl);
        return new VisitorSession(token, school, openid, visitorId);
    }

    /** The live session of this token, its TTL renewed; empty for an unknown or expired token. */
    public Optional<VisitorSession> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String value = redis.opsForValue().get(key(token));
        if (value == null) {
            return Optional.empty();
        }
        redis.expire(key(token), ttl);
        Stored stored = json.readValue(value, Stored.class);
        return Optional.of(
                new VisitorSession(token, SchoolCode.of(stored.school()), stored.openid(), stored.visitorId()));
    }

    public void delete(VisitorSession session) {
        redis.delete(key(session.token()));
    }

    private static String key(String token) {
        return "visitor-session:" + PortalSessions.hash(token);
    }
}
