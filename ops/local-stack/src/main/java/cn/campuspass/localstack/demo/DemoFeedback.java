package cn.campuspass.localstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo feedback for the local stack's demo school (A3.4, R4.5). {@link #seed} creates the feedback types through the
 * school admin API; {@link #seedRows} adds feedback from the school's registrants, some replied, straight into the
 * school's schema (sending feedback needs a registrant's portal session, which the demo has no WeChat sign-in for).
 * Both are idempotent: what exists is left as it is.
 */
public final class DemoFeedback {

    /** Name and description of each demo type, in menu order. */
    static final Map<String, String> TYPES = types();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SCHEMA = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    /** Title, details, type, reply (null: not replied yet), days ago. */
    record Item(String title, String details, String type, String reply, int daysAgo) {}

    static final List<Item> ITEMS = List.of(
            new Item(
                    "东门早高峰闸机排队太长",
                    "工作日早上7:50前后东门只开两个通道，排队要十分钟以上，能否增开通道？",
                    "通行问题",
                    "已与东门岗协调，工作日7:30-8:30增开一个通道，感谢您的反馈。",
                    6),
            new Item("通行码偶尔刷不出来", "在西门扫码后页面一直转圈，刷新两次才显示通行码。", "通行问题", "已排查为校园网出口波动所致，已于本周修复，如再出现请及时反馈。", 5),
            new Item("希望增加夜间访客预约时段", "晚上7点以后没有可选时段，家长来送东西很不方便。", "系统建议", null, 4),
            new Item("车辆备案能否支持新能源车牌", "录入8位新能源车牌时提示格式错误。", "系统建议", "新能源车牌已支持，请更新页面后重试。", 3),
            new Item("南门附近路灯不亮", "南门外侧两盏路灯晚上不亮，出入不太安全。", "其他", null, 2),
            new Item("个人信息部门显示不对", "我已经转到信息学院，但个人信息里还是原来的学院。", "其他", null, 1));

    private DemoFeedback() {}

    private static Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("通行问题", "校门通行、通行码、闸机相关问题");
        types.put("系统建议", "对平台功能和使用体验的建议");
        types.put("安全隐患", "校园内发现的安全隐患");
        types.put("其他", "其他意见与建议");
        return types;
    }

    /**
     * Creates the demo feedback types the school does not have yet, through {@code POST /admin/api/feedback-types}.
     *
     * @param baseUrl the app, e.g. {@code http://127.0.0.1:8080}
     * @param bearerToken an access token of the school's admin (or anyone with {@code feedback:type:manage})
     * @return the names created now
     */
    public static List<String> seed(HttpClient http, String baseUrl, String bearerToken) {
        HttpResponse<String> listed = send(
                http,
                HttpRequest.newBuilder(URI.create(baseUrl + "/admin/api/feedback-types"))
                        .header("Authorization", "Bearer " + bearerToken)
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .GET());
        if (listed.statusCode() != 200) {
            throw new IllegalStateException("Listing feedback types: " + listed.statusCode() + " " + listed.body());
        }
        Set<String> existing = new HashSet<>();
        for (JsonNode type : JSON.readTree(listed.body())) {
            existing.add(type.path("name").asString());
        }
        List<String> created = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, String> type : TYPES.entrySet()) {
            order++;
            if (existing.contains(type.getKey())) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", type.getKey());
            body.put("description", type.getValue());
            body.put("sortOrder", order);
            HttpResponse<String> r = send(
                    http,
                    HttpRequest.newBuilder(URI.create(baseUrl + "/admin/api/feedback-types"))
                            .header("Authorization", "Bearer " + bearerToken)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
            // 409: created meanwhile by someone else, which is as good.
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IllegalStateException(
                        "Creating feedback type " + type.getKey() + ": " + r.statusCode() + " " + r.body());
            }
            if (r.statusCode() == 201) {
                created.add(type.getKey());
            }
        }
        return created;
    }

    /**
     * Inserts the demo feedback into {@code schema} (e.g. {@code school_demo}), sent by the school's first registrants
     * in turn, some with a reply by {@code admin}. Creates missing demo types as well, so it also works without
     * {@link #seed}. Feedback whose title exists already is skipped; without registrants nothing is inserted.
     *
     * @return how many rows were inserted
     */
    public static int seedRows(Connection c, String schema) throws SQLException {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a schema name: " + schema);
        }
        String s = schema + ".";
        Map<String, Long> typeIds = new HashMap<>();
        int order = 0;
        for (Map.Entry<String, String> type : TYPES.entrySet()) {
            order++;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + s
                    + "feedback_type (name, description, sort_order, updated_by) VALUES (?, ?, ?, 'admin')"
                    + " ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, type.getKey());
                ps.setString(2, type.getValue());
                ps.setInt(3, order);
                ps.executeUpdate();
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name FROM " + s + "feedback_type")) {
            while (rs.next()) {
                typeIds.put(rs.getString(2), rs.getLong(1));
            }
        }
        List<Object[]> senders = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, number, identity, identity_type_id, department_id,"
                        + " managed_department_id FROM " + s + "registrant WHERE enabled ORDER BY id LIMIT 6")) {
            while (rs.next()) {
                senders.add(new Object[] {
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getObject(5),
                    rs.getObject(6),
                    rs.getObject(7)
                });
            }
        }
        if (senders.isEmpty()) {
            return 0;
        }
        Set<String> existing = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT title FROM " + s + "feedback")) {
            while (rs.next()) {
                existing.add(rs.getString(1));
            }
        }
        int inserted = 0;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < ITEMS.size(); i++) {
            Item item = ITEMS.get(i);
            if (existing.contains(item.title())) {
                continue;
            }
            Object[] sender = senders.get(i % senders.size());
            OffsetDateTime sent = now.minusDays(item.daysAgo()).minusHours(i);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + s
                    + "feedback (registrant_id, type_id, title, details, name, number, identity, identity_type_id,"
                    + " department_id, managed_department_id, reply, replied_by, replied_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, (Long) sender[0]);
                ps.setLong(2, typeIds.get(item.type()));
                ps.setString(3, item.title());
                ps.setString(4, item.details());
                ps.setString(5, (String) sender[1]);
                ps.setString(6, (String) sender[2]);
                ps.setString(7, (String) sender[3]);
                ps.setObject(8, sender[4]);
                ps.setObject(9, sender[5]);
                ps.setObject(10, sender[6]);
                ps.setString(11, item.reply());
                ps.setString(12, item.reply() == null ? null : "admin");
                ps.setObject(13, item.reply() == null ? null : sent.plusHours(20));
                ps.setObject(14, sent);
                ps.executeUpdate();
            }
            inserted++;
        }
        return inserted;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
