package cn.campuspass.access;

import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The live pass codes, in Redis so every node sees the same ones (P7). A code maps to (registrant, gate), expires
 * with its rotation window plus a short grace, is replaced when the holder's phone asks for a new one, and is
 * removed by the first verification (GETDEL), so a screenshot is worthless after the window or after one use.
 */
@Component
class PassNonces {

    record Claim(long registrantId, long gateId) {}

    private static final int ATTEMPTS = 5;

    private final StringRedisTemplate redis;

    PassNonces(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A fresh code for this holder at this gate; their previous code for the gate stops working. */
    String issue(String school, long registrantId, long gateId, Duration ttl) {
        String value = registrantId + ":" + gateId;
        for (int i = 0; i < ATTEMPTS; i++) {
            String code = PassCodes.random();
            Boolean stored = redis.opsForValue().setIfAbsent(codeKey(school, code), value, ttl);
            if (Boolean.TRUE.equals(stored)) {
                String holderKey = "pass-holder:" + school + ":" + registrantId + ":" + gateId;
                String previous = redis.opsForValue().getAndSet(holderKey, code);
                redis.expire(holderKey, ttl);
                if (previous != null && !previous.equals(code)) {
                    redis.delete(codeKey(school, previous));
                }
                return code;
            }
        }
        throw new IllegalStateException("No free pass code after " + ATTEMPTS + " attempts");
    }

    /** Takes the code out of circulation and says whose it was; empty when unknown, expired or used. */
    Optional<Claim> redeem(String school, String code) {
        String value = redis.opsForValue().getAndDelete(codeKey(school, code));
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        return Optional.of(
                new Claim(Long.parseLong(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1))));
    }

    private static String codeKey(String school, String code) {
        return "pass:" + school + ":" + code;
    }
}
