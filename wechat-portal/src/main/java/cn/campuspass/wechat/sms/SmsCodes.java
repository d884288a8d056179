package cn.campuspass.wechat.sms;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.wechat.PortalError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * One-time SMS codes (R1 first binding, later R4.1 phone binding): six digits, kept in Redis for five minutes as a
 * salted hash only, at most five tries per code. Sending is limited per phone (one a minute, ten a day) and per
 * client address (twenty an hour), since every message costs money and can be used to harass the phone's owner.
 * A {@code scope} ties a code to what it is for and who asked (e.g. {@code bind:<openid>}), so a code sent for one
 * purpose or one WeChat account is worth nothing for another.
 */
@Component
public class SmsCodes {

    public static final Duration TTL = Duration.ofMinutes(5);
    public static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    static final int MAX_ATTEMPTS = 5;
    static final int PER_PHONE_PER_DAY = 10;
    static final int PER_ADDRESS_PER_HOUR = 20;

    private final StringRedisTemplate redis;
    private final SmsSender sender;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    SmsCodes(StringRedisTemplate redis, SmsSender sender) {
        this(redis, sender, Clock.systemUTC());
    }

    SmsCodes(StringRedisTemplate redis, SmsSender sender, Clock clock) {
        this.redis = redis;
        this.sender = sender;
        this.clock = clock;
    }

    /** Outcome of {@link #verify}. */
    public enum Check {
        OK,
        /** Wrong code; tries remain. */
        WRONG,
        /** No code pending: never sent, expired or already used. */
        EXPIRED,
        /** Too many wrong tries: the code is gone, a new one must be sent. */
        EXHAUSTED
    }

    /**
     * Sends a new code, replacing any pending one of this scope and phone; {@code SMS_SEND_LIMITED} (429) past the
     * limits. {@code text} gets the code where it says {@code {code}}.
     */
    public void send(SchoolCode school, String scope, PhoneNumber phone, String clientAddress, String text) {
        // The address first: a refused address must not use up the phone's minute (nor let it block the owner).
        if (count("sms:addr:" + clientAddress + ":" + clock.instant().getEpochSecond() / 3600, Duration.ofHours(1))
                > PER_ADDRESS_PER_HOUR) {
            throw new ApiException(PortalError.SMS_SEND_LIMITED);
        }
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent("sms:resend:" + tag(phone), "1", RESEND_AFTER))) {
            throw new ApiException(PortalError.SMS_SEND_LIMITED);
        }
        String day = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        if (count("sms:day:" + tag(phone) + ":" + day, Duration.ofDays(1)) > PER_PHONE_PER_DAY) {
            throw new ApiException(PortalError.SMS_SEND_LIMITED);
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        String key = key(school, scope, phone);
        redis.delete(key);
        redis.opsForHash().putAll(key, Map.of("hash", hash(key, code), "attempts", "0"));
        redis.expire(key, TTL);
        try {
            sender.send(school, phone, text.replace("{code}", code), Map.of("code", code));
        } catch (RuntimeException e) {
            // Nothing went out: the person may ask again at once, and no code is pending.
            redis.delete(List.of(key, "sms:resend:" + tag(phone)));
            throw e;
        }
    }

    /** Checks a code; a right one is used up, a wrong one counts against the code's tries. */
    public Check verify(SchoolCode school, String scope, PhoneNumber phone, String code) {
        String key = key(school, scope, phone);
        Object stored = redis.opsForHash().get(key, "hash");
        if (stored == null) {
            return Check.EXPIRED;
        }
        long attempts = redis.opsForHash().increment(key, "attempts", 1);
        if (attempts > MAX_ATTEMPTS) {
            redis.delete(key);
            return Check.EXHAUSTED;
        }
        String typed = code == null ? "" : code.strip();
        if (MessageDigest.isEqual(
                stored.toString().getBytes(StandardCharsets.US_ASCII),
                hash(key, typed).getBytes(StandardCharsets.US_ASCII))) {
            // Only one caller wins the delete, so a code cannot be used twice by racing requests.
            return Boolean.TRUE.equals(redis.delete(key)) ? Check.OK : Check.EXPIRED;
        }
        if (attempts >= MAX_ATTEMPTS) {
            redis.delete(key);
            return Check.EXHAUSTED;
        }
        return Check.WRONG;
    }

    private long count(String key, Duration window) {
        Long n = redis.opsForValue().increment(key);
        if (n != null && n == 1) {
            redis.expire(key, window);
        }
        return n == null ? 0 : n;
    }

    private static String key(SchoolCode school, String scope, PhoneNumber phone) {
        return "sms:code:" + school.value() + ":" + scope + ":" + tag(phone);
    }

    /** Keys carry a digest of the phone, not the number itself (personal data stays out of Redis keys). */
    private static String tag(PhoneNumber phone) {
        return hash("phone", phone.value()).substring(0, 24);
    }

    /** Salted with the key so equal codes of different people hash apart. */
    private static String hash(String key, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((key + "|" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
