package cn.campuspass.platform.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in Redis, shared by every node: {@code limit} hits per {@code window} for one subject.
 * INCR and the first EXPIRE run as one script so a crash between them cannot leave a counter without expiry.
 */
@Component
public class RateLimiter {

    private static final RedisScript<Long> HIT = RedisScript.of(
            "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n",
            Long.class);

    private final StringRedisTemplate redis;

    public RateLimiter(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Counts one hit; true while the subject is within its limit for the current window. */
    public boolean tryAcquire(String bucket, String subject, int limit, Duration window) {
        long windowIndex = Instant.now().toEpochMilli() / window.toMillis();
        String key = "rl:" + bucket + ":" + subject + ":" + windowIndex;
        Long count = redis.execute(HIT, List.of(key), String.valueOf(window.toMillis()));
        return count != null && count <= limit;
    }
}
