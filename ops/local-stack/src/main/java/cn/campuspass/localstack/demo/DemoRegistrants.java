package cn.campuspass.localstack.demo;

import static cn.campuspass.localstack.demo.DemoOrganization.CATERING;
import static cn.campuspass.localstack.demo.DemoOrganization.CS;
import static cn.campuspass.localstack.demo.DemoOrganization.ECON;
import static cn.campuspass.localstack.demo.DemoOrganization.FOREIGN;
import static cn.campuspass.localstack.demo.DemoOrganization.GUARDS;
import static cn.campuspass.localstack.demo.DemoOrganization.MECH;
import static cn.campuspass.localstack.demo.DemoOrganization.MED;
import static cn.campuspass.localstack.demo.DemoOrganization.PROPERTY;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A few hundred registrants over every identity, imported as a school would: one workbook of the import template's
 * columns (built with POI) uploaded to the admin import. Then, as an admin would: gates through the bulk access-rules
 * API, visitor authorization for some teachers, two contractors who left (disabled). Most people have bound the
 * WeChat portal; the binding (an openid on the registrant) has no admin API, so it is written with JDBC like the
 * portal's binding does.
 *
 * <p>Idempotent: the import runs only while the last demo person is missing (rows that exist are refused as
 * duplicates anyway), and the admin steps run only after an import of this run or while almost nobody has rules.
 */
final class DemoRegistrants {

    private static final Logger log = LoggerFactory.getLogger(DemoRegistrants.class);

    /** Colleges whose newest students (enrolled 2026) have no gates yet: the list shows people waiting for rules. */
    private static final Set<String> FRESHMEN_WITHOUT_RULES = Set.of(FOREIGN, MECH);

    private DemoRegistrants() {}

    static void seed(DemoApi api, DemoDb db, DemoOrganization.Ids org) throws Exception {
        List<DemoPeople.Person> people = DemoPeople.all();
        boolean imported = false;
        DemoPeople.Person last = people.get(people.size() - 1);
        if (findId(api, last.number()) == null) {
            importWorkbook(api, people);
            imported = true;
        } else {
            log.info("Demo registrants exist already ({} is there)", last.number());
        }
        if (imported || db.count("SELECT count(DISTINCT registrant_id) FROM registrant_gate_access") < 50) {
            grantGates(api, org);
            adminTouches(api);
        }
        if (imported) {
            bindWeChat(db, people);
        }
    }

