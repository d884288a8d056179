package cn.campuspass.violation;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.vehicle.RegistrationStatus;
import cn.campuspass.vehicle.VehicleType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 违章人员排行榜 (A6.5) and 违章车辆排行榜 (A6.6). Every filter is optional and read here, so a malformed one is a
 * {@code VIOLATION_STATS_*} 400 rather than a generic binding error. A row's drill-down uses the registrant's or
 * vehicle's details and the ticket list ({@code /admin/api/tickets?registrantId=|vehicleId=&status=EFFECTIVE}) with
 * the board's dates.
 */
@RestController
@RequestMapping("/admin/api/violation-stats")
class ViolationStatsController {

    private final ViolationStats stats;

    ViolationStatsController(ViolationStats stats) {
        this.stats = stats;
    }

    @GetMapping("/violators")
    @RequiresPermission(ViolationPermissions.STATS_VIEW)
    ViolationStats.Board<ViolationStats.ViolatorRow> violators(
            @RequestParam(required = false) String termId,
            @RequestParam(required = false) String academicYearId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String identity,
            @RequestParam(required = false) String limit,
            DataScope scope) {
        return stats.violators(
                new ViolationStats.ViolatorFilter(
                        period(termId, academicYearId, from, to), parse(identity, Identity::valueOf)),
                scope,
                limit(limit));
    }

    @GetMapping("/vehicles")
    @RequiresPermission(ViolationPermissions.STATS_VIEW)
    ViolationStats.Board<ViolationStats.VehicleRow> vehicles(
            @RequestParam(required = false) String termId,
            @RequestParam(required = false) String academicYearId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String identity,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            DataScope scope) {
        return stats.vehicles(
                new ViolationStats.VehicleFilter(
                        period(termId, academicYearId, from, to),
                        parse(identity, Identity::valueOf),
                        parse(type, VehicleType::valueOf),
                        parse(status, RegistrationStatus::valueOf)),
                scope,
                limit(limit));
    }

    private static ViolationStats.PeriodQuery period(String termId, String yearId, String from, String to) {
        return new ViolationStats.PeriodQuery(
                parse(termId, Long::valueOf), parse(yearId, Long::valueOf), day(from), day(to));
    }

    private static int limit(String limit) {
        if (blank(limit)) {
            return ViolationStats.DEFAULT_LIMIT;
        }
        try {
            return ViolationStats.limit(Integer.parseInt(limit.strip()));
        } catch (NumberFormatException e) {
            throw new ApiException(ViolationStatsError.VIOLATION_STATS_LIMIT_INVALID);
        }
    }

    private static LocalDate day(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(ViolationStatsError.VIOLATION_STATS_RANGE_INVALID);
        }
    }

    private static <T> T parse(String text, Function<String, T> parser) {
        if (blank(text)) {
            return null;
        }
        try {
            return parser.apply(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ViolationStatsError.VIOLATION_STATS_FILTER_INVALID);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
