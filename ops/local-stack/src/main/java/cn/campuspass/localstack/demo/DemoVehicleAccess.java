package cn.campuspass.localstack.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vehicle gates and a week of plate events at them: 东门 and 东校区正门 are vehicle gates; approved cars of the demo
 * vehicles drive in in the morning and out in the evening on weekdays, and the barrier denies what a real one would
 * (a pending or rejected registration, an expired e-bike, a disabled car, an owner without access to the gate, a
 * plate nobody registered, a read too uncertain to trust). Rows carry exactly the columns {@code PlateEvents} writes.
 * Idempotent: the records are seeded once, when the table is empty.
 */
final class DemoVehicleAccess {

    private static final Logger log = LoggerFactory.getLogger(DemoVehicleAccess.class);

    static final List<String> VEHICLE_GATES = List.of("东门", "东校区正门");
    private static final List<String> STRANGERS = List.of("沪A7F321", "浙B9K882", "苏E5Q107", "京N3M661");

    private record Gate(long id, long campusId, String name, String deviceKeyId) {}

    private record Vehicle(
            long id,
            String type,
            String plate,
            String status,
            boolean enabled,
            boolean expired,
            Long registrantId,
            String name,
            String number,
            String identity,
            Long departmentId,
            Long managedDepartmentId,
            boolean registrantEnabled) {}

    private DemoVehicleAccess() {}

