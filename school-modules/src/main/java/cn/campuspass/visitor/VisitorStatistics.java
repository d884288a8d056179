package cn.campuspass.visitor;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures over visitor bookings for the console: per host department (A6.3), the visitor leaderboard (A6.4), and the
 * home page's 30-day trend and recent visitors (A2). Each is one aggregate over {@code visitor_booking} read from an
 * index in group order (V19, V21), scoped like the booking list: a department administrator counts the bookings of
 * the host departments they run.
 *
 * <p>应到 (expected) counts the bookings that were in effect: approved (still to come), visited, and expired (approved
 * but nobody came); 实到 (actual) the visited ones. People are the visitor and their companions.
 */
@Service
public class VisitorStatistics {

    static final String EXPECTED = "('APPROVED', 'VISITED', 'EXPIRED')";
    public static final int LEADERBOARD_MAX = 100;
    public static final int TREND_DAYS = 30;

    public record DepartmentRow(
            Long departmentId,
            String departmentName,
            long actualBookings,
            long expectedBookings,
            long actualPeople,
            long expectedPeople) {}

    public record Departments(StatsPeriod period, List<DepartmentRow> items) {}

    public record LeaderRow(
            int rank,
            long visitorId,
            String visitorName,
            String idNumberMasked,
            String phoneMasked,
            long visits,
            long bookings) {}

    public record Leaderboard(StatsPeriod period, List<LeaderRow> items) {}

    public record TrendDay(LocalDate date, long bookings, long visits) {}

    public record RecentVisit(
            long bookingId,
            String visitorName,
            String visitorPhoneMasked,
            int companionCount,
            String hostName,
            String departmentName,
            String gateName,
            Instant visitedAt) {}

    private final SchoolJdbc jdbc;
    private final Clock clock;

    VisitorStatistics(SchoolJdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Every department in scope with its figures (zeros included, so the list is the school's departments), and a
     * row without a department for hosts who have none, when it has bookings. Busiest first.
     */
    @Transactional(readOnly = true)
    public Departments departments(StatsPeriod period, DataScope scope) {
        return jdbc.run(c -> {
            VisitorBookingRecords.Where where = new VisitorBookingRecords.Where();
            where.scope(c, scope);
            range(where, period);
            VisitorBookingRecords.Where departments = new VisitorBookingRecords.Where();
            if (scope instanceof DataScope.Departments d) {
                departments.add(
                        "d.id = ANY (?)",
                        c.createArrayOf("bigint", d.departmentIds().toArray()));
            } else if (scope instanceof DataScope.OwnRecords) {
                departments.add("false");
            }
            List<DepartmentRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH a AS (
                        SELECT b.host_department_id AS id,
                               count(*) FILTER (WHERE b.status = 'VISITED') AS actual,
                               count(*) FILTER (WHERE b.status IN %1$s) AS expected,
                               coalesce(sum(1 + b.companion_count) FILTER (WHERE b.status = 'VISITED'), 0) AS actual_people,
                               coalesce(sum(1 + b.companion_count) FILTER (WHERE b.status IN %1$s), 0) AS expected_people
                        FROM visitor_booking b %2$s
                        GROUP BY b.host_department_id)
                    SELECT d.id, d.name, coalesce(a.actual, 0), coalesce(a.expected, 0),
                           coalesce(a.actual_people, 0), coalesce(a.expected_people, 0), d.sort_order
                    FROM department d LEFT JOIN a ON a.id = d.id
                    %3$s
                    UNION ALL
                    SELECT NULL, NULL, a.actual, a.expected, a.actual_people, a.expected_people, 2147483647
                    FROM a WHERE a.id IS NULL AND (a.actual > 0 OR a.expected > 0)
                    ORDER BY 4 DESC, 3 DESC, 7, 2
                    """.formatted(EXPECTED, where.sql(), departments.sql()))) {
                int i = where.bind(ps);
                departments.bindFrom(ps, i);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new DepartmentRow(
                                VisitorBookingRecords.nullableLong(rs, 1),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6)));
                    }
                }
            }
            return new Departments(period, rows);
        });
    }

    /**
     * Visitors by actual visits, then by bookings (排名 shared on a tie of both). Only bookings with a visitor count:
     * an invitation nobody confirmed has none. Name and ID come from the visitor's profile, masked.
     */
    @Transactional(readOnly = true)
    public Leaderboard leaderboard(StatsPeriod period, DataScope scope, int limit) {
        int top = Math.min(Math.max(1, limit), LEADERBOARD_MAX);
        return jdbc.run(c -> {
            VisitorBookingRecords.Where where = new VisitorBookingRecords.Where();
            where.add("b.visitor_id IS NOT NULL");
            where.scope(c, scope);
            range(where, period);
            List<LeaderRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.visitor_id, v.name, v.id_number_masked, v.phone_masked, a.visits, a.bookings
                    FROM (SELECT b.visitor_id, count(*) FILTER (WHERE b.status = 'VISITED') AS visits,
                                 count(*) AS bookings
                          FROM visitor_booking b %s
                          GROUP BY b.visitor_id
                          ORDER BY visits DESC, bookings DESC, b.visitor_id
                          LIMIT ?) a
                    JOIN visitor v ON v.id = a.visitor_id
                    ORDER BY a.visits DESC, a.bookings DESC, a.visitor_id
                    """.formatted(where.sql()))) {
                int i = where.bind(ps);
                ps.setInt(i, top);
                try (ResultSet rs = ps.executeQuery()) {
                    int position = 0;
                    int rank = 0;
                    long lastVisits = -1;
                    long lastBookings = -1;
                    while (rs.next()) {
                        position++;
                        long visits = rs.getLong(5);
                        long bookings = rs.getLong(6);
                        if (visits != lastVisits || bookings != lastBookings) {
                            rank = position;
                            lastVisits = visits;
                            lastBookings = bookings;
                        }
                        rows.add(new LeaderRow(
                                rank,
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                visits,
                                bookings));
                    }
                }
            }
            return new Leaderboard(period, rows);
        });
    }

