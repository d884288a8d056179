package cn.campuspass.platform.time;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of "now" and "today". Every school is in China, which has one time zone, so a day is a Shanghai
 * day whatever zone the server runs in. Code asks this {@link Clock} instead of {@code Instant.now()} so that tests
 * can set the time (23:59 and 00:01 Shanghai, a pass past its window) and prove what "today" and "expired" mean.
 * Rate-limit windows and caches of technical lifetimes measure elapsed wall time and stay on the system clock.
 */
@Configuration(proxyBeanMethods = false)
public class SchoolTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }
}
