package cn.campuspass.localstack.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visitors of the demo school (V1–V4): forty visitors, and over the last thirty days and the next five their
 * bookings of the authorized teachers — visitor requests and teachers' invitations in every status (待审批, 通过,
 * 驳回 with a reason, 待确认, 取消, 已访问, 已过期) — with the visitor access records of the visits, so the console's
 * trend, department statistics and leaderboard have shape. A few teachers are given visitor authorization first.
 *
 * <p>Inserted with JDBC (bookings cannot be backdated through the API). The demo seeder holds no field key, so
 * visitors carry only masked phone and ID numbers (the sealed columns stay empty): they show in lists but cannot be
 * found by phone. Idempotent: nothing is added once the school has visitors.
 */
final class DemoVisitors {

    private static final Logger log = LoggerFactory.getLogger(DemoVisitors.class);
    private static final ZoneId ZONE = DemoAccessRecords.ZONE;
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱"};
    private static final String[] GIVEN = {"建国", "晓明", "丽华", "志强", "秀英", "海峰", "静怡", "文博", "雨欣", "子轩", "国庆", "春梅"};
    private static final String[] REASONS = {
        "学术交流", "项目洽谈", "参加研讨会", "家长来访", "设备维修", "校企合作洽谈", "讲座嘉宾", "招聘宣讲", "论文答辩", "送材料"
    };
    private static final String[] SLOTS = {"MORNING", "AFTERNOON", "EVENING"};
    private static final LocalTime[] SLOT_START = {LocalTime.of(8, 0), LocalTime.of(12, 0), LocalTime.of(18, 0)};

    private DemoVisitors() {}

    private record Host(long id, String name, Long departmentId) {}

