package cn.campuspass.access;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.registrant.Registrants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registrant access records (A6.1): newest first, combined filters, paged. Each filter is a predicate that one of
 * the {@code access_record} indexes leads with, followed by {@code passed_at DESC, id DESC}, so a page is read
 * from one index in order and the query stops after it. The total is counted exactly up to {@link #COUNT_CAP} and
 * reported as "more than" beyond that, which keeps a page fast at millions of rows.
 */
@Service
public class AccessRecords {

    /** China has one time zone; dates in filters are school-local days. */
    public static final java.time.ZoneId SCHOOL_ZONE = SchoolTime.ZONE;

    static final int COUNT_CAP = 10_000;

    public enum Result {
        PASSED,
        DENIED
    }

    public record Filter(
            String text,
            LocalDate from,
            LocalDate to,
            Long departmentId,
            Long managedDepartmentId,
            Identity identity,
            Long gateId,
            VerificationMethod method,
            Result result) {}

    public record Row(
            long id,
            Long registrantId,
            String name,
            String phone,
            Identity identity,
            String number,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            Long campusId,
            String campusName,
            Long gateId,
            String gateName,
            VerificationMethod method,
            boolean allowed,
            AccessDenial reason,
            String verifiedBy,
            Instant passedAt) {}

    /** {@code total} is exact when {@code totalExact}, else a lower bound ({@value #COUNT_CAP}+). */
    public record Page(List<Row> items, long total, boolean totalExact) {}

    public record TodayCounts(long passed, long denied) {}

    private final SchoolJdbc jdbc;
    private final Registrants registrants;
    private final Clock clock;

    AccessRecords(SchoolJdbc jdbc, Registrants registrants, Clock clock) {
        this.jdbc = jdbc;
        this.registrants = registrants;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page search(Filter filter, DataScope scope, int page, int size) {
        int limit = Math.min(Math.max(1, size), 100);
        int offset = Math.max(0, page) * limit;
        return jdbc.run(c -> {
            Where where = where(c, filter, scope);
            if (where == null) {
                return new Page(List.of(), 0, true);
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.registrant_id, r.name, r.phone_masked, r.identity, r.number,
                           r.department_id, d.name, r.managed_department_id, md.name,
                           r.campus_id, c.name, r.gate_id, g.name, r.method, r.allowed, r.reason, r.verified_by,
                           r.passed_at
                    FROM (SELECT * FROM access_record r %s ORDER BY %sr.passed_at DESC, r.id DESC LIMIT ? OFFSET ?) r
                    LEFT JOIN department d ON d.id = r.department_id
                    LEFT JOIN department md ON md.id = r.managed_department_id
                    LEFT JOIN campus c ON c.id = r.campus_id
                    LEFT JOIN gate g ON g.id = r.gate_id
                    ORDER BY r.passed_at DESC, r.id DESC
                    """.formatted(where.sql(), where.leading()))) {
                int i = where.bind(ps);
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            long total;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM access_record r %s LIMIT %d) capped"
                            .formatted(where.sql(), COUNT_CAP + 1))) {
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return total > COUNT_CAP ? new Page(rows, COUNT_CAP, false) : new Page(rows, total, true);
        });
    }

    /** Passed and denied verifications since the start of today, school time (home page). */
    @Transactional(readOnly = true)
    public TodayCounts today(DataScope scope) {
        LocalDate today = LocalDate.now(clock.withZone(SCHOOL_ZONE));
        var start = today.atStartOfDay(SCHOOL_ZONE).toOffsetDateTime();
        var end = today.plusDays(1).atStartOfDay(SCHOOL_ZONE).toOffsetDateTime();
        return jdbc.run(c -> {
            Where where = new Where();
            where.scope(c, scope);
            where.add("r.passed_at >= ?", start);
            where.add("r.passed_at < ?", end);
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FILTER (WHERE allowed), count(*) FILTER (WHERE NOT allowed)"
                            + " FROM access_record r " + where.sql())) {
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new TodayCounts(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /** The WHERE clause and its parameters; null when the keyword matches nobody (the page is empty). */
    private Where where(Connection c, Filter f, DataScope scope) throws SQLException {
        Where where = new Where();
        where.scope(c, scope);
        if (f.text() != null && !f.text().isBlank()) {
            // The registrant list's own keyword rule: name or 学号/工号 substring, or a whole phone (blind index).
            long[] ids = registrants.idsMatching(
                    new Registrants.Filter(null, null, f.text(), null, null), DataScope.wholeSchool());
            if (ids.length == 0) {
                return null;
            }
            where.add("r.registrant_id = ANY (?)", c.createArrayOf("bigint", AccessRules.boxed(ids)));
        }
        if (f.from() != null) {
            where.add("r.passed_at >= ?", f.from().atStartOfDay(SCHOOL_ZONE).toOffsetDateTime());
        }
        if (f.to() != null) {
            where.add(
                    "r.passed_at < ?",
                    f.to().plusDays(1).atStartOfDay(SCHOOL_ZONE).toOffsetDateTime());
        }
        // A keyword already narrows to a few registrants (their index); otherwise the most selective equality leads.
        String lead = f.text() != null && !f.text().isBlank()
                ? null
                : f.gateId() != null
                        ? "r.gate_id"
                        : f.departmentId() != null
                                ? "r.department_id"
                                : f.managedDepartmentId() != null
                                        ? "r.managed_department_id"
                                        : f.identity() != null ? "r.identity" : f.method() != null ? "r.method" : null;
        where.equal(c, lead, "r.gate_id", "bigint", f.gateId());
        where.equal(c, lead, "r.department_id", "bigint", f.departmentId());
        where.equal(c, lead, "r.managed_department_id", "bigint", f.managedDepartmentId());
        where.equal(
                c,
                lead,
                "r.identity",
                "varchar",
                f.identity() == null ? null : f.identity().name());
        where.equal(
                c,
                lead,
                "r.method",
                "varchar",
                f.method() == null ? null : f.method().name());
        if (f.result() != null) {
            where.add("r.allowed = ?", f.result() == Result.PASSED);
        }
        return where;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String reason = rs.getString(17);
        String identity = rs.getString(5); // null on the record of a code that matched no pass
        return new Row(
                rs.getLong(1),
                nullableLong(rs, 2),
                rs.getString(3),
                rs.getString(4),
                identity == null ? null : Identity.valueOf(identity),
                rs.getString(6),
                nullableLong(rs, 7),
                rs.getString(8),
                nullableLong(rs, 9),
                rs.getString(10),
                nullableLong(rs, 11),
                rs.getString(12),
                nullableLong(rs, 13),
                rs.getString(14),
                VerificationMethod.valueOf(rs.getString(15)),
                rs.getBoolean(16),
                reason == null ? null : AccessDenial.valueOf(reason),
                rs.getString(18),
                rs.getTimestamp(19).toInstant());
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * AND-ed predicates with positional parameters, and the equality-filtered column that leads the page's ORDER BY.
     * Ordering by a column fixed by the filter changes nothing in the result, but makes the planner walk that column's
     * {@code (column, passed_at DESC, id DESC)} index. Left to its estimates, which assume filtered rows are spread
     * evenly over time, it may walk {@code passed_at} alone, and when the newest rows are all of another identity,
     * method or gate (a morning of student traffic, a gate closed for a month) it filters away hundreds of thousands
     * of rows. The most selective filter set leads: gate, department, managed department, identity, method.
     */
    private static final class Where {
        private final List<String> predicates = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();
        private String leading;

        /**
         * {@code column = value} when the value is set. The leading column is written {@code column = ANY(array)}
         * instead and put first in the ORDER BY: PostgreSQL drops a plain equality's column from the sort keys as
         * constant (and may then walk {@code passed_at} alone), but keeps an {@code = ANY} column, so only that
         * column's ordered index can deliver the page without a sort.
         */
        void equal(Connection c, String lead, String column, String sqlType, Object value) throws SQLException {
            if (value == null) {
                return;
            }
            if (column.equals(lead)) {
                add(column + " = ANY (?)", c.createArrayOf(sqlType, new Object[] {value}));
                leading = column;
            } else {
                add(column + " = ?", value);
            }
        }

        /**
         * Whose records the caller may see: a department administrator the records of people of the departments
         * they run (by department or managing department); a scope of own records those this user verified.
         */
        void scope(Connection c, DataScope scope) throws SQLException {
            if (scope instanceof DataScope.Departments departments) {
                Object[] ids = departments.departmentIds().toArray();
                add(
                        "(r.department_id = ANY (?) OR r.managed_department_id = ANY (?))",
                        c.createArrayOf("bigint", ids),
                        c.createArrayOf("bigint", ids));
            } else if (scope instanceof DataScope.OwnRecords own) {
                add("r.verified_by = ?", own.account());
            }
        }

        /** The ORDER BY prefix: {@code "<column>, "} or empty. */
        String leading() {
            return leading == null ? "" : leading + ", ";
        }

        void add(String predicate, Object... values) {
            predicates.add(predicate);
            parameters.addAll(List.of(values));
        }

        String sql() {
            return predicates.isEmpty() ? "" : "WHERE " + String.join(" AND ", predicates);
        }

        /** Binds the parameters from index 1; returns the next free index. */
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object value : parameters) {
                ps.setObject(i++, value);
            }
            return i;
        }
    }
}
