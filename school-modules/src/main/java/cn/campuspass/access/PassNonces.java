package cn.campuspass.access;

import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The live pass codes, in Redis so every node sees the same ones (P7). A code maps to (registrant, gate), expires
 * with its rotation window plus a short grace, is replaced when the holder's phone asks for a new one, and is
 * removed by the first verification (GETDEL), so a screenshot is worthless after the window or after one use. The
 * issue time is stored with the code: verification checks the window itself and does not rely on Redis expiry alone
 * (a key whose TTL was lost or extended, or a clock-skewed node, must not make an old code valid).
 */
@Component
class PassNonces {

    /**
     * Who holds a pass: a registrant, or a visitor through one booking (a visitor's pass is only as good as the
     * booking it was opened for). Stored as {@code <id>} for a registrant (the format codes had before visitors) and
     * {@code v<booking id>} for a visitor.
     */
    record Holder(boolean visitor, long id) {

        static Holder registrant(long registrantId) {
            return new Holder(false, registrantId);
        }

        static Holder visitorBooking(long bookingId) {
            return new Holder(true, bookingId);
        }

        String value() {
            return (visitor ? "v" : "") + id;
        }

        static Holder parse(String value) {
            return value.startsWith("v")
                    ? visitorBooking(Long.parseLong(value.substring(1)))
                    : registrant(Long.parseLong(value));
        }
    }

    /** Whose code it was and when it was issued ({@code null} for a code stored before issue times were kept). */
    record Claim(Holder holder, long gateId, java.time.Instant issuedAt) {

        /** The registrant holding the pass; only for a registrant's pass. */
        long registrantId() {
            if (holder.visitor()) {
                throw new IllegalStateException("A visitor's pass has no registrant");
            }
            return holder.id();
        }
    }

    private static final int ATTEMPTS = 5;

    private final StringRedisTemplate redis;

    PassNonces(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A fresh code for this holder at this gate; their previous code for the gate stops working. */
    String issue(String school, Holder holder, long gateId, java.time.Instant issuedAt, Duration ttl) {
        String value = holder.value() + ":" + gateId + ":" + issuedAt.toEpochMilli();
        for (int i = 0; i < ATTEMPTS; i++) {
            String code = PassCodes.random();
            Boolean stored = redis.opsForValue().setIfAbsent(codeKey(school, code), value, ttl);
            if (Boolean.TRUE.equals(stored)) {
                String holderKey = "pass-holder:" + school + ":" + holder.value() + ":" + gateId;
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
        String[] parts = value.split(":");
        return Optional.of(new Claim(
                Holder.parse(parts[0]),
                Long.parseLong(parts[1]),
                parts.length > 2 ? java.time.Instant.ofEpochMilli(Long.parseLong(parts[2])) : null));
    }

    private static String codeKey(String school, String code) {
        return "pass:" + school + ":" + code;
    }
}