    static int seed(DemoDb db, String guardAccount, Instant now) throws SQLException {
        try (Connection c = db.connect()) {
            if (count(c, "SELECT count(*) FROM visitor") > 0) {
                log.info("Demo visitors exist already");
                return 0;
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Some teachers receive visitors (the admin can grant it to all at once in the console): up to three
                // per department, so the department statistics (A6.3) show several departments.
                st.executeUpdate("""
                        UPDATE registrant SET visitor_authorized = true
                        WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY department_id
                                                                                 ORDER BY id) AS n
                                                     FROM registrant WHERE identity = 'TEACHER' AND enabled) t
                                     ORDER BY n, id LIMIT 12)
                        """);
            }
            List<Host> hosts = hosts(c);
            List<long[]> gates = gates(c);
            if (hosts.isEmpty() || gates.isEmpty()) {
                c.rollback();
                return 0;
            }
            Random rnd = new Random(20261202L);
            List<Long> visitors = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO visitor (wechat_openid, name, phone_masked, id_number_masked, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                    """)) {
                for (int i = 0; i < 40; i++) {
                    String name = SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
                    String phone = "13" + (5 + rnd.nextInt(5)) + "****" + String.format("%04d", rnd.nextInt(10000));
                    Instant created = now.minusSeconds(86_400L * (31 + rnd.nextInt(60)));
                    ps.setString(1, "o-demo-visitor-" + i);
                    ps.setString(2, name);
                    ps.setString(3, phone);
                    ps.setString(
                            4,
                            (110 + rnd.nextInt(400)) + "1**********" + String.format("%03d", rnd.nextInt(1000))
                                    + (rnd.nextInt(10) == 0 ? "X" : String.valueOf(rnd.nextInt(10))));
                    ps.setTimestamp(5, Timestamp.from(created));
                    ps.setTimestamp(6, Timestamp.from(created));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        visitors.add(rs.getLong(1));
                    }
                    names.add(name);
                    phones.add(phone);
                }
            }
            LocalDate today = now.atZone(ZONE).toLocalDate();
            int bookings = 0;
            int records = 0;
            try (PreparedStatement book = c.prepareStatement("""
                            INSERT INTO visitor_booking (kind, visitor_id, host_id, host_name, host_department_id,
                                visit_date, slot, reason, transport, plate, companion_count, companions, visitor_name,
                                visitor_phone_masked, visitor_id_masked, pledge_accepted_at, status, reject_reason,
                                decided_by, decided_at, visited_at, visited_gate_id, created_by, created_at, updated_at)
                            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), v.name, v.phone_masked,
                                v.id_number_masked, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                            FROM visitor v WHERE v.id = ?
                            ON CONFLICT DO NOTHING
                            RETURNING id
                            """);
                    PreparedStatement record = c.prepareStatement("""
                            INSERT INTO visitor_access_record (booking_id, visitor_id, host_id, host_department_id,
                                name, phone_masked, campus_id, gate_id, method, allowed, reason, verified_by, passed_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'GUARD', true, null, ?, ?)
                            """)) {
                for (LocalDate day = today.minusDays(30); !day.isAfter(today.plusDays(5)); day = day.plusDays(1)) {
                    boolean weekend = day.getDayOfWeek().getValue() >= 6;
                    int perDay = weekend ? 2 + rnd.nextInt(3) : 6 + rnd.nextInt(8);
                    for (int i = 0; i < perDay; i++) {
                        int v = rnd.nextInt(rnd.nextInt(4) == 0 ? 8 : visitors.size()); // a few frequent visitors
                        Host host = hosts.get(rnd.nextInt(hosts.size()));
                        int slot = rnd.nextInt(10) < 5 ? 0 : rnd.nextInt(10) < 8 ? 1 : 2;
                        boolean invitation = rnd.nextInt(4) == 0;
                        Instant opens =
                                day.atTime(SLOT_START[slot]).atZone(ZONE).toInstant();
                        Instant created = opens.minusSeconds(3600L * (2 + rnd.nextInt(96)));
                        if (created.isAfter(now)) {
                            created = now.minusSeconds(600L + rnd.nextInt(3600));
                        }
                        String status = status(rnd, invitation, opens, now);
                        boolean car = rnd.nextInt(3) == 0;
                        int companions = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 0;
                        Instant decided =
                                status.startsWith("PENDING") ? null : created.plusSeconds(600 + rnd.nextInt(20_000));
                        if (decided != null && decided.isAfter(now)) {
                            decided = now;
                        }
                        Instant visited =
                                status.equals("VISITED") ? opens.plusSeconds(600 + rnd.nextInt(3 * 3600)) : null;
                        long[] gate = gates.get(rnd.nextInt(gates.size()));
                        int p = 1;
                        book.setString(p++, invitation ? "HOST_INVITATION" : "VISITOR_REQUEST");
                        book.setLong(p++, visitors.get(v));
                        book.setLong(p++, host.id());
                        book.setString(p++, host.name());
                        book.setObject(p++, host.departmentId(), Types.BIGINT);
                        book.setObject(p++, day);
                        book.setString(p++, SLOTS[slot]);
                        book.setString(p++, REASONS[rnd.nextInt(REASONS.length)]);
                        book.setString(p++, car ? "CAR" : rnd.nextBoolean() ? "WALK" : "PUBLIC_TRANSPORT");
                        book.setString(p++, car ? "苏A" + String.format("%05d", rnd.nextInt(100_000)) : null);
                        book.setInt(p++, companions);
                        book.setString(p++, companions == 0 ? "[]" : "[{\"name\":\"随行人员\",\"plate\":null}]");
                        book.setTimestamp(p++, status.equals("PENDING_CONFIRMATION") ? null : Timestamp.from(created));
                        book.setString(p++, status);
                        book.setString(p++, status.equals("REJECTED") ? "当天不在校，请改约其他时间" : null);
                        book.setString(p++, decided == null ? null : "registrant:" + host.id());
                        book.setTimestamp(p++, decided == null ? null : Timestamp.from(decided));
                        book.setTimestamp(p++, visited == null ? null : Timestamp.from(visited));
                        book.setObject(p++, visited == null ? null : gate[0], Types.BIGINT);
                        book.setString(p++, invitation ? "registrant:" + host.id() : "visitor:" + visitors.get(v));
                        book.setTimestamp(p++, Timestamp.from(created));
                        book.setTimestamp(p++, Timestamp.from(decided == null ? created : decided));
                        book.setLong(p, visitors.get(v));
                        try (ResultSet rs = book.executeQuery()) {
                            if (!rs.next()) {
                                continue; // the visitor's slot was taken that day (the database's one-per-slot rule)
                            }
                            bookings++;
                            if (visited != null) {
                                record.setLong(1, rs.getLong(1));
                                record.setLong(2, visitors.get(v));
                                record.setLong(3, host.id());
                                record.setObject(4, host.departmentId(), Types.BIGINT);
                                record.setString(5, names.get(v));
                                record.setString(6, phones.get(v));
                                record.setLong(7, gate[1]);
                                record.setLong(8, gate[0]);
                                record.setString(9, guardAccount);
                                record.setTimestamp(10, Timestamp.from(visited));
                                record.addBatch();
                                records++;
                            }
                        }
                    }
                }
                record.executeBatch();
            }
            c.commit();
            log.info(
                    "Demo visitors: {} visitors, {} bookings, {} visitor access records",
                    visitors.size(),
                    bookings,
                    records);
            return bookings;
        }
    }

    /** A plausible status for a booking whose window opens at {@code opens}. */
    private static String status(Random rnd, boolean invitation, Instant opens, Instant now) {
        int roll = rnd.nextInt(100);
        if (opens.isAfter(now)) { // ahead: waiting, approved or called off
            if (invitation) {
                return roll < 45 ? "PENDING_CONFIRMATION" : roll < 90 ? "APPROVED" : "CANCELLED";
            }
            return roll < 40 ? "PENDING_APPROVAL" : roll < 85 ? "APPROVED" : roll < 93 ? "REJECTED" : "CANCELLED";
        }
        if (invitation) {
            return roll < 75 ? "VISITED" : roll < 85 ? "EXPIRED" : "CANCELLED";
        }
        return roll < 68 ? "VISITED" : roll < 78 ? "REJECTED" : roll < 88 ? "CANCELLED" : "EXPIRED";
    }

    private static List<Host> hosts(Connection c) throws SQLException {
        List<Host> hosts = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT id, name, department_id FROM registrant WHERE visitor_authorized ORDER BY id")) {
            while (rs.next()) {
                hosts.add(new Host(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return hosts;
    }

    private static List<long[]> gates(Connection c) throws SQLException {
        List<long[]> gates = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, campus_id FROM gate WHERE enabled ORDER BY id")) {
            while (rs.next()) {
                gates.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return gates;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
