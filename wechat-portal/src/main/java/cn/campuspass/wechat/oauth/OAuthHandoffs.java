package cn.campuspass.wechat.oauth;

import cn.campuspass.platform.school.SchoolCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two single-use hand-offs of WeChat sign-in, in Redis so any node may answer the next step (P7): the OAuth
 * {@code state} (10 min: binds the callback to an authorize request of this school, with where to go after), and
 * the login ticket (60 s: carries the openid from the callback's redirect to the page, which trades it for a
 * session token; the token itself never appears in a URL).
 */
@Component
public class OAuthHandoffs {

    static final Duration STATE_TTL = Duration.ofMinutes(10);
    static final Duration TICKET_TTL = Duration.ofSeconds(60);

    private static final SecureRandom RANDOM = new SecureRandom();

    public record State(String school, String returnTo) {}

    public record Ticket(String school, String openid, String returnTo) {}

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    OAuthHandoffs(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public String newState(SchoolCode school, String returnTo) {
        String nonce = random();
        redis.opsForValue()
                .set(
                        "portal-oauth-state:" + nonce,
                        json.writeValueAsString(new State(school.value(), returnTo)),
                        STATE_TTL);
        return nonce;
    }

    /** The state of this school's authorize request, at most once. */
    public Optional<State> takeState(SchoolCode school, String nonce) {
        return take("portal-oauth-state:", nonce, State.class)
                .filter(s -> s.school().equals(school.value()));
    }

    public String newTicket(SchoolCode school, String openid, String returnTo) {
        String ticket = random();
        redis.opsForValue()
                .set(
                        "portal-login-ticket:" + ticket,
                        json.writeValueAsString(new Ticket(school.value(), openid, returnTo)),
                        TICKET_TTL);
        return ticket;
    }

    /** The ticket's openid if it was issued for this school, at most once. */
    public Optional<Ticket> takeTicket(SchoolCode school, String ticket) {
        return take("portal-login-ticket:", ticket, Ticket.class)
                .filter(t -> t.school().equals(school.value()));
    }

    private <T> Optional<T> take(String prefix, String nonce, Class<T> type) {
        if (nonce == null || nonce.isEmpty() || nonce.length() > 100) {
            return Optional.empty();
        }
        String value = redis.opsForValue().getAndDelete(prefix + nonce);
        return value == null ? Optional.empty() : Optional.of(json.readValue(value, type));
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
