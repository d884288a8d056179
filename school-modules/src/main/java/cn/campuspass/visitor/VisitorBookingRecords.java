package cn.campuspass.visitor;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's visitor booking records (A6.2): visitor requests and host invitations together, newest visit date
 * first, with combined filters and paging. Rows carry the snapshot columns of the booking (masked phone and ID,
 * never a sealed value), the host's department, the gate and method of the visit. A department administrator sees
 * the bookings whose host department they run. The total is exact up to {@link #COUNT_CAP}, a lower bound beyond.
 */
@Service
public class VisitorBookingRecords {

    static final int COUNT_CAP = 10_000;

    /** 访问状态: whether the visitor came. */
    public enum Visit {
        VISITED,
        NOT_VISITED
    }

    /**
     * @param text a plate, a visitor's or host's name (substring), or a whole phone number (the visitor's or the
     *     invited phone, matched through the blind index)
     * @param visitorId a drill-down from the leaderboard
     * @param method the verification method of the visit (GUARD, DEVICE)
     */
    public record Filter(
            String text,
            LocalDate from,
            LocalDate to,
            BookingStatus status,
            BookingKind kind,
            VisitSlot slot,
            Visit visit,
            Long departmentId,
            Long gateId,
            String method,
            Long visitorId) {}

    public record Row(
            long id,
            BookingKind kind,
            BookingStatus status,
            LocalDate date,
            VisitSlot slot,
            Long visitorId,
            String visitorName,
            String visitorPhoneMasked,
            int companionCount,
            long hostId,
            String hostName,
            Long departmentId,
            String departmentName,
            String reason,
            Transport transport,
            String plate,
            Instant visitedAt,
            Long gateId,
            String gateName,
            String method,
            Instant createdAt) {}

    /** A row and what the details drawer adds: companions, ID (masked), decision, pledge. */
    public record Details(
            Row booking,
            List<Companion> companions,
            String visitorIdNumberMasked,
            String rejectReason,
            String decidedBy,
            Instant decidedAt,
            Instant pledgeAcceptedAt,
            String campusName) {}

    public record Page(List<Row> items, long total, boolean totalExact) {}

    private static final String COLUMNS = """
            b.id, b.kind, b.status, b.visit_date, b.slot, b.visitor_id, b.visitor_name, b.visitor_phone_masked,
            b.companion_count, b.host_id, b.host_name, b.host_department_id, d.name, b.reason, b.transport, b.plate,
            b.visited_at, b.visited_gate_id, g.name, m.method, b.created_at""";

    private static final String JOINS = """
            LEFT JOIN department d ON d.id = b.host_department_id
            LEFT JOIN gate g ON g.id = b.visited_gate_id
            LEFT JOIN LATERAL (SELECT r.method FROM visitor_access_record r
                               WHERE r.booking_id = b.id AND r.allowed ORDER BY r.passed_at LIMIT 1) m ON true""";

    private final SchoolJdbc jdbc;
    private final Visitors visitors;

    VisitorBookingRecords(SchoolJdbc jdbc, Visitors visitors) {
        this.jdbc = jdbc;
        this.visitors = visitors;
    }

    @Transactional(readOnly = true)
    public Page search(Filter filter, DataScope scope, int page, int size) {
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw new ApiException(VisitorConsoleError.VISITOR_RECORD_FILTER_INVALID);
        }
        int limit = Math.min(Math.max(1, size), 100);
        int offset = Math.max(0, page) * limit;
        return jdbc.run(c -> {
            Where where = where(c, filter, scope);
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT %s
                    FROM (SELECT * FROM visitor_booking b %s ORDER BY b.visit_date DESC, b.id DESC LIMIT ? OFFSET ?) b
                    %s
                    ORDER BY b.visit_date DESC, b.id DESC
                    """.formatted(COLUMNS, where.sql(), JOINS))) {
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
                    c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM visitor_booking b %s LIMIT %d) capped"
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

    /** One booking for the details drawer; not found outside the caller's scope. */
    @Transactional(readOnly = true)
    public Details get(long id, DataScope scope) {
        return jdbc.run(c -> {
            Where where = new Where();
            where.scope(c, scope);
            where.add("b.id = ?", id);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT %s, b.companions::text, b.visitor_id_masked, b.reject_reason, b.decided_by, b.decided_at,
                           b.pledge_accepted_at, cp.name
                    FROM visitor_booking b
                    %s
                    LEFT JOIN campus cp ON cp.id = g.campus_id
                    %s
                    """.formatted(COLUMNS, JOINS, where.sql()))) {
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(VisitorConsoleError.VISITOR_RECORD_NOT_FOUND);
                    }
                    return new Details(
                            row(rs),
                            Companions.fromJson(rs.getString(22)),
                            rs.getString(23),
                            rs.getString(24),
                            rs.getString(25),
                            instant(rs, 26),
                            instant(rs, 27),
                            rs.getString(28));
                }
            }
        });
    }

    private Where where(Connection c, Filter f, DataScope scope) throws SQLException {
        Where where = new Where();
        where.scope(c, scope);
        String text = f.text() == null ? "" : f.text().strip();
        if (!text.isEmpty()) {
            Optional<PhoneNumber> phone = PhoneNumber.parse(text);
            if (phone.isPresent()) {
                // A whole phone: the visitor's sealed phone or the phone an invitation was sent to, by blind index.
                String index = visitors.phoneIndex(phone.get());
                where.add(
                        "(b.visitor_id IN (SELECT v.id FROM visitor v WHERE v.phone_index = ?)"
                                + " OR b.invitee_phone_index = ?)",
                        index,
                        index);
            } else {
                String like =
                        "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                where.add("(b.visitor_name ILIKE ? OR b.host_name ILIKE ? OR b.plate ILIKE ?)", like, like, like);
            }
        }
        if (f.from() != null) {
            where.add("b.visit_date >= ?", f.from());
        }
        if (f.to() != null) {
            where.add("b.visit_date <= ?", f.to());
        }
        if (f.status() != null) {
            where.add("b.status = ?", f.status().name());
        }
        if (f.kind() != null) {
            where.add("b.kind = ?", f.kind().name());
        }
        if (f.slot() != null) {
            where.add("b.slot = ?", f.slot().name());
        }
        if (f.visit() == Visit.VISITED) {
            where.add("b.visited_at IS NOT NULL");
        } else if (f.visit() == Visit.NOT_VISITED) {
            where.add("b.visited_at IS NULL");
        }
        if (f.departmentId() != null) {
            where.add("b.host_department_id = ?", f.departmentId());
        }
        if (f.gateId() != null) {
            where.add("b.visited_gate_id = ?", f.gateId());
        }
        if (f.method() != null && !f.method().isBlank()) {
            where.add(
                    "EXISTS (SELECT 1 FROM visitor_access_record r WHERE r.booking_id = b.id AND r.allowed"
                            + " AND r.method = ?)",
                    f.method());
        }
        if (f.visitorId() != null) {
            where.add("b.visitor_id = ?", f.visitorId());
        }
        return where;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String transport = rs.getString(15);
        return new Row(
                rs.getLong(1),
                BookingKind.valueOf(rs.getString(2)),
                BookingStatus.valueOf(rs.getString(3)),
                rs.getObject(4, LocalDate.class),
                VisitSlot.valueOf(rs.getString(5)),
                nullableLong(rs, 6),
                rs.getString(7),
                rs.getString(8),
                rs.getInt(9),
                rs.getLong(10),
                rs.getString(11),
                nullableLong(rs, 12),
                rs.getString(13),
                rs.getString(14),
                transport == null ? null : Transport.valueOf(transport),
                rs.getString(16),
                instant(rs, 17),
                nullableLong(rs, 18),
                rs.getString(19),
                rs.getString(20),
                instant(rs, 21));
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** AND-ed predicates over {@code visitor_booking b} with positional parameters, the caller's scope first. */
    static final class Where {
        private final List<String> predicates = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        /**
         * A department administrator: bookings whose host department they run (an empty set sees nothing). Own
         * records: bookings this staff user created or decided (staff do neither today, so nothing).
         */
        void scope(Connection c, DataScope scope) throws SQLException {
            if (scope instanceof DataScope.Departments departments) {
                add(
                        "b.host_department_id = ANY (?)",
                        c.createArrayOf("bigint", departments.departmentIds().toArray()));
            } else if (scope instanceof DataScope.OwnRecords own) {
                add("(b.created_by = ? OR b.decided_by = ?)", own.account(), own.account());
            }
        }

        void add(String predicate, Object... values) {
            predicates.add(predicate);
            parameters.addAll(List.of(values));
        }

        List<Object> parameters() {
            return parameters;
        }

        String sql() {
            return predicates.isEmpty() ? "" : "WHERE " + String.join(" AND ", predicates);
        }

        /** Binds the parameters from index 1; returns the next free index. */
        int bind(PreparedStatement ps) throws SQLException {
            return bindFrom(ps, 1);
        }

        /** Binds the parameters from index {@code first}; returns the next free index. */
        int bindFrom(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object value : parameters) {
                if (value instanceof LocalDate date) {
                    ps.setObject(i++, date);
                } else {
                    ps.setObject(i++, value);
                }
            }
            return i;
        }
    }
}
