package cn.campuspass.visitor;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Figures over visitor bookings for the console and the staff portal: per host department (A6.3, S3.2), the visitor
 * leaderboard (A6.4, S3.3), the home page's 30-day trend and recent visitors (A2), the overview and per-day figures
 * (S3.1) and the gates (S3.4). Closed days come from the V25 roll-ups, the days after their watermark from the raw
 * rows ({@link VisitorStatsRollups}); scoped like the booking list: a department administrator counts the bookings
 * of the host departments they run.
 *
 * <p>应到 (expected) counts the bookings that were in effect: approved (still to come), visited, and expired (approved
 * but nobody came); 实到 (actual) the visited ones. People are the visitor and their companions.
 */
@Service
public class VisitorStatistics {

    static final String EXPECTED = "('APPROVED', 'VISITED', 'EXPIRED')";
    public static final int LEADERBOARD_MAX = 100;
    public static final int TREND_DAYS = 30;
    /** Periods longer than this are given by month in {@link #daily}. */
    public static final int MAX_DAILY_BUCKETS = 92;

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

    /** S3.1 访客概况 (see {@link #overview}). */
    public record Overview(
            LocalDate today,
            long totalVisits,
            long totalVisitPeople,
            long todayExpected,
            long todayExpectedPeople,
            long todayActual,
            long todayActualPeople) {}

    /** How {@link #daily} groups: by day, or by calendar month for long periods. */
    public enum Unit {
        DAY,
        MONTH
    }

    /** One bucket: 到访预约数 (visits), 到访人数 (visitPeople), and all bookings of its days. */
    public record DayRow(LocalDate from, LocalDate to, long visits, long visitPeople, long bookings) {}

    public record Daily(StatsPeriod period, LocalDate from, LocalDate to, Unit unit, List<DayRow> items) {}

    public record GateRow(long campusId, String campusName, long gateId, String gateName, long bookings, long people) {}

