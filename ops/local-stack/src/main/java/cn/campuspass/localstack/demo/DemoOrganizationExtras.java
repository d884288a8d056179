package cn.campuspass.localstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo school's positions (职位), descriptions on its departments, and its academic calendar: years 2025-2026 and
 * 2026-2027, each with an autumn and a spring term. Everything goes through the school admin API, so it is created the
 * way an administrator would; idempotent (what exists by name is kept, an administrator's own description is never
 * overwritten).
 */
public final class DemoOrganizationExtras {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Name and description; the list order is the sort order. */
    static final List<String[]> POSITIONS = List.of(
            new String[] {"保卫处处长", "主持保卫处全面工作，负责校园安全与出入管理"},
            new String[] {"保卫处副处长", "协助处长工作，分管门岗与车辆管理"},
            new String[] {"门岗班长", "负责校门岗位排班、交接班与通行核验"},
            new String[] {"门岗保安", "在校门核验通行码，登记访客与车辆"},
            new String[] {"校园巡逻队员", "负责校园巡逻与突发事件先期处置"},
            new String[] {"辅导员", "负责学生日常管理，审核本院学生备案"},
            new String[] {"学院办公室主任", "负责学院教职工备案与访客邀约审核"},
            new String[] {"宿舍管理员", "负责学生宿舍出入与来访登记"});

    static final Map<String, String> DEPARTMENT_DESCRIPTIONS = Map.ofEntries(
            Map.entry("保卫处", "负责校园治安、门岗通行、车辆与访客管理"),
            Map.entry("计算机学院", "计算机科学与技术、软件工程等专业的教学与科研"),
            Map.entry("学生工作处", "负责学生思想教育、日常管理与辅导员队伍建设"),
            Map.entry("教务处", "负责本科教学运行、课程与考试管理"),
            Map.entry("后勤管理处", "负责校园后勤保障、宿舍与餐饮管理"),
            Map.entry("人事处", "负责教职工聘用、考核与人事档案管理"),
            Map.entry("外国语学院", "外国语言文学专业的教学与科研"),
            Map.entry("机械工程学院", "机械设计制造及其自动化等专业的教学与科研"),
            Map.entry("经济管理学院", "经济学、管理学相关专业的教学与科研"));

    /** Year name, start, end, then its terms as name, start, end. */
    static final List<String[][]> CALENDAR = List.of(
            new String[][] {
                {"2025-2026学年", "2025-08-25", "2026-08-23"},
                {"2025-2026学年秋季学期", "2025-09-01", "2026-01-16"},
                {"2025-2026学年春季学期", "2026-02-23", "2026-07-10"}
            },
            new String[][] {
                {"2026-2027学年", "2026-08-24", "2027-08-22"},
                {"2026-2027学年秋季学期", "2026-09-07", "2027-01-22"},
                {"2026-2027学年春季学期", "2027-02-22", "2027-07-09"}
            });

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    private DemoOrganizationExtras(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /**
     * Seeds the school whose staff token is {@code bearerToken} (a school admin's or security officer's) through the
     * app at {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}). Safe to run again.
     */
    public static void seed(HttpClient http, String baseUrl, String bearerToken) {
        DemoOrganizationExtras demo = new DemoOrganizationExtras(http, baseUrl, bearerToken);
        demo.positions();
        demo.departmentDescriptions();
        demo.calendar();
    }

    private void positions() {
        Map<String, JsonNode> existing = byName(call("GET", "/admin/api/positions", null));
        int order = 1;
        for (String[] p : POSITIONS) {
            if (!existing.containsKey(p[0])) {
                create("/admin/api/positions", Map.of("name", p[0], "description", p[1], "sortOrder", order));
            }
            order++;
        }
    }

    private void departmentDescriptions() {
        for (JsonNode d : call("GET", "/admin/api/departments", null)) {
            String name = d.path("name").asString();
            JsonNode current = d.path("description");
            if (!current.isNull()
                    && !current.isMissingNode()
                    && !current.asString().isBlank()) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put(
                    "parentId",
                    d.path("parentId").isNull() ? null : d.path("parentId").asLong());
            body.put("description", DEPARTMENT_DESCRIPTIONS.getOrDefault(name, generic(name)));
            body.put("sortOrder", d.path("sortOrder").asInt());
            body.put("enabled", d.path("enabled").asBoolean());
            call("PUT", "/admin/api/departments/" + d.path("id").asLong(), body);
        }
    }

    private static String generic(String name) {
        if (name.endsWith("学院")) {
            return name + "的本科、研究生教学与科研";
        }
        if (name.endsWith("处") || name.endsWith("办") || name.endsWith("中心")) {
            return "学校职能部门：" + name;
        }
        return name;
    }

    private void calendar() {
        Map<String, JsonNode> years = byName(call("GET", "/admin/api/academic-years", null));
        for (String[][] entry : CALENDAR) {
            String[] y = entry[0];
            long yearId = years.containsKey(y[0])
                    ? years.get(y[0]).path("id").asLong()
                    : create("/admin/api/academic-years", Map.of("name", y[0], "startDate", y[1], "endDate", y[2]));
            Map<String, JsonNode> terms = byName(call("GET", "/admin/api/terms?academicYearId=" + yearId, null));
            for (int i = 1; i < entry.length; i++) {
                String[] t = entry[i];
                if (!terms.containsKey(t[0])) {
                    create(
                            "/admin/api/terms",
                            Map.of(
                                    "academicYearId",
                                    yearId,
                                    "name",
                                    t[0],
                                    "startDate",
                                    t[1],
                                    "endDate",
                                    t[2],
                                    "sortOrder",
                                    i));
                }
            }
        }
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode item : list) {
            byName.put(item.path("name").asString(), item);
        }
        return byName;
    }

    private long create(String path, Map<String, Object> body) {
        return call("POST", path, body).path("id").asLong();
    }

    private JsonNode call(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Demo data: " + method + " " + path + " → HTTP " + response.statusCode()
                        + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
