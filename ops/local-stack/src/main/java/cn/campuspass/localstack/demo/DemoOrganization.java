package cn.campuspass.localstack.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Campuses, gates, departments and gate devices of the demo school, through the admin API. Idempotent: whatever
 * exists (by name) is reused, never changed, so what a developer edits by hand survives a restart.
 */
final class DemoOrganization {

    /** A campus with its address and gates, in display order. */
    record CampusPlan(String name, String address, List<String> gates) {}

    /** A department and the department that manages it (被分管部门, the API's parentId), or null. */
    record DepartmentPlan(String name, String managedBy) {}

    static final String MAIN_CAMPUS = "主校区";
    static final String EAST_CAMPUS = "东校区";
    static final String MEDICAL_CAMPUS = "医学院校区";

    /** 主校区 and 东门 come first: the demo registrant 张三 (DemoRegistrant) may pass 东门. */
    static final List<CampusPlan> CAMPUSES = List.of(
            new CampusPlan(MAIN_CAMPUS, "演示市学府路 88 号", List.of("东门", "南门", "西门", "北门")),
            new CampusPlan(EAST_CAMPUS, "演示市科技大道 201 号", List.of("东校区正门", "东校区西门")),
            new CampusPlan(MEDICAL_CAMPUS, "演示市杏林路 17 号", List.of("医学院南门", "附属医院通道")));

    // Colleges
    static final String CS = "计算机学院";
    static final String ECON = "经济管理学院";
    static final String FOREIGN = "外国语学院";
    static final String MECH = "机械工程学院";
    static final String MED = "医学院";
    // Offices
    static final String PRESIDENT = "校长办公室";
    static final String SECURITY = "保卫处";
    static final String LOGISTICS = "后勤管理处";
    static final String STUDENT_AFFAIRS = "学生工作处";
    static final String LIBRARY = "图书馆";
    // Units managed by another department
    static final String HOSPITAL = "附属医院";
    static final String PROPERTY = "物业服务中心";
    static final String CATERING = "餐饮服务中心";
    static final String GUARDS = "保安服务公司";
    static final String RESIDENTS = "教职工家属区居委会";

    /** Parents first: a department's manager must exist before it. */
    static final List<DepartmentPlan> DEPARTMENTS = List.of(
            new DepartmentPlan(PRESIDENT, null),
            new DepartmentPlan(SECURITY, null),
            new DepartmentPlan(LOGISTICS, null),
            new DepartmentPlan(STUDENT_AFFAIRS, null),
            new DepartmentPlan(CS, null),
            new DepartmentPlan(ECON, null),
            new DepartmentPlan(FOREIGN, null),
            new DepartmentPlan(MECH, null),
            new DepartmentPlan(MED, null),
            new DepartmentPlan(LIBRARY, null),
            new DepartmentPlan(HOSPITAL, MED),
            new DepartmentPlan(PROPERTY, LOGISTICS),
            new DepartmentPlan(CATERING, LOGISTICS),
            new DepartmentPlan(GUARDS, SECURITY),
            new DepartmentPlan(RESIDENTS, LOGISTICS));

    /** Gates with a turnstile (闸机) of their own; the other gates are verified by the guard on duty. */
    static final List<String> GATES_WITH_DEVICES = List.of("东门", "南门", "东校区正门", "医学院南门");

    /** What exists after seeding: ids by name. */
    record Ids(Map<String, Long> campuses, Map<String, Long> gates, Map<String, Long> departments) {}

    private DemoOrganization() {}

    static Ids seed(DemoApi api) {
        Map<String, Long> campuses = new LinkedHashMap<>();
        Map<String, Long> gates = new LinkedHashMap<>();
        int campusOrder = 0;
        for (CampusPlan plan : CAMPUSES) {
            long campusId = findOrCreateCampus(api, plan, campusOrder++);
            campuses.put(plan.name(), campusId);
            JsonNode existing = api.get("/admin/api/gates?campusId=" + campusId);
            int gateOrder = 0;
            for (String gate : plan.gates()) {
                Long id = idByName(existing, gate);
                if (id == null) {
                    id = api.post(
                                    "/admin/api/gates",
                                    Map.of("campusId", campusId, "name", gate, "sortOrder", gateOrder))
                            .path("id")
                            .asLong();
                }
                gateOrder++;
                gates.put(gate, id);
            }
        }

        Map<String, Long> departments = new LinkedHashMap<>();
        JsonNode existing = api.get("/admin/api/departments");
        int order = 0;
        for (DepartmentPlan plan : DEPARTMENTS) {
            Long id = idByName(existing, plan.name());
            if (id == null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", plan.name());
                body.put("parentId", plan.managedBy() == null ? null : departments.get(plan.managedBy()));
                body.put("sortOrder", order);
                id = api.post("/admin/api/departments", body).path("id").asLong();
            }
            order++;
            departments.put(plan.name(), id);
        }

        JsonNode devices = api.get("/admin/api/gate-devices");
        for (String gate : GATES_WITH_DEVICES) {
            long gateId = gates.get(gate);
            boolean has = false;
            for (JsonNode d : devices) {
                has |= d.path("gateId").asLong() == gateId;
            }
            if (!has) {
                api.post("/admin/api/gate-devices", Map.of("name", gate + "闸机", "gateId", gateId));
            }
        }
        return new Ids(campuses, gates, departments);
    }

    private static long findOrCreateCampus(DemoApi api, CampusPlan plan, int sortOrder) {
        for (JsonNode c : api.get("/admin/api/campuses")) {
            if (plan.name().equals(c.path("name").asString())) {
                long id = c.path("id").asLong();
                if (c.path("address").isNull() || c.path("address").asString().isEmpty()) {
                    // 主校区 is created bare by DemoRegistrant; give it its address once.
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("name", plan.name());
                    body.put("address", plan.address());
                    body.put("sortOrder", c.path("sortOrder").asInt());
                    body.put("enabled", c.path("enabled").asBoolean(true));
                    api.put("/admin/api/campuses/" + id, body);
                }
                return id;
            }
        }
        return api.post(
                        "/admin/api/campuses",
                        Map.of("name", plan.name(), "address", plan.address(), "sortOrder", sortOrder))
                .path("id")
                .asLong();
    }

    static Long idByName(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (name.equals(item.path("name").asString())) {
                return item.path("id").asLong();
            }
        }
        return null;
    }
}
