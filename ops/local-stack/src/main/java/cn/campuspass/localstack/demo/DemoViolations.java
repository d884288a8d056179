package cn.campuspass.localstack.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Violations (A5.1, A5.2): the school's ticket items, and about a month of tickets issued through the console API
 * (each with its three proof photos, drawn here), some revoked with a reason, some issued by the gate guard; then the
 * issue times are spread over the last 30 days in SQL (the API issues "now"); and the ticket history of the current
 * and the previous term for the leaderboards ({@link #history}). Idempotent: items are created when missing, the
 * month's tickets only while the school has none, the history only while it has no ticket older than 40 days.
 */
final class DemoViolations {

    private static final Logger log = LoggerFactory.getLogger(DemoViolations.class);

    record Item(String name, int points, String description) {}

    static final List<Item> ITEMS = List.of(
            new Item("违规停车", 2, "在禁停区域、消防通道以外的非停车位停放机动车"),
            new Item("占用消防通道", 6, "占用消防通道或消防登高面停车"),
            new Item("校内超速", 6, "校内道路行驶速度超过 20 km/h"),
            new Item("逆向行驶", 3, "在单行道或校内道路逆向行驶"),
            new Item("违规鸣笛", 1, "在教学区、宿舍区鸣笛"),
            new Item("未按规定路线行驶", 2, "驶入禁止机动车通行的步行区域"),
            new Item("电动车违规载人", 1, "电动自行车载人或超载"),
            new Item("电动车楼道充电", 3, "在楼道、宿舍内为电动自行车充电"));

    private static final List<String> LOCATIONS =
            List.of("东门停车场", "图书馆南侧", "第一教学楼", "学生公寓 5 号楼", "体育馆西路", "医学院校区正门", "行政楼前");
    private static final List<String> REVOKE_REASONS = List.of("照片无法辨认号牌，撤销", "车主已出示临时停车许可", "开错罚单项目，重新开具");

    /** The demo school's security officer (LocalStackMain.DEMO_OFFICER_USERNAME), who uses the staff portal. */
    static final String OFFICER_ACCOUNT = "officer";

    private DemoViolations() {}

    /** @return the number of tickets issued now (0 when the school had some) */
    static int seed(DemoApi api, DemoDb db, String guardAccount, Instant now) throws SQLException {
        Map<String, Long> items = items(api);
        try (Connection c = db.connect()) {
            if (count(c, "SELECT count(*) FROM ticket") > 0) {
                appeals(c);
                return history(api, c, items, guardAccount, now);
            }
            List<Object[]> targets = targets(c);
            if (targets.isEmpty()) {
                log.warn("Demo violations: no approved vehicles to ticket");
                return 0;
            }
            Random random = new Random(20261201L);
            List<String> names = new ArrayList<>(items.keySet());
            // Most tickets go to a few repeat offenders, so the leaderboards have a shape.
            int issued = 0;
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                Object[] target = targets.get(
                        i % 3 == 0 ? random.nextInt(Math.min(4, targets.size())) : random.nextInt(targets.size()));
                String plate = (String) target[0];
                boolean ebike = "EBIKE".equals(target[1]);
                String item = ebike ? (random.nextBoolean() ? "电动车违规载人" : "电动车楼道充电") : names.get(random.nextInt(6));
                Map<String, Object> ticket = new LinkedHashMap<>();
                ticket.put("plate", plate);
                ticket.put("itemId", items.get(item));
                ticket.put("location", LOCATIONS.get(random.nextInt(LOCATIONS.size())));
                Map<String, byte[]> photos = new LinkedHashMap<>();
                Color body = new Color(60 + random.nextInt(160), 60 + random.nextInt(160), 60 + random.nextInt(160));
                photos.put("front", photo(plate, body, 0));
                photos.put("side", photo(plate, body, 1));
                photos.put("back", photo(plate, body, 2));
                DemoApi.Reply reply = api.postMultipart("/admin/api/tickets", "ticket", ticket, photos);
                if (!reply.ok()) {
                    throw new IllegalStateException("ticket for " + plate + ": " + reply.status() + " " + reply.body());
                }
                ids.add(reply.json().path("id").asLong());
                issued++;
            }
            // Revoke a few through the API, so they carry who and why.
            for (int i = 0; i < 4; i++) {
                long id = ids.get(3 + i * 7);
                api.post("/admin/api/tickets/" + id + "/revoke", Map.of("reason", REVOKE_REASONS.get(i % 3)));
            }
            // Spread over the last 30 days in school hours, the newest today; a third issued by the gate guard and a
            // third by the security officer (the staff portal's 新增开单, S2: their 本人所开 list is not empty).
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET issued_at = ?, issued_by = ?,"
                    + " revoked_at = CASE WHEN revoked_at IS NULL THEN NULL ELSE LEAST(?::timestamptz, now()) END"
                    + " WHERE id = ?")) {
                for (int i = 0; i < ids.size(); i++) {
                    int daysAgo = i < 3 ? 0 : random.nextInt(30);
                    Instant at =
                            now.minus(Duration.ofDays(daysAgo)).minus(Duration.ofMinutes(30 + random.nextInt(8 * 60)));
                    if (at.isAfter(now)) {
                        at = now.minusSeconds(60);
                    }
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setString(2, i % 3 == 1 ? guardAccount : i % 3 == 2 ? OFFICER_ACCOUNT : "admin");
                    ps.setTimestamp(3, Timestamp.from(at.plus(Duration.ofHours(3))));
                    ps.setLong(4, ids.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            appeals(c);
            return issued + history(api, c, items, guardAccount, now);
        }
    }

    /**
     * The ticket history of the current term (before the last 30 days) and of the previous term, for the violation
     * leaderboards (A6.5, A6.6): most tickets go to a handful of repeat offenders, so several vehicles have 2 to 6
     * tickets and the ranks have ties; a few are revoked. Issued through the console API like the month above, then
     * dated into the terms (the school's own calendar, from the term table). Once: skipped when the school already
     * has tickets older than 40 days.
     */
    static int history(DemoApi api, Connection c, Map<String, Long> items, String guardAccount, Instant now)
            throws SQLException {
        if (count(c, "SELECT count(*) FROM ticket WHERE issued_at < now() - interval '40 days'") > 0) {
            return 0;
        }
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, SHANGHAI);
        java.time.LocalDate lastOfHistory = today.minusDays(31);
        List<java.time.LocalDate[]> terms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT start_date, end_date FROM term WHERE start_date <= ? ORDER BY start_date DESC LIMIT 2")) {
            ps.setObject(1, lastOfHistory);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.time.LocalDate start = rs.getObject(1, java.time.LocalDate.class);
                    java.time.LocalDate end = rs.getObject(2, java.time.LocalDate.class);
                    terms.add(new java.time.LocalDate[] {start, end.isAfter(lastOfHistory) ? lastOfHistory : end});
                }
            }
        }
        List<Object[]> targets = targets(c);
        if (terms.isEmpty() || targets.isEmpty()) {
            return 0;
        }
        Random random = new Random(20260223L);
        List<String> motorItems = ITEMS.stream().limit(6).map(Item::name).toList();
        // The repeat offenders: the first eight vehicles take about two thirds of the tickets, with falling weight.
        int offenders = Math.min(8, targets.size());
        List<Long> ids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        int total = 54;
        for (int i = 0; i < total; i++) {
            Object[] target = i % 3 == 2
                    ? targets.get(random.nextInt(targets.size()))
                    : targets.get(Math.min(offenders - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * 4)));
            String plate = (String) target[0];
            boolean ebike = "EBIKE".equals(target[1]);
            String item = ebike
                    ? (random.nextBoolean() ? "电动车违规载人" : "电动车楼道充电")
                    : motorItems.get(random.nextInt(motorItems.size()));
            Map<String, Object> ticket = new LinkedHashMap<>();
            ticket.put("plate", plate);
            ticket.put("itemId", items.get(item));
            ticket.put("location", LOCATIONS.get(random.nextInt(LOCATIONS.size())));
            Map<String, byte[]> photos = new LinkedHashMap<>();
            Color body = new Color(60 + random.nextInt(160), 60 + random.nextInt(160), 60 + random.nextInt(160));
            photos.put("front", photo(plate, body, 0));
            photos.put("side", photo(plate, body, 1));
            photos.put("back", photo(plate, body, 2));
            DemoApi.Reply reply = api.postMultipart("/admin/api/tickets", "ticket", ticket, photos);
            if (!reply.ok()) {
                throw new IllegalStateException("ticket for " + plate + ": " + reply.status() + " " + reply.body());
            }
            ids.add(reply.json().path("id").asLong());
            // Alternate between the current and the previous term, a school day between 07:30 and 18:30.
            java.time.LocalDate[] term = terms.get(i % terms.size());
            long days = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(term[0], term[1]));
            java.time.LocalDate day = term[0].plusDays(days == 0 ? 0 : random.nextLong(days + 1));
            times.add(day.atTime(7, 30)
                    .plusMinutes(random.nextInt(11 * 60))
                    .atZone(SHANGHAI)
                    .toInstant());
        }
        for (int i = 0; i < 3; i++) {
            long id = ids.get(5 + i * 17);
            api.post("/admin/api/tickets/" + id + "/revoke", Map.of("reason", REVOKE_REASONS.get(i % 3)));
        }
        // The number carries the day of issue (WZ + yyyyMMdd + sequence), so it moves with the date.
        try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET issued_at = ?, issued_by = ?,"
                + " revoked_at = CASE WHEN revoked_at IS NULL THEN NULL ELSE ?::timestamptz END,"
                + " ticket_no = 'WZ' || to_char(?::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')"
                + " || right(ticket_no, 6) WHERE id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setTimestamp(1, Timestamp.from(times.get(i)));
                ps.setString(2, i % 4 == 1 ? guardAccount : "admin");
                ps.setTimestamp(3, Timestamp.from(times.get(i).plus(Duration.ofHours(5))));
                ps.setTimestamp(4, Timestamp.from(times.get(i)));
                ps.setLong(5, ids.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        log.info("Demo violations: {} tickets of the term history", total);
        return total;
    }

    private static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");

    private static final List<String> APPEAL_REASONS = List.of(
            "当时在装卸实验器材，已提前向保卫处报备，停留不到十分钟。",
            "照片中的车辆并非本人车辆，号牌识别有误，请核实。",
            "送孩子去校医院就诊，情况紧急临时停靠，望酌情处理。",
            "该路段当天临时施工，导航引导绕行，并非故意逆行。",
            "车辆当时已熄火等待，并未鸣笛，可能是旁边车辆。");

    /**
     * Appeals of registrants (A5.3, R4.8) on some effective tickets, once: three waiting for review, one upheld (its
     * ticket revoked, as the console's approval does) and one rejected with a reason. Rows as {@code TicketAppeals}
     * writes them; no images.
     */
    private static void appeals(Connection c) throws SQLException {
        if (count(c, "SELECT count(*) FROM ticket_appeal") > 0) {
            return;
        }
        List<long[]> tickets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, registrant_id FROM ticket WHERE status = 'EFFECTIVE'"
                        + " AND target_kind = 'REGISTRANT' ORDER BY issued_at DESC LIMIT 5");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tickets.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        String[] statuses = {"PENDING", "PENDING", "APPROVED", "REJECTED", "PENDING"};
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ticket_appeal (ticket_id, registrant_id,"
                        + " reason, status, reviewed_by, reviewed_at, reject_reason, created_at)"
                        + " SELECT ?, ?, ?, ?, ?, CASE WHEN ? THEN LEAST(t.issued_at + interval '1 day', now()) END, ?,"
                        + " LEAST(t.issued_at + interval '2 hours', now()) FROM ticket t WHERE t.id = ?");
                PreparedStatement revoke = c.prepareStatement("UPDATE ticket SET status = 'REVOKED',"
                        + " revoke_reason = '申诉通过', revoked_by = 'admin', revoked_at = now() WHERE id = ?")) {
            for (int i = 0; i < tickets.size(); i++) {
                String status = statuses[i];
                boolean decided = !status.equals("PENDING");
                insert.setLong(1, tickets.get(i)[0]);
                insert.setLong(2, tickets.get(i)[1]);
                insert.setString(3, APPEAL_REASONS.get(i));
                insert.setString(4, status);
                insert.setString(5, decided ? "admin" : null);
                insert.setBoolean(6, decided);
                insert.setString(7, status.equals("REJECTED") ? "现场照片清晰显示车辆停放在消防通道内，维持原罚单。" : null);
                insert.setLong(8, tickets.get(i)[0]);
                insert.executeUpdate();
                if (status.equals("APPROVED")) {
                    revoke.setLong(1, tickets.get(i)[0]);
                    revoke.executeUpdate();
                }
            }
        }
    }

    private static Map<String, Long> items(DemoApi api) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (JsonNode existing : api.get("/admin/api/ticket-items")) {
            ids.put(existing.path("name").asString(), existing.path("id").asLong());
        }
        for (Item item : ITEMS) {
            if (!ids.containsKey(item.name())) {
                JsonNode created = api.post(
                        "/admin/api/ticket-items",
                        Map.of("name", item.name(), "points", item.points(), "description", item.description()));
                ids.put(item.name(), created.path("id").asLong());
            }
        }
        return ids;
    }

    /** Plates of approved, enabled vehicles with a registrant: [plate, type]. */
    private static List<Object[]> targets(Connection c) throws SQLException {
        List<Object[]> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT plate, type FROM vehicle WHERE status = 'APPROVED'"
                        + " AND enabled AND deleted_at IS NULL AND registrant_id IS NOT NULL ORDER BY id LIMIT 40");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Object[] {rs.getString(1), rs.getString(2)});
            }
        }
        return found;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A small drawing of the vehicle from the front, side or back with its plate: enough to look like evidence. */
    static byte[] photo(String plate, Color body, int view) {
        BufferedImage img = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(190, 196, 200));
        g.fillRect(0, 0, 480, 320);
        g.setColor(new Color(120, 124, 128));
        g.fillRect(0, 230, 480, 90);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(6));
        g.drawLine(0, 300, 480, 300);
        g.setColor(body);
        if (view == 1) {
            g.fillRoundRect(60, 140, 360, 90, 30, 30);
            g.fillRoundRect(130, 90, 200, 70, 40, 40);
            g.setColor(Color.DARK_GRAY);
            g.fillOval(100, 205, 60, 60);
            g.fillOval(320, 205, 60, 60);
        } else {
            g.fillRoundRect(120, 110, 240, 130, 30, 30);
            g.setColor(new Color(40, 60, 80));
            g.fillRoundRect(150, 120, 180, 50, 20, 20);
            g.setColor(view == 0 ? new Color(255, 240, 180) : new Color(200, 30, 30));
            g.fillOval(135, 185, 36, 20);
            g.fillOval(309, 185, 36, 20);
            // The plate: a blue (or green, new-energy) rectangle; the characters are not drawn (no CJK font here).
            g.setColor(plate.length() == 8 ? new Color(60, 170, 90) : new Color(30, 70, 170));
            g.fillRect(200, 200, 80, 24);
            g.setColor(Color.WHITE);
            g.drawRect(202, 202, 76, 20);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