    static byte[] workbook(List<DemoPeople.Person> people) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("备案人");
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            String[] headers = {"姓名*", "身份*", "身份类型", "学号/工号*", "手机号*", "身份证后六位", "部门/单位*", "被分管部门"};
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
            }
            int r = 1;
            for (DemoPeople.Person p : people) {
                Row row = sheet.createRow(r++);
                String[] cells = {
                    p.name(),
                    p.identity().label,
                    p.identityType(),
                    p.number(),
                    p.phone(),
                    p.idTail(),
                    p.department(),
                    p.managedDepartment()
                };
                for (int c = 0; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) {
                        var cell = row.createCell(c);
                        cell.setCellStyle(text);
                        cell.setCellValue(cells[c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void importWorkbook(DemoApi api, List<DemoPeople.Person> people) throws InterruptedException {
        DemoApi.Reply started = api.upload(
                "/admin/api/registrants/import",
                "演示大学备案人.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                workbook(people));
        if (started.status() != 202) {
            throw new IllegalStateException("Registrant import: HTTP " + started.status() + " " + started.body());
        }
        String job = started.json().path("id").asString();
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode status;
        do {
            Thread.sleep(300);
            status = api.get("/admin/api/registrants/import/" + job);
            String s = status.path("status").asString();
            if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                break;
            }
        } while (System.nanoTime() < deadline);
        log.info(
                "Demo registrants imported: status {}, {} rows, {} imported, {} refused",
                status.path("status").asString(),
                status.path("totalRows").asInt(),
                status.path("importedRows").asInt(),
                status.path("rejectedRows").asInt());
    }

    /** Gates by group, added to what people already have (GRANT), through the bulk access-rules API. */
    private static void grantGates(DemoApi api, DemoOrganization.Ids org) {
        Map<String, Long> gates = org.gates();
        List<Long> main = ids(gates, "东门", "南门", "西门", "北门");
        List<Long> east = ids(gates, "东校区正门", "东校区西门");
        List<Long> medical = ids(gates, "医学院南门", "附属医院通道");
        List<Long> everyGate = new ArrayList<>(gates.values());

        Map<String, List<Long>> studentGates = new LinkedHashMap<>();
        studentGates.put(CS, main);
        studentGates.put(ECON, main);
        studentGates.put(FOREIGN, main);
        studentGates.put(MECH, concat(east, ids(gates, "北门")));
        studentGates.put(MED, concat(medical, ids(gates, "东门")));
        int affected = 0;
        for (Map.Entry<String, List<Long>> college : studentGates.entrySet()) {
            for (int year : DemoPeople.YEARS) {
                if (year == 2026 && FRESHMEN_WITHOUT_RULES.contains(college.getKey())) {
                    continue;
                }
                affected += grant(
                        api,
                        filter("STUDENT", org.departments().get(college.getKey()), Integer.toString(year)),
                        college.getValue());
            }
        }
        affected += grant(api, filter("TEACHER", null, null), everyGate);
        affected += grant(api, filter("THIRD_PARTY", org.departments().get(PROPERTY), null), concat(main, east));
        affected += grant(api, filter("THIRD_PARTY", org.departments().get(CATERING), null), ids(gates, "北门", "东校区西门"));
        affected += grant(api, filter("THIRD_PARTY", org.departments().get(GUARDS), null), everyGate);
        affected += grant(api, filter("RESIDENT", null, null), ids(gates, "北门", "西门"));
        log.info("Demo access rules granted ({} registrant-rule changes)", affected);
    }

    private static Map<String, Object> filter(String identity, Long departmentId, String q) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("identity", identity);
        f.put("departmentId", departmentId);
        f.put("q", q);
        return f;
    }

    private static int grant(DemoApi api, Map<String, Object> filter, List<Long> gateIds) {
        return api.post("/admin/api/access-rules/bulk", Map.of("filter", filter, "gateIds", gateIds, "mode", "GRANT"))
                .path("affected")
                .asInt();
    }

    /** Visitor authorization for some teachers, and two contractors who left (disabled). */
    private static void adminTouches(DemoApi api) {
        JsonNode teachers =
                api.get("/admin/api/registrants?identity=TEACHER&size=200").path("items");
        int i = 0;
        for (JsonNode t : teachers) {
            if (i++ % 5 == 0 && !t.path("visitorAuthorized").asBoolean()) {
                api.post("/admin/api/registrants/" + t.path("id").asLong() + "/visitor-authorization", null);
            }
        }
        for (String number : List.of("CY2021011", "WY2020015", "BA2019012")) {
            Long id = findId(api, number);
            if (id != null) {
                api.post("/admin/api/registrants/" + id + "/disable", null);
            }
        }
    }

    /** Three in four demo people have signed in to the portal (a WeChat openid on the registrant, as binding does). */
    private static void bindWeChat(DemoDb db, List<DemoPeople.Person> people) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE registrant SET wechat_openid = ? WHERE number = ? AND wechat_openid IS NULL")) {
            int n = 0;
            for (DemoPeople.Person p : people) {
                String openId = openId(p.number());
                if (Math.floorMod(openId.hashCode(), 4) == 0) {
                    continue;
                }
                ps.setString(1, openId);
                ps.setString(2, p.number());
                ps.addBatch();
                n++;
            }
            ps.executeBatch();
            log.info("Demo registrants bound to WeChat: {}", n);
        }
    }

    /** A 28-character openid like WeChat's ("o" + 27), stable per person. */
    static String openId(String number) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("campuspass-demo:" + number).getBytes(StandardCharsets.UTF_8));
            return "o"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(hash)
                            .substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Long findId(DemoApi api, String number) {
        for (JsonNode item :
                api.get("/admin/api/registrants?q=" + DemoApi.enc(number)).path("items")) {
            if (number.equals(item.path("number").asString())) {
                return item.path("id").asLong();
            }
        }
        return null;
    }

    private static List<Long> ids(Map<String, Long> gates, String... names) {
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(gates.get(name));
        }
        return ids;
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
