package cn.campuspass.wechat.binding;

import cn.campuspass.platform.school.SchoolCode;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Failed identity logins counted in Redis per WeChat account and per 学号/工号 of a school, on top of the per-address
 * rate limit: a verifier is short (six characters), so guessing must stop long before it could succeed. A window
 * starts at the first failure; success clears the account's count.
 */
@Component
class LoginAttempts {

    private final StringRedisTemplate redis;
    private final int perAccount;
    private final int perNumber;
    private final Duration window;

    LoginAttempts(
            StringRedisTemplate redis,
            @Value("${campuspass.portal.login.max-failures-per-account:5}") int perAccount,
            @Value("${campuspass.portal.login.max-failures-per-number:10}") int perNumber,
            @Value("${campuspass.portal.login.failure-window:PT15M}") Duration window) {
        this.redis = redis;
        this.perAccount = perAccount;
        this.perNumber = perNumber;
        this.window = window;
    }

    boolean blocked(SchoolCode school, String openid, String number) {
        List<String> counts =
                redis.opsForValue().multiGet(List.of(accountKey(school, openid), numberKey(school, number)));
        return counts != null && (count(counts.get(0)) >= perAccount || count(counts.get(1)) >= perNumber);
    }

    void failed(SchoolCode school, String openid, String number) {
        increment(accountKey(school, openid));
        increment(numberKey(school, number));
    }

    void succeeded(SchoolCode school, String openid) {
        redis.delete(accountKey(school, openid));
    }

    private void increment(String key) {
        Long n = redis.opsForValue().increment(key);
        if (n != null && n == 1) {
            redis.expire(key, window);
        }
    }

    private static long count(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String accountKey(SchoolCode school, String openid) {
        return "portal-login-failures:" + school.value() + ":openid:" + openid;
    }

    private static String numberKey(SchoolCode school, String number) {
        return "portal-login-failures:" + school.value() + ":number:" + number;
    }
}
