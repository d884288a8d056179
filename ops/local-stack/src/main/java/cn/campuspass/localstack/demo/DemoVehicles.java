package cn.campuspass.localstack.demo;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Demo vehicles for the local stack's demo school (A4.3, A4.4): cars and e-bikes of the school's registrants in
 * every state a console shows — approved cars (ordinary and new-energy plates), registrations waiting for review,
 * rejected ones with their reason, e-bikes valid long-term or until a date, expired e-bikes, a disabled car, and
 * e-bikes whose QR labels were printed. Inserted straight into the school's schema (portal submissions need a
 * WeChat session the demo has none of); idempotent: a plate that exists is left as it is.
 */
public final class DemoVehicles {

    private static final Pattern SCHEMA = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    /**
     * Type, plate (normal form), owner (null: the registrant), relation, status, reject reason, long-term, valid-until
     * days from today (e-bikes), enabled, label prints, days since submission.
     */
    record Item(
            String type,
            String plate,
            String owner,
            String relation,
            String status,
            String reason,
            boolean longTerm,
            Integer validDays,
            boolean enabled,
            int prints,
            int daysAgo) {}

    static final List<Item> ITEMS = List.of(
            new Item("MOTOR", "粤B12345", null, "SELF", "APPROVED", null, false, null, true, 0, 40),
            new Item("MOTOR", "粤BD23456", null, "SELF", "APPROVED", null, false, null, true, 0, 35),
            new Item("MOTOR", "粤A8K8K8", "李淑芬", "SPOUSE", "APPROVED", null, false, null, true, 0, 30),
            new Item("MOTOR", "湘A66Y21", "陈建国", "PARENT", "APPROVED", null, false, null, true, 0, 28),
            new Item("MOTOR", "粤B7Q335", null, "SELF", "APPROVED", null, false, null, false, 0, 25),
            new Item("MOTOR", "粤BF09876", null, "SELF", "PENDING", null, false, null, true, 0, 1),
            new Item("MOTOR", "赣B35791", "王丽", "SPOUSE", "PENDING", null, false, null, true, 0, 0),
            new Item("MOTOR", "粤S2C468", "深圳市某科技有限公司", "EMPLOYER", "PENDING", null, false, null, true, 0, 2),
            new Item(
                    "MOTOR",
                    "桂A1B2C3",
                    "赵强",
                    "FRIEND",
                    "REJECTED",
                    "行驶证照片模糊，无法核对车辆所有人，请重新上传清晰照片",
                    false,
                    null,
                    true,
                    0,
                    6),
            new Item("MOTOR", "粤B99X88", null, "SELF", "REJECTED", "号牌号码与行驶证不一致", false, null, true, 0, 9),
            new Item("EBIKE", "深圳A10001", null, "SELF", "APPROVED", null, true, null, true, 2, 60),
            new Item("EBIKE", "深圳A10002", null, "SELF", "APPROVED", null, true, null, true, 1, 55),
            new Item("EBIKE", "深圳A10003", null, "SELF", "APPROVED", null, false, 300, true, 1, 50),
            new Item("EBIKE", "深圳A10004", null, "SELF", "APPROVED", null, false, 120, true, 0, 45),
            new Item("EBIKE", "深圳B20005", null, "CHILD", "APPROVED", null, false, -20, true, 1, 400),
            new Item("EBIKE", "深圳B20006", null, "SELF", "APPROVED", null, false, -3, true, 0, 380),
            new Item("EBIKE", "深圳B20007", null, "SELF", "PENDING", null, false, null, true, 0, 1),
            new Item("EBIKE", "深圳C30008", null, "SELF", "REJECTED", "车辆照片未显示车牌，请补拍后重新提交", false, null, true, 0, 4));

    private DemoVehicles() {}

    /**
     * Inserts the demo vehicles into {@code schema} (e.g. {@code school_demo}), owned by the school's enabled
     * registrants in turn; plates that exist are skipped, and without registrants nothing is inserted.
     *
     * @return how many vehicles were inserted
     */
    public static int seedRows(Connection c, String schema) throws SQLException {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a schema name: " + schema);
        }
        String s = schema + ".";
        List<Object[]> registrants = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT id, name FROM " + s + "registrant WHERE enabled ORDER BY id LIMIT 12")) {
            while (rs.next()) {
                registrants.add(new Object[] {rs.getLong(1), rs.getString(2)});
            }
        }
        if (registrants.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        int inserted = 0;
        for (int i = 0; i < ITEMS.size(); i++) {
            Item item = ITEMS.get(i);
            Object[] registrant = registrants.get(i % registrants.size());
            Instant submitted = now.minus(item.daysAgo(), ChronoUnit.DAYS).minus(i, ChronoUnit.HOURS);
            boolean decided = !item.status().equals("PENDING");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + s
                    + "vehicle (type, plate, owner_name, owner_relation, registrant_id, status, reject_reason,"
                    + " reviewed_by, reviewed_at, long_term, valid_until, enabled, label_print_count, label_printed_at,"
                    + " source, submitted_at, created_at, updated_at, updated_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (plate) WHERE deleted_at IS NULL DO NOTHING")) {
                ps.setString(1, item.type());
                ps.setString(2, item.plate());
                ps.setString(3, item.owner() != null ? item.owner() : (String) registrant[1]);
                ps.setString(4, item.relation());
                ps.setLong(5, (Long) registrant[0]);
                ps.setString(6, item.status());
                ps.setString(7, item.reason());
                ps.setString(8, decided ? "admin" : null);
                ps.setTimestamp(9, decided ? Timestamp.from(submitted.plus(3, ChronoUnit.HOURS)) : null);
                ps.setBoolean(10, item.longTerm());
                ps.setDate(11, item.validDays() == null ? null : Date.valueOf(today.plusDays(item.validDays())));
                ps.setBoolean(12, item.enabled());
                ps.setInt(13, item.prints());
                ps.setTimestamp(14, item.prints() > 0 ? Timestamp.from(now.minus(2, ChronoUnit.DAYS)) : null);
                ps.setString(15, i % 3 == 0 ? "CONSOLE" : "PORTAL");
                ps.setTimestamp(16, Timestamp.from(submitted));
                ps.setTimestamp(17, Timestamp.from(submitted));
                ps.setTimestamp(18, Timestamp.from(decided ? submitted.plus(3, ChronoUnit.HOURS) : submitted));
                ps.setString(19, decided ? "admin" : null);
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }
}