    /** The last {@value #TREND_DAYS} days up to today (Shanghai): bookings made for each day and actual visits. */
    @Transactional(readOnly = true)
    public List<TrendDay> trend(DataScope scope) {
        LocalDate today = LocalDate.now(clock.withZone(SchoolTime.ZONE));
        LocalDate first = today.minusDays(TREND_DAYS - 1);
        return jdbc.run(c -> {
            VisitorBookingRecords.Where where = new VisitorBookingRecords.Where();
            where.scope(c, scope);
            where.add("b.visit_date >= ?", first);
            where.add("b.visit_date <= ?", today);
            List<TrendDay> days = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT day::date, coalesce(a.bookings, 0), coalesce(a.visits, 0)
                    FROM generate_series(?::date, ?::date, interval '1 day') AS day
                    LEFT JOIN (SELECT b.visit_date, count(*) AS bookings,
                                      count(*) FILTER (WHERE b.status = 'VISITED') AS visits
                               FROM visitor_booking b %s
                               GROUP BY b.visit_date) a ON a.visit_date = day::date
                    ORDER BY 1
                    """.formatted(where.sql()))) {
                ps.setObject(1, first);
                ps.setObject(2, today);
                where.bindFrom(ps, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        days.add(new TrendDay(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
            return days;
        });
    }

    /** The latest visits, newest first (A2 最近访客). */
    @Transactional(readOnly = true)
    public List<RecentVisit> recent(DataScope scope, int limit) {
        return jdbc.run(c -> {
            VisitorBookingRecords.Where where = new VisitorBookingRecords.Where();
            where.add("b.visited_at IS NOT NULL");
            where.scope(c, scope);
            List<RecentVisit> visits = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT b.id, b.visitor_name, b.visitor_phone_masked, b.companion_count, b.host_name, d.name,
                           g.name, b.visited_at
                    FROM (SELECT * FROM visitor_booking b %s ORDER BY b.visited_at DESC, b.id DESC LIMIT ?) b
                    LEFT JOIN department d ON d.id = b.host_department_id
                    LEFT JOIN gate g ON g.id = b.visited_gate_id
                    ORDER BY b.visited_at DESC, b.id DESC
                    """.formatted(where.sql()))) {
                int i = where.bind(ps);
                ps.setInt(i, Math.min(Math.max(1, limit), 20));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        visits.add(new RecentVisit(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                VisitorBookingRecords.instant(rs, 8)));
                    }
                }
            }
            return visits;
        });
    }

    private static void range(VisitorBookingRecords.Where where, StatsPeriod period) {
        if (period.from() != null) {
            where.add("b.visit_date >= ?", period.from());
        }
        if (period.to() != null) {
            where.add("b.visit_date <= ?", period.to());
        }
    }
}
