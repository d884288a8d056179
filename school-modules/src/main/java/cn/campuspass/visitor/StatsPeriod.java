package cn.campuspass.visitor;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.time.SchoolTime;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The booking-date range of a statistics query (A6.3, A6.4: 全部、今天、近一周、近一个月、本月、自定义). Days are
 * Shanghai days whatever the server's zone; "last 7 days" is today and the six days before it. Both ends are
 * inclusive; {@code from}/{@code to} null means unbounded (全部).
 */
public record StatsPeriod(Preset preset, LocalDate from, LocalDate to) {

    /** A custom range may span at most this many days (ten years; "all" has no bound). */
    static final long MAX_DAYS = 3660;

    public enum Preset {
        ALL,
        TODAY,
        LAST_7_DAYS,
        LAST_30_DAYS,
        THIS_MONTH,
        CUSTOM
    }

    /** Resolves a preset against today in Shanghai; a custom range must be given whole and in order. */
    public static StatsPeriod of(Preset preset, LocalDate from, LocalDate to, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(SchoolTime.ZONE));
        Preset p = preset == null ? (from != null || to != null ? Preset.CUSTOM : Preset.ALL) : preset;
        return switch (p) {
            case ALL -> new StatsPeriod(p, null, null);
            case TODAY -> new StatsPeriod(p, today, today);
            case LAST_7_DAYS -> new StatsPeriod(p, today.minusDays(6), today);
            case LAST_30_DAYS -> new StatsPeriod(p, today.minusDays(29), today);
            case THIS_MONTH -> new StatsPeriod(p, today.withDayOfMonth(1), today.withDayOfMonth(today.lengthOfMonth()));
            case CUSTOM -> {
                if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
                    throw new ApiException(VisitorConsoleError.VISITOR_STATS_RANGE_INVALID);
                }
                yield new StatsPeriod(p, from, to);
            }
        };
    }
}