    static int seed(DemoDb db, Instant now) throws SQLException {
        try (Connection c = db.connect()) {
            List<Gate> gates = gates(c);
            if (gates.isEmpty()) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO vehicle_gate (gate_id, marked_by) VALUES (?, 'admin') ON CONFLICT (gate_id) DO NOTHING")) {
                for (Gate g : gates) {
                    ps.setLong(1, g.id());
                    ps.executeUpdate();
                }
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM vehicle_access_record")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    log.info("Demo vehicle access records exist already");
                    return 0;
                }
            }
            List<Vehicle> vehicles = vehicles(c);
            if (vehicles.isEmpty()) {
                return 0;
            }
            LocalDate today = now.atZone(DemoAccessRecords.ZONE).toLocalDate();
            List<Object[]> rows = new ArrayList<>();
            for (LocalDate day = today.minusDays(DemoAccessRecords.DAYS_BEFORE_TODAY);
                    !day.isAfter(today);
                    day = day.plusDays(1)) {
                Random rnd = new Random(day.toEpochDay());
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                for (Vehicle v : vehicles) {
                    if (rnd.nextInt(100) >= (weekend ? 15 : 70)) {
                        continue;
                    }
                    Gate gate = gates.get(rnd.nextInt(gates.size()));
                    Instant in = day.atTime(7, 20)
                            .atZone(DemoAccessRecords.ZONE)
                            .toInstant()
                            .plusSeconds(rnd.nextInt(7200));
                    Instant out = day.atTime(17, 10)
                            .atZone(DemoAccessRecords.ZONE)
                            .toInstant()
                            .plusSeconds(rnd.nextInt(10800));
                    String reason = reason(c, v, gate);
                    rows.add(row(v, v.plate(), gate, "IN", 0.90 + rnd.nextInt(10) / 100.0, reason, in));
                    if (reason == null) {
                        rows.add(row(v, v.plate(), gate, "OUT", 0.90 + rnd.nextInt(10) / 100.0, null, out));
                    }
                    if (rnd.nextInt(100) < 4) { // a dirty plate or a bad angle: the camera is not sure
                        rows.add(row(
                                null,
                                v.plate(),
                                gate,
                                "IN",
                                0.42 + rnd.nextInt(30) / 100.0,
                                "LOW_CONFIDENCE",
                                in.minusSeconds(40)));
                    }
                }
                for (String plate : STRANGERS) {
                    if (rnd.nextInt(100) < 35) {
                        Gate gate = gates.get(rnd.nextInt(gates.size()));
                        Instant at = day.atTime(9, 0)
                                .atZone(DemoAccessRecords.ZONE)
                                .toInstant()
                                .plusSeconds(rnd.nextInt(28_800));
                        rows.add(row(null, plate, gate, "IN", 0.88 + rnd.nextInt(12) / 100.0, "UNREGISTERED", at));
                    }
                }
            }
            rows.removeIf(r -> ((Instant) r[12]).isAfter(now));
            insert(c, rows);
            log.info("Demo vehicle access records: {} rows at {} vehicle gates", rows.size(), gates.size());
            return rows.size();
        }
    }

    /** The decision {@code PlateEvents} would take for this vehicle at this gate, or null to let it through. */
    private static String reason(Connection c, Vehicle v, Gate gate) throws SQLException {
        if (v.status().equals("PENDING")) {
            return "PENDING";
        }
        if (v.status().equals("REJECTED")) {
            return "REJECTED";
        }
        if (!v.enabled() || (v.registrantId() != null && !v.registrantEnabled())) {
            return "DISABLED";
        }
        if (v.expired()) {
            return "EXPIRED";
        }
        if (v.registrantId() != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM registrant_gate_access WHERE registrant_id = ? AND gate_id = ?")) {
                ps.setLong(1, v.registrantId());
                ps.setLong(2, gate.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return "NO_GATE_ACCESS";
                    }
                }
            }
        }
        return null;
    }

    private static Object[] row(
            Vehicle v, String plate, Gate gate, String direction, double confidence, String reason, Instant at) {
        boolean known = v != null && !"LOW_CONFIDENCE".equals(reason);
        return new Object[] {
            plate,
            direction,
            confidence,
            known ? v.id() : null,
            known ? v.type() : null,
            known ? v.registrantId() : null,
            known ? v.name() : null,
            known ? v.number() : null,
            known ? v.identity() : null,
            known ? v.departmentId() : null,
            known ? v.managedDepartmentId() : null,
            gate,
            at,
            reason
        };
    }

    private static void insert(Connection c, List<Object[]> rows) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO vehicle_access_record (plate, direction, confidence, vehicle_id, vehicle_type, registrant_id,
                    name, number, identity, department_id, managed_department_id, campus_id, gate_id, device_key_id,
                    allowed, reason, event_at, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Object[] r : rows) {
                Gate gate = (Gate) r[11];
                OffsetDateTime at = OffsetDateTime.ofInstant((Instant) r[12], DemoAccessRecords.ZONE);
                ps.setString(1, (String) r[0]);
                ps.setString(2, (String) r[1]);
                ps.setBigDecimal(
                        3, java.math.BigDecimal.valueOf((Double) r[2]).setScale(3, java.math.RoundingMode.DOWN));
                ps.setObject(4, r[3], Types.BIGINT);
                ps.setString(5, (String) r[4]);
                ps.setObject(6, r[5], Types.BIGINT);
                ps.setString(7, (String) r[6]);
                ps.setString(8, (String) r[7]);
                ps.setString(9, (String) r[8]);
                ps.setObject(10, r[9], Types.BIGINT);
                ps.setObject(11, r[10], Types.BIGINT);
                ps.setLong(12, gate.campusId());
                ps.setLong(13, gate.id());
                ps.setString(14, gate.deviceKeyId());
                ps.setBoolean(15, r[13] == null);
                ps.setString(16, (String) r[13]);
                ps.setObject(17, at);
                ps.setObject(18, at);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static List<Gate> gates(Connection c) throws SQLException {
        List<Gate> gates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.id, g.campus_id, g.name,
                       (SELECT d.key_id FROM gate_device d WHERE d.gate_id = g.id ORDER BY d.id LIMIT 1)
                FROM gate g WHERE g.name = ANY (?) ORDER BY g.id""")) {
            ps.setArray(1, c.createArrayOf("varchar", VEHICLE_GATES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gates.add(new Gate(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return gates;
    }

    private static List<Vehicle> vehicles(Connection c) throws SQLException {
        List<Vehicle> vehicles = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT v.id, v.type, v.plate, v.status, v.enabled,
                               v.type = 'EBIKE' AND v.status = 'APPROVED' AND NOT v.long_term
                                   AND v.valid_until < current_date,
                               r.id, r.name, r.number, r.identity, r.department_id, r.managed_department_id,
                               coalesce(r.enabled, true)
                        FROM vehicle v LEFT JOIN registrant r ON r.id = v.registrant_id
                        WHERE v.deleted_at IS NULL
                        ORDER BY v.id LIMIT 60""")) {
            while (rs.next()) {
                vehicles.add(new Vehicle(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getBoolean(6),
                        rs.getObject(7, Long.class),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getObject(11, Long.class),
                        rs.getObject(12, Long.class),
                        rs.getBoolean(13)));
            }
        }
        return vehicles;
    }
}