    public record Gates(StatsPeriod period, List<GateRow> items) {}

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
            Source source = bookingDays(c, scope, period.from(), period.to());
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
                        SELECT r.department_id AS id, sum(r.visited) AS actual, sum(r.expected) AS expected,
                               sum(r.visited_people) AS actual_people, sum(r.expected_people) AS expected_people
                        FROM %1$s
                        GROUP BY r.department_id)
                    SELECT d.id, d.name, coalesce(a.actual, 0), coalesce(a.expected, 0),
                           coalesce(a.actual_people, 0), coalesce(a.expected_people, 0), d.sort_order
                    FROM department d LEFT JOIN a ON a.id = d.id
                    %2$s
                    UNION ALL
                    SELECT NULL, NULL, a.actual, a.expected, a.actual_people, a.expected_people, 2147483647
                    FROM a WHERE a.id IS NULL AND (a.actual > 0 OR a.expected > 0)
                    ORDER BY 4 DESC, 3 DESC, 7, 2
                    """.formatted(source.sql(), departments.sql()))) {
                int i = source.bindFrom(ps, 1);
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
     *
     * <p>全部 reads the per-visitor totals of closed days plus the raw bookings after the watermark: for the whole
     * school the top of {@code visitor_stats_visitor} (one index read) joined with every visitor who has open
     * bookings is enough, since a visitor outside both can only rank behind all of that top. A date range reads the
     * raw bookings of the range (per-visitor-day roll-up rows would be as many as the bookings; see
     * docs/performance.md).
     */
    @Transactional(readOnly = true)
    public Leaderboard leaderboard(StatsPeriod period, DataScope scope, int limit) {
        int top = Math.min(Math.max(1, limit), LEADERBOARD_MAX);
        return jdbc.run(c -> {
            LocalDate closed = period.from() == null && period.to() == null
                    ? VisitorStatsRollups.closedThrough(c, VisitorStatsRollups.Kind.BOOKING, scope)
                    : null;
            String totals;
            List<Object> parameters = new ArrayList<>();
            if (closed != null && scope instanceof DataScope.Departments d) {
                Object ids = c.createArrayOf("bigint", d.departmentIds().toArray());
                totals = """
                        SELECT x.visitor_id, sum(x.visits) AS visits, sum(x.bookings) AS bookings
                        FROM (SELECT s.visitor_id, s.visits, s.bookings FROM visitor_stats_visitor_department s
                              WHERE s.host_department_id = ANY (?)
                              UNION ALL
                              SELECT b.visitor_id, CASE WHEN b.status = 'VISITED' THEN 1 ELSE 0 END, 1
                              FROM visitor_booking b
                              WHERE b.visitor_id IS NOT NULL AND b.visit_date > ? AND b.host_department_id = ANY (?)) x
                        GROUP BY x.visitor_id
                        HAVING sum(x.bookings) > 0
                        ORDER BY visits DESC, bookings DESC, x.visitor_id
                        LIMIT ?""";
                parameters.addAll(List.of(ids, closed, ids, top));
            } else if (closed != null) {
                totals = """
                        WITH o AS (SELECT b.visitor_id, count(*) FILTER (WHERE b.status = 'VISITED') AS visits,
                                          count(*) AS bookings
                                   FROM visitor_booking b
                                   WHERE b.visitor_id IS NOT NULL AND b.visit_date > ?
                                   GROUP BY b.visitor_id),
                             k AS (SELECT t.visitor_id FROM (SELECT s.visitor_id FROM visitor_stats_visitor s
                                                            ORDER BY s.visits DESC, s.bookings DESC, s.visitor_id
                                                            LIMIT ?) t
                                   UNION SELECT o.visitor_id FROM o)
                        SELECT k.visitor_id, coalesce(s.visits, 0) + coalesce(o.visits, 0) AS visits,
                               coalesce(s.bookings, 0) + coalesce(o.bookings, 0) AS bookings
                        FROM k LEFT JOIN visitor_stats_visitor s ON s.visitor_id = k.visitor_id
                               LEFT JOIN o ON o.visitor_id = k.visitor_id
                        WHERE coalesce(s.bookings, 0) + coalesce(o.bookings, 0) > 0
                        ORDER BY visits DESC, bookings DESC, k.visitor_id
                        LIMIT ?""";
                parameters.addAll(List.of(closed, top, top));
            } else {
                VisitorBookingRecords.Where where = new VisitorBookingRecords.Where();
                where.add("b.visitor_id IS NOT NULL");
                where.scope(c, scope);
                range(where, period);
                totals = """
                        SELECT b.visitor_id, count(*) FILTER (WHERE b.status = 'VISITED') AS visits,
                               count(*) AS bookings
                        FROM visitor_booking b %s
                        GROUP BY b.visitor_id
                        ORDER BY visits DESC, bookings DESC, b.visitor_id
                        LIMIT ?""".formatted(where.sql());
                parameters.addAll(where.parameters());
                parameters.add(top);
            }
            List<LeaderRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.visitor_id, v.name, v.id_number_masked, v.phone_masked, a.visits, a.bookings
                    FROM (%s) a
                    JOIN visitor v ON v.id = a.visitor_id
                    ORDER BY a.visits DESC, a.bookings DESC, a.visitor_id
                    """.formatted(totals))) {
                bind(ps, 1, parameters);
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
            Source source = bookingDays(c, scope, first, today);
            List<TrendDay> days = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT day::date, coalesce(a.bookings, 0), coalesce(a.visits, 0)
                    FROM generate_series(?::date, ?::date, interval '1 day') AS day
                    LEFT JOIN (SELECT r.visit_date, sum(r.bookings) AS bookings, sum(r.visited) AS visits
                               FROM %s
                               GROUP BY r.visit_date) a ON a.visit_date = day::date
                    ORDER BY 1
                    """.formatted(source.sql()))) {
                ps.setObject(1, first);
                ps.setObject(2, today);
                source.bindFrom(ps, 3);
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

    /**
     * S3.1 访客概况: 到访总数 = every visited booking ever (and its people); 今日应到 / 今日实到 = today's (Shanghai)
     * bookings in effect (approved, visited, expired) and visited ones, as in A6.3.
     */
    @Transactional(readOnly = true)
    public Overview overview(DataScope scope) {
        LocalDate today = LocalDate.now(clock.withZone(SchoolTime.ZONE));
        return jdbc.run(c -> {
            Source source = bookingDays(c, scope, null, null);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT coalesce(sum(r.visited), 0), coalesce(sum(r.visited_people), 0),
                           coalesce(sum(r.expected) FILTER (WHERE r.visit_date = ?), 0),
                           coalesce(sum(r.expected_people) FILTER (WHERE r.visit_date = ?), 0),
                           coalesce(sum(r.visited) FILTER (WHERE r.visit_date = ?), 0),
                           coalesce(sum(r.visited_people) FILTER (WHERE r.visit_date = ?), 0)
                    FROM %s
                    """.formatted(source.sql()))) {
                for (int i = 1; i <= 4; i++) {
                    ps.setObject(i, today);
                }
                source.bindFrom(ps, 5);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Overview(
                            today,
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6));
                }
            }
        });
    }

    /**
     * S3.1 访客趋势 and 数据详情: per Shanghai day 到访预约数 (visited bookings) and 到访人数 (their people), zeros
     * included. A period longer than {@value #MAX_DAILY_BUCKETS} days is given by calendar month instead (each
     * bucket clipped to the period); 全部 runs from the first booking's day to today.
     */
    @Transactional(readOnly = true)
    public Daily daily(StatsPeriod period, DataScope scope) {
        LocalDate today = LocalDate.now(clock.withZone(SchoolTime.ZONE));
        return jdbc.run(c -> {
            Source source = bookingDays(c, scope, period.from(), period.to());
            TreeMap<LocalDate, long[]> byDay = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.visit_date, sum(r.visited), sum(r.visited_people), sum(r.bookings)
                    FROM %s GROUP BY r.visit_date
                    """.formatted(source.sql()))) {
                source.bindFrom(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byDay.put(
                                rs.getObject(1, LocalDate.class),
                                new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                    }
                }
            }
            LocalDate from = period.from() != null ? period.from() : byDay.isEmpty() ? today : byDay.firstKey();
            LocalDate to = period.to() != null ? period.to() : today;
            if (from.isAfter(to)) {
                from = to;
            }
            boolean monthly = ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAILY_BUCKETS;
            List<DayRow> rows = new ArrayList<>();
            LocalDate start = from;
            while (!start.isAfter(to)) {
                LocalDate end = monthly ? start.withDayOfMonth(start.lengthOfMonth()) : start;
                if (end.isAfter(to)) {
                    end = to;
                }
                long visits = 0;
                long people = 0;
                long bookings = 0;
                for (long[] day : byDay.subMap(start, true, end, true).values()) {
                    visits += day[0];
                    people += day[1];
                    bookings += day[2];
                }
                rows.add(new DayRow(start, end, visits, people, bookings));
                start = end.plusDays(1);
            }
            return new Daily(period, from, to, monthly ? Unit.MONTH : Unit.DAY, rows);
        });
    }

    /**
     * S3.4 校门统计: every gate by campus with the bookings that passed it (an allowed visitor access record; a
     * booking passing twice the same day at the same gate counts once per day) and their people (visitor and
     * companions), by the Shanghai day of the pass. Department administrators count their departments' bookings.
     */
    @Transactional(readOnly = true)
    public Gates gates(StatsPeriod period, DataScope scope) {
        return jdbc.run(c -> {
            Source source = gateDays(c, scope, period.from(), period.to());
            List<GateRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT cp.id, cp.name, g.id, g.name, coalesce(a.bookings, 0), coalesce(a.people, 0)
                    FROM gate g JOIN campus cp ON cp.id = g.campus_id
                    LEFT JOIN (SELECT r.gate_id, sum(r.bookings) AS bookings, sum(r.people) AS people
                               FROM %s GROUP BY r.gate_id) a ON a.gate_id = g.id
                    WHERE g.enabled OR a.bookings > 0
                    ORDER BY cp.sort_order, cp.id, g.sort_order, g.id
                    """.formatted(source.sql()))) {
                source.bindFrom(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new GateRow(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getString(4),
                                rs.getLong(5),
                                rs.getLong(6)));
                    }
                }
            }
            return new Gates(period, rows);
        });
    }

    /** A FROM item and its parameters, in the order they appear. */
    record Source(String sql, List<Object> parameters) {
        int bindFrom(PreparedStatement ps, int first) throws SQLException {
            return bind(ps, first, parameters);
        }
    }

    /**
     * Rows {@code (department_id, visit_date, bookings, people, expected, expected_people, visited, visited_people)}
     * of the range and scope: roll-up rows up to the watermark, one row per raw booking after it. Either bound may be
     * null (unbounded).
     */
    static Source bookingDays(Connection c, DataScope scope, LocalDate from, LocalDate to) throws SQLException {
        LocalDate closed = VisitorStatsRollups.closedThrough(c, VisitorStatsRollups.Kind.BOOKING, scope);
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (closed != null && (from == null || !from.isAfter(closed))) {
            VisitorBookingRecords.Where w = new VisitorBookingRecords.Where();
            if (from != null) {
                w.add("s.visit_date >= " + literal(from));
            }
            w.add("s.visit_date <= " + literal(to != null && to.isBefore(closed) ? to : closed));
            if (scope instanceof DataScope.Departments d) {
                w.add(
                        "s.host_department_id = ANY (?)",
                        c.createArrayOf("bigint", d.departmentIds().toArray()));
            }
            parts.add("SELECT s.host_department_id AS department_id, s.visit_date, s.bookings, s.people, s.expected,"
                    + " s.expected_people, s.visited, s.visited_people FROM visitor_stats_day s " + w.sql());
            parameters.addAll(w.parameters());
        }
        LocalDate rawFrom = closed == null ? from : from == null || !from.isAfter(closed) ? closed.plusDays(1) : from;
        if (to == null || rawFrom == null || !rawFrom.isAfter(to)) {
            VisitorBookingRecords.Where w = new VisitorBookingRecords.Where();
            w.scope(c, scope);
            if (rawFrom != null) {
                w.add("b.visit_date >= " + literal(rawFrom));
            }
            if (to != null) {
                w.add("b.visit_date <= " + literal(to));
            }
            parts.add("""
                    SELECT b.host_department_id, b.visit_date, 1, 1 + b.companion_count,
                           CASE WHEN b.status IN %1$s THEN 1 ELSE 0 END,
                           CASE WHEN b.status IN %1$s THEN 1 + b.companion_count ELSE 0 END,
                           CASE WHEN b.status = 'VISITED' THEN 1 ELSE 0 END,
                           CASE WHEN b.status = 'VISITED' THEN 1 + b.companion_count ELSE 0 END
                    FROM visitor_booking b %2$s""".formatted(EXPECTED, w.sql()));
            parameters.addAll(w.parameters());
        }
        if (parts.isEmpty()) {
            parts.add("SELECT NULL::bigint, NULL::date, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,"
                    + " 0::bigint WHERE false");
        }
        return new Source(
                "(" + String.join("\nUNION ALL\n", parts)
                        + ") AS r (department_id, visit_date, bookings, people, expected, expected_people, visited,"
                        + " visited_people)",
                parameters);
    }

    /** Rows {@code (gate_id, day, bookings, people)} of the range and scope: roll-up up to the gate watermark, raw after. */
    static Source gateDays(Connection c, DataScope scope, LocalDate from, LocalDate to) throws SQLException {
        LocalDate closed = VisitorStatsRollups.closedThrough(c, VisitorStatsRollups.Kind.GATE, scope);
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (closed != null && (from == null || !from.isAfter(closed))) {
            VisitorBookingRecords.Where w = new VisitorBookingRecords.Where();
            if (from != null) {
                w.add("s.day >= " + literal(from));
            }
            w.add("s.day <= " + literal(to != null && to.isBefore(closed) ? to : closed));
            if (scope instanceof DataScope.Departments d) {
                w.add(
                        "s.host_department_id = ANY (?)",
                        c.createArrayOf("bigint", d.departmentIds().toArray()));
            }
            parts.add("SELECT s.gate_id, s.day, s.bookings, s.people FROM visitor_stats_gate_day s " + w.sql());
            parameters.addAll(w.parameters());
        }
        LocalDate rawFrom = closed == null ? from : from == null || !from.isAfter(closed) ? closed.plusDays(1) : from;
        if (to == null || rawFrom == null || !rawFrom.isAfter(to)) {
            VisitorBookingRecords.Where inner = new VisitorBookingRecords.Where();
            inner.add("r.allowed");
            if (rawFrom != null) {
                inner.add("r.passed_at >= " + literal(startOf(rawFrom)));
            }
            if (to != null) {
                inner.add("r.passed_at < " + literal(startOf(to.plusDays(1))));
            }
            if (scope instanceof DataScope.Departments d) {
                inner.add(
                        "r.host_department_id = ANY (?)",
                        c.createArrayOf("bigint", d.departmentIds().toArray()));
            }
            VisitorBookingRecords.Where outer = new VisitorBookingRecords.Where();
            if (scope instanceof DataScope.OwnRecords) {
                outer.scope(c, scope);
            }
            parts.add("""
                    SELECT x.gate_id, x.day, 1, 1 + b.companion_count
                    FROM (SELECT DISTINCT r.booking_id, r.gate_id, (r.passed_at AT TIME ZONE 'Asia/Shanghai')::date AS day
                          FROM visitor_access_record r %s) x
                    JOIN visitor_booking b ON b.id = x.booking_id %s""".formatted(inner.sql(), outer.sql()));
            parameters.addAll(inner.parameters());
            parameters.addAll(outer.parameters());
        }
        if (parts.isEmpty()) {
            parts.add("SELECT NULL::bigint, NULL::date, 0::bigint, 0::bigint WHERE false");
        }
        return new Source(
                "(" + String.join("\nUNION ALL\n", parts) + ") AS r (gate_id, day, bookings, people)", parameters);
    }

    /**
     * A date bound written into the statement rather than bound: the split at the watermark must be planned with its
     * value (a generic plan of a prepared statement guesses a third of the table for {@code passed_at >= $1} and
     * scans it). Typed values only, printed in ISO form: nothing a caller types reaches the SQL text.
     */
    private static String literal(LocalDate day) {
        return "DATE '" + day + "'";
    }

    private static String literal(OffsetDateTime instant) {
        return "TIMESTAMPTZ '" + instant + "'";
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(SchoolTime.ZONE).toOffsetDateTime();
    }

    private static int bind(PreparedStatement ps, int first, List<Object> parameters) throws SQLException {
        int i = first;
        for (Object value : parameters) {
            ps.setObject(i++, value);
        }
        return i;
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
