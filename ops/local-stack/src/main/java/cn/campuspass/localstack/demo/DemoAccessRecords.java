package cn.campuspass.localstack.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A week of access records (today so far and the seven days before), with a campus's daily rhythm: staff and
 * contractors arrive in the morning peak, students come back at noon, in the evening peak and before the dormitories
 * close; weekends are quieter. Mostly passed, some denied (a gate not in the person's rules, an expired code, a code
 * of another gate's poster, a disabled person, and codes that match no pass at all, which name nobody).
 *
 * <p>Verifications cannot be backdated through the API, so the rows are inserted with JDBC into the demo school's
 * {@code access_record} table with exactly the columns {@code PassVerifications} writes (V4 + V8): the person's name,
 * masked phone, identity, identity type, 学号/工号 and departments copied as they are now, the gate and its campus,
 * the method (DEVICE with the turnstile's key id, or GUARD with the guard's account), allowed and the denial reason.
 * Since school migration V27 the table is partitioned by Shanghai month: days of a month that has no partition yet
 * (the days before the 1st when the demo school was born this month) land in {@code access_record_default}, list and
 * count like any other, and the app's {@code AccessHousekeeping} moves them into their month's partition on its next
 * run (at start-up and daily).
 *
 * <p>Idempotent: only the time after the newest record is filled in, so a restart adds the days the stack was off
 * and never duplicates. Each person's day comes from a seed of (day, person), so the same day looks the same.
 */
final class DemoAccessRecords {

    private static final Logger log = LoggerFactory.getLogger(DemoAccessRecords.class);

    /** As {@code cn.campuspass.platform.time.SchoolTime#ZONE}. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static final int DAYS_BEFORE_TODAY = 7;

    private record Subject(
            long id,
            String name,
            String phoneMasked,
            String identity,
            Long identityTypeId,
            String number,
            Long departmentId,
            Long managedDepartmentId,
            boolean enabled,
            String departmentName,
            List<Long> gates) {}

    private record Gate(long id, long campusId, String name) {}

    /** One row to insert; subject null for a code that matched no pass, gate null when none was chosen. */
    private record Row(Instant at, Subject subject, Gate gate, String method, String verifiedBy, String reason) {}

    private DemoAccessRecords() {}

    static int seed(DemoDb db, String guardAccount, Instant now) throws SQLException {
        try (Connection c = db.connect()) {
            Instant weekAgo = now.atZone(ZONE)
                    .toLocalDate()
                    .minusDays(DAYS_BEFORE_TODAY)
                    .atStartOfDay(ZONE)
                    .toInstant();
            Instant newest = newest(c);
            Instant from = newest == null || newest.isBefore(weekAgo) ? weekAgo : newest.plusMillis(1);
            if (Duration.between(from, now).toMinutes() < 5) {
                log.info("Demo access records are up to date (newest {})", newest);
                return 0;
            }
            Map<Long, Gate> gates = gates(c);
            if (gates.isEmpty()) {
                return 0;
            }
            Map<Long, String> devices = devices(c);
            List<Subject> subjects = subjects(c);

            List<Row> rows = new ArrayList<>();
            LocalDate first = from.atZone(ZONE).toLocalDate();
            LocalDate today = now.atZone(ZONE).toLocalDate();
            List<Gate> allGates = new ArrayList<>(gates.values());
            for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
                boolean lastDay = day.equals(today);
                for (Subject s : subjects) {
                    day(rows, s, day, lastDay, gates, allGates, devices, guardAccount);
                }
                unknownCodes(rows, day, allGates, devices, guardAccount);
            }
            rows.removeIf(r -> r.at().isBefore(from) || r.at().isAfter(now));
            rows.sort(Comparator.comparing(Row::at));
            insert(c, rows);
            touchDevices(c, rows, devices);
            log.info("Demo access records: {} rows from {} to {}", rows.size(), from, now);
            return rows.size();
        }
    }

    // ---- one person's day --------------------------------------------------------------------------------------

    private static void day(
            List<Row> rows,
            Subject s,
            LocalDate day,
            boolean lastDay,
            Map<Long, Gate> gates,
            List<Gate> allGates,
            Map<Long, String> devices,
            String guard) {
        Random rnd = new Random(day.toEpochDay() * 1_000_003L + s.id() * 7919L);
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        List<Double> hours = new ArrayList<>();
        switch (s.identity()) {
            case "STUDENT" -> {
                if (rnd.nextDouble() < (weekend ? 0.45 : 0.7)) {
                    int entries = 1 + (rnd.nextDouble() < 0.45 ? 1 : 0) + (rnd.nextDouble() < 0.15 ? 1 : 0);
                    for (int i = 0; i < entries; i++) {
                        hours.add(
                                weekend
                                        ? pick(rnd, new double[][] {{10.5, 1.2, 2}, {15.5, 1.5, 2}, {20.5, 1.2, 3}})
                                        : pick(rnd, new double[][] {
                                            {7.6, 0.4, 3}, {12.4, 0.5, 2}, {17.9, 0.6, 3}, {21.6, 0.55, 2}
                                        }));
                    }
                }
            }
            case "TEACHER" -> {
                if (rnd.nextDouble() < (weekend ? 0.2 : 0.86)) {
                    hours.add(weekend ? normal(rnd, 10.0, 1.5) : normal(rnd, 8.0, 0.45));
                    if (rnd.nextDouble() < 0.25) {
                        hours.add(weekend ? normal(rnd, 14.5, 1.0) : normal(rnd, 13.8, 0.4));
                    }
                    if (!weekend && rnd.nextDouble() < 0.08) {
                        hours.add(normal(rnd, 19.3, 0.5)); // back for an evening class
                    }
                }
            }
            case "THIRD_PARTY" -> {
                if (rnd.nextDouble() < (weekend ? 0.7 : 0.92)) {
                    if ("餐饮服务中心".equals(s.departmentName())) {
                        hours.add(normal(rnd, 6.0, 0.3));
                    } else if ("保安服务公司".equals(s.departmentName())) {
                        hours.add(rnd.nextBoolean() ? normal(rnd, 7.5, 0.15) : normal(rnd, 19.5, 0.15));
                    } else {
                        hours.add(normal(rnd, 7.4, 0.35));
                    }
                    if (rnd.nextDouble() < 0.3) {
                        hours.add(normal(rnd, 13.2, 0.5));
                    }
                }
            }
            default -> { // RESIDENT
                if (rnd.nextDouble() < 0.65) {
                    hours.add(pick(rnd, new double[][] {{9.5, 1.0, 3}, {17.8, 0.8, 3}, {20.0, 1.0, 1}}));
                    if (rnd.nextDouble() < 0.4) {
                        hours.add(pick(rnd, new double[][] {{11.3, 0.6, 2}, {18.5, 0.7, 2}}));
                    }
                }
            }
        }
        for (double h : hours) {
            if (h < 5.2 || h > 23.5) {
                continue;
            }
            Instant at = day.atStartOfDay(ZONE).toInstant().plusMillis((long) (h * 3_600_000));
            if (s.gates().isEmpty()) {
                // No gates yet (newly imported): some try anyway at the main gate and are refused.
                if (rnd.nextDouble() < 0.3) {
                    rows.add(row(
                            at,
                            s,
                            allGates.get(rnd.nextInt(Math.min(4, allGates.size()))),
                            "NO_ACCESS",
                            rnd,
                            devices,
                            guard));
                }
                continue;
            }
            Gate gate = gates.get(favourite(rnd, s.gates()));
            if (!s.enabled() && lastDay) {
                rows.add(row(at, s, gate, "REGISTRANT_DISABLED", rnd, devices, guard));
                continue;
            }
            double roll = rnd.nextDouble();
            if (roll < 0.012) {
                Gate other = otherGate(rnd, allGates, s.gates());
                if (other != null) {
                    rows.add(row(at, s, other, "NO_ACCESS", rnd, devices, guard));
                    continue; // went round to a gate they may pass: not recorded here, a different entry
                }
            } else if (roll < 0.022) {
                rows.add(row(at, s, gate, "PASS_EXPIRED", rnd, devices, guard)); // an old screenshot
                at = at.plusSeconds(40 + rnd.nextInt(100)); // then a fresh code
            } else if (roll < 0.028) {
                rows.add(row(at, s, gate, "PASS_WRONG_GATE", rnd, devices, guard));
                at = at.plusSeconds(30 + rnd.nextInt(60));
            }
            rows.add(row(at, s, gate, null, rnd, devices, guard));
        }
    }

    /** Codes that match no pass: typos at the guard's phone, replayed screenshots at turnstiles. */
    private static void unknownCodes(
            List<Row> rows, LocalDate day, List<Gate> gates, Map<Long, String> devices, String guard) {
        Random rnd = new Random(day.toEpochDay() * 31L + 17L);
        int count = 5 + rnd.nextInt(10);
        for (int i = 0; i < count; i++) {
            double h = pick(rnd, new double[][] {{7.8, 0.6, 3}, {12.3, 0.6, 1}, {18.0, 0.8, 2}, {21.5, 0.6, 1}});
            Instant at = day.atStartOfDay(ZONE).toInstant().plusMillis((long) (h * 3_600_000));
            if (rnd.nextDouble() < 0.2) {
                // A guard verified without choosing a gate: no gate, no campus.
                rows.add(new Row(at, null, null, "GUARD", guard, "PASS_UNKNOWN"));
            } else {
                rows.add(row(at, null, gates.get(rnd.nextInt(gates.size())), "PASS_UNKNOWN", rnd, devices, guard));
            }
        }
    }

    private static Row row(
            Instant at, Subject s, Gate gate, String reason, Random rnd, Map<Long, String> devices, String guard) {
        String device = devices.get(gate.id());
        boolean byDevice = device != null && rnd.nextDouble() < 0.85;
        return new Row(at, s, gate, byDevice ? "DEVICE" : "GUARD", byDevice ? device : guard, reason);
    }

    /** The first of a person's gates most of the time (the one nearest their building), else any of them. */
    private static long favourite(Random rnd, List<Long> gates) {
        return rnd.nextDouble() < 0.6 ? gates.get(0) : gates.get(rnd.nextInt(gates.size()));
    }

    private static Gate otherGate(Random rnd, List<Gate> all, List<Long> allowed) {
        List<Gate> others = all.stream().filter(g -> !allowed.contains(g.id())).toList();
        return others.isEmpty() ? null : others.get(rnd.nextInt(others.size()));
    }

    /** An hour of day from a mixture of normal peaks {mean, sigma, weight}. */
    private static double pick(Random rnd, double[][] peaks) {
        double total = 0;
        for (double[] p : peaks) {
            total += p[2];
        }
        double x = rnd.nextDouble() * total;
        for (double[] p : peaks) {
            x -= p[2];
            if (x <= 0) {
                return normal(rnd, p[0], p[1]);
            }
        }
        double[] last = peaks[peaks.length - 1];
        return normal(rnd, last[0], last[1]);
    }

    private static double normal(Random rnd, double mean, double sigma) {
        return mean + rnd.nextGaussian() * sigma;
    }

    // ---- JDBC ----------------------------------------------------------------------------------------------------

    private static Instant newest(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT max(passed_at) FROM access_record")) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    private static Map<Long, Gate> gates(Connection c) throws SQLException {
        Map<Long, Gate> gates = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT g.id, g.campus_id, g.name FROM gate g JOIN campus p ON p.id = g.campus_id"
                                + " WHERE g.enabled AND p.enabled ORDER BY p.sort_order, p.id, g.sort_order, g.id")) {
            while (rs.next()) {
                gates.put(rs.getLong(1), new Gate(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return gates;
    }

    private static Map<Long, String> devices(Connection c) throws SQLException {
        Map<Long, String> devices = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT gate_id, key_id FROM gate_device WHERE enabled ORDER BY id")) {
            while (rs.next()) {
                devices.putIfAbsent(rs.getLong(1), rs.getString(2));
            }
        }
        return devices;
    }

    private static List<Subject> subjects(Connection c) throws SQLException {
        Map<Long, List<Long>> rules = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT a.registrant_id, a.gate_id FROM registrant_gate_access a JOIN gate g ON g.id = a.gate_id"
                                + " JOIN campus p ON p.id = g.campus_id"
                                + " ORDER BY a.registrant_id, p.sort_order, p.id, g.sort_order, g.id")) {
            while (rs.next()) {
                rules.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        List<Subject> subjects = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT r.id, r.name, r.phone_masked, r.identity, r.identity_type_id, r.number, r.department_id,"
                                + " r.managed_department_id, r.enabled, d.name FROM registrant r"
                                + " LEFT JOIN department d ON d.id = r.department_id ORDER BY r.id")) {
            while (rs.next()) {
                long id = rs.getLong(1);
                subjects.add(new Subject(
                        id,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, Long.class),
                        rs.getString(6),
                        rs.getObject(7, Long.class),
                        rs.getObject(8, Long.class),
                        rs.getBoolean(9),
                        rs.getString(10),
                        rules.getOrDefault(id, List.of())));
            }
        }
        return subjects;
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO access_record (registrant_id, name, phone_masked, identity, identity_type_id, number,
                    department_id, managed_department_id, campus_id, gate_id, method, allowed, reason, verified_by,
                    passed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            int n = 0;
            for (Row r : rows) {
                Subject s = r.subject();
                ps.setObject(1, s == null ? null : s.id(), Types.BIGINT);
                ps.setString(2, s == null ? null : s.name());
                ps.setString(3, s == null ? null : s.phoneMasked());
                ps.setString(4, s == null ? null : s.identity());
                ps.setObject(5, s == null ? null : s.identityTypeId(), Types.BIGINT);
                ps.setString(6, s == null ? null : s.number());
                ps.setObject(7, s == null ? null : s.departmentId(), Types.BIGINT);
                ps.setObject(8, s == null ? null : s.managedDepartmentId(), Types.BIGINT);
                ps.setObject(9, r.gate() == null ? null : r.gate().campusId(), Types.BIGINT);
                ps.setObject(10, r.gate() == null ? null : r.gate().id(), Types.BIGINT);
                ps.setString(11, r.method());
                ps.setBoolean(12, r.reason() == null);
                ps.setString(13, r.reason());
                ps.setString(14, r.verifiedBy());
                ps.setObject(15, OffsetDateTime.ofInstant(r.at(), ZONE));
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** A turnstile that verified passes shows when it was last used. */
    private static void touchDevices(Connection c, List<Row> rows, Map<Long, String> devices) throws SQLException {
        Map<String, Instant> last = new HashMap<>();
        for (Row r : rows) {
            if ("DEVICE".equals(r.method())) {
                last.merge(r.verifiedBy(), r.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE gate_device SET last_used_at = greatest(coalesce(last_used_at, ?), ?) WHERE key_id = ?")) {
            for (Map.Entry<String, Instant> e : last.entrySet()) {
                OffsetDateTime at = OffsetDateTime.ofInstant(e.getValue(), ZONE);
                ps.setObject(1, at);
                ps.setObject(2, at);
                ps.setString(3, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
