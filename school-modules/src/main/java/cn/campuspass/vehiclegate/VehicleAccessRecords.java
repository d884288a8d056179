package cn.campuspass.vehiclegate;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.vehicle.PlateNumber;
import cn.campuspass.vehicle.VehicleType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Vehicle access records: newest first, combined filters like the registrant access records, within the staff
 * member's data scope (a department administrator sees the records of vehicles whose registrant belongs to the
 * departments they run; records of unregistered plates are seen by whole-school roles only). Totals are exact up to
 * {@value #COUNT_CAP}, then reported as "more than".
 */
@Service
public class VehicleAccessRecords {

    static final int COUNT_CAP = 10_000;
    static final Duration SNAPSHOT_TTL = Duration.ofMinutes(10);

    public enum Result {
        PASSED,
        DENIED
    }

    /**
     * Each field is optional. {@code text} is a substring of the plate (normalised) or of the registrant's name or
     * 学号/工号; {@code from}/{@code to} are school-local days, inclusive.
     */
    public record Filter(
            String text,
            LocalDate from,
            LocalDate to,
            Long gateId,
            Direction direction,
            Result result,
            PlateDenial reason,
            VehicleType vehicleType,
            Long departmentId,
            Identity identity) {}

    public record Row(
            long id,
            String plate,
            Direction direction,
            BigDecimal confidence,
            Long vehicleId,
            VehicleType vehicleType,
            Long registrantId,
            String name,
            String number,
            Identity identity,
            Long departmentId,
            String departmentName,
            Long campusId,
            String campusName,
            long gateId,
            String gateName,
            boolean allowed,
            PlateDenial reason,
            String reasonLabel,
            String deviceKeyId,
            String snapshotUrl,
            Instant eventAt,
            Instant recordedAt) {}

    public record Page(List<Row> items, long total, boolean totalExact) {}

    private final SchoolJdbc jdbc;
    private final ObjectStore storage;

    VehicleAccessRecords(SchoolJdbc jdbc, ObjectStore storage) {
        this.jdbc = jdbc;
        this.storage = storage;
    }

    @Transactional(readOnly = true)
    public Page search(Filter filter, DataScope scope, int page, int size) {
        int limit = Math.min(Math.max(1, size), 100);
        long offset = (long) Math.max(0, page) * limit;
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (scope instanceof DataScope.Departments departments) {
            where.add("(r.department_id = ANY (?) OR r.managed_department_id = ANY (?))");
            params.add(departments.departmentIds().toArray(Long[]::new));
            params.add(departments.departmentIds().toArray(Long[]::new));
        } else if (!(scope instanceof DataScope.WholeSchool)) {
            return new Page(List.of(), 0, true); // records are made by devices: "own records" holds none
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String text = filter.text().strip();
            where.add("(r.plate LIKE ? OR r.name LIKE ? OR r.number LIKE ?)");
            params.add("%" + like(PlateNumber.normalise(text)) + "%");
            params.add("%" + like(text) + "%");
            params.add("%" + like(text) + "%");
        }
        if (filter.from() != null) {
            where.add("r.recorded_at >= ?");
            params.add(filter.from().atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        if (filter.to() != null) {
            where.add("r.recorded_at < ?");
            params.add(filter.to().plusDays(1).atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        equal(where, params, "r.gate_id", filter.gateId());
        equal(
                where,
                params,
                "r.direction",
                filter.direction() == null ? null : filter.direction().name());
        if (filter.result() != null) {
            where.add("r.allowed = ?");
            params.add(filter.result() == Result.PASSED);
        }
        equal(
                where,
                params,
                "r.reason",
                filter.reason() == null ? null : filter.reason().name());
        equal(
                where,
                params,
                "r.vehicle_type",
                filter.vehicleType() == null ? null : filter.vehicleType().name());
        equal(where, params, "r.department_id", filter.departmentId());
        equal(
                where,
                params,
                "r.identity",
                filter.identity() == null ? null : filter.identity().name());
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        var school = SchoolContext.require();
        return jdbc.run(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.plate, r.direction, r.confidence, r.vehicle_id, r.vehicle_type, r.registrant_id,
                           r.name, r.number, r.identity, r.department_id, d.name, r.campus_id, cp.name, r.gate_id,
                           g.name, r.allowed, r.reason, r.device_key_id, r.snapshot_key, r.event_at, r.recorded_at
                    FROM (SELECT * FROM vehicle_access_record r %s
                          ORDER BY r.recorded_at DESC, r.id DESC LIMIT ? OFFSET ?) r
                    LEFT JOIN department d ON d.id = r.department_id
                    LEFT JOIN campus cp ON cp.id = r.campus_id
                    LEFT JOIN gate g ON g.id = r.gate_id
                    ORDER BY r.recorded_at DESC, r.id DESC""".formatted(clause))) {
                int i = bind(c, ps, params);
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String snapshot = rs.getString(20);
                        rows.add(row(
                                rs, snapshot == null ? null : storage.presignedGet(school, snapshot, SNAPSHOT_TTL)));
                    }
                }
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM vehicle_access_record r"
                    + clause + " LIMIT " + (COUNT_CAP + 1) + ") capped")) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return total > COUNT_CAP ? new Page(rows, COUNT_CAP, false) : new Page(rows, total, true);
        });
    }

    private static void equal(List<String> where, List<Object> params, String column, Object value) {
        if (value != null) {
            where.add(column + " = ?");
            params.add(value);
        }
    }

    private static int bind(java.sql.Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        int i = 1;
        for (Object value : params) {
            if (value instanceof Long[] ids) {
                ps.setArray(i++, c.createArrayOf("bigint", ids));
            } else {
                ps.setObject(i++, value);
            }
        }
        return i;
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Row row(ResultSet rs, String snapshotUrl) throws SQLException {
        String type = rs.getString(6);
        String identity = rs.getString(10);
        String reason = rs.getString(18);
        PlateDenial denial = reason == null ? null : PlateDenial.valueOf(reason);
        return new Row(
                rs.getLong(1),
                rs.getString(2),
                Direction.valueOf(rs.getString(3)),
                rs.getBigDecimal(4),
                rs.getObject(5, Long.class),
                type == null ? null : VehicleType.valueOf(type),
                rs.getObject(7, Long.class),
                rs.getString(8),
                rs.getString(9),
                identity == null ? null : Identity.valueOf(identity),
                rs.getObject(11, Long.class),
                rs.getString(12),
                rs.getObject(13, Long.class),
                rs.getString(14),
                rs.getLong(15),
                rs.getString(16),
                rs.getBoolean(17),
                denial,
                denial == null ? "允许通行" : denial.label(),
                rs.getString(19),
                snapshotUrl,
                rs.getTimestamp(21).toInstant(),
                rs.getTimestamp(22).toInstant());
    }
}
