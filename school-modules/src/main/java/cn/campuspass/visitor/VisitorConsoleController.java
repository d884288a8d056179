package cn.campuspass.visitor;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's visitor pages: booking records (A6.2), department statistics (A6.3), leaderboard (A6.4); and the
 * staff portal's visitor analytics (S3.1 overview and per-day figures, S3.4 gates; S3.2 / S3.3 use A6.3 / A6.4).
 */
@RestController
class VisitorConsoleController {

    private final VisitorBookingRecords records;
    private final VisitorStatistics statistics;
    private final Clock clock;

    VisitorConsoleController(VisitorBookingRecords records, VisitorStatistics statistics, Clock clock) {
        this.records = records;
        this.statistics = statistics;
        this.clock = clock;
    }

    @GetMapping("/admin/api/visitor-bookings")
    @RequiresPermission(VisitorConsolePermissions.BOOKING_LIST)
    VisitorBookingRecords.Page list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) BookingStatus status,
            @RequestParam(required = false) BookingKind kind,
            @RequestParam(required = false) VisitSlot slot,
            @RequestParam(required = false) VisitorBookingRecords.Visit visit,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Long gateId,
            @RequestParam(required = false) Method method,
            @RequestParam(required = false) Long visitorId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            DataScope scope) {
        return records.search(
                new VisitorBookingRecords.Filter(
                        q,
                        from,
                        to,
                        status,
                        kind,
                        slot,
                        visit,
                        departmentId,
                        gateId,
                        method == null ? null : method.name(),
                        visitorId),
                scope,
                page,
                size);
    }

    @GetMapping("/admin/api/visitor-bookings/{id}")
    @RequiresPermission(VisitorConsolePermissions.BOOKING_VIEW)
    VisitorBookingRecords.Details get(@PathVariable long id, DataScope scope) {
        return records.get(id, scope);
    }

    @GetMapping("/admin/api/visitor-stats/departments")
    @RequiresPermission(VisitorConsolePermissions.STATS_VIEW)
    VisitorStatistics.Departments departments(
            @RequestParam(required = false) StatsPeriod.Preset preset,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            DataScope scope) {
        return statistics.departments(StatsPeriod.of(preset, from, to, clock), scope);
    }

    @GetMapping("/admin/api/visitor-stats/leaderboard")
    @RequiresPermission(VisitorConsolePermissions.STATS_VIEW)
    VisitorStatistics.Leaderboard leaderboard(
            @RequestParam(required = false) StatsPeriod.Preset preset,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "50") int limit,
            DataScope scope) {
        return statistics.leaderboard(StatsPeriod.of(preset, from, to, clock), scope, limit);
    }

    /** S3.1 访客概况: 到访总数, 今日应到 / 实到 (the staff portal's 整体数据). */
    @GetMapping("/admin/api/visitor-stats/overview")
    @RequiresPermission(VisitorConsolePermissions.STATS_VIEW)
    VisitorStatistics.Overview overview(DataScope scope) {
        return statistics.overview(scope);
    }

    /** S3.1 访客趋势 / 数据详情: per day (by month for long periods); 近7天 unless told. */
    @GetMapping("/admin/api/visitor-stats/daily")
    @RequiresPermission(VisitorConsolePermissions.STATS_VIEW)
    VisitorStatistics.Daily daily(
            @RequestParam(required = false) StatsPeriod.Preset preset,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            DataScope scope) {
        return statistics.daily(period(preset, from, to, StatsPeriod.Preset.LAST_7_DAYS), scope);
    }

    /** S3.4 校门统计: visitors who passed each gate of each campus; 今天 unless told. */
    @GetMapping("/admin/api/visitor-stats/gates")
    @RequiresPermission(VisitorConsolePermissions.STATS_VIEW)
    VisitorStatistics.Gates gates(
            @RequestParam(required = false) StatsPeriod.Preset preset,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            DataScope scope) {
        return statistics.gates(period(preset, from, to, StatsPeriod.Preset.TODAY), scope);
    }

    private StatsPeriod period(StatsPeriod.Preset preset, LocalDate from, LocalDate to, StatsPeriod.Preset fallback) {
        return StatsPeriod.of(preset == null && from == null && to == null ? fallback : preset, from, to, clock);
    }

    /** 通过方式 as the visitor access records write it (the access module's verification methods). */
    enum Method {
        GUARD,
        DEVICE
    }
}
