package cn.campuspass.platform.ratelimit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which paths are rate-limited per client address, e.g. login-adjacent lookups and SMS codes. */
@ConfigurationProperties("campuspass.rate-limits")
public record RateLimitProperties(List<Rule> rules) {

    public RateLimitProperties {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public record Rule(String name, String pattern, int limit, Duration window) {}
}
