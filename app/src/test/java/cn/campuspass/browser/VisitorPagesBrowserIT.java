package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 访客预约记录, 部门访客统计, 访客排行榜 (A6.2–A6.4) and the home page's visitor part (A2) in Chromium at 1366×768:
 * the home page draws the 30-day trend and lists recent visitors, a booking opens its details, a department row and a
 * leaderboard row drill down to the records filtered to them; screenshots in target/screenshots.
 */
class VisitorPagesBrowserIT extends StackTest {

    private static final String SCHOOL = "visweb";
    private static final String PHONE = "13766660301";
    private static final String PASSWORD = "VisWeb@2026x";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void adminBrowsesVisitorRecordsStatisticsAndLeaderboard() {
        onboard(SCHOOL, "admin", PHONE, PASSWORD);
        String token = Tokens.school(SCHOOL, "admin", PASSWORD);
        long campus = Http.post(url("/admin/api/campuses"), token, Map.of("name", "主校区"))
                .json()
                .path("id")
                .asLong();
        Http.post(url("/admin/api/gates"), token, Map.of("campusId", campus, "name", "东门"));
        String[][] hosts = {
            {"外国语学院", "陈志强", "T2019001", "13800020001"},
            {"计算机学院", "林晓雨", "T2019002", "13800020002"},
            {"机械工程学院", "黄建华", "T2019003", "13800020003"}
        };
        for (String[] h : hosts) {
            long department = Http.post(url("/admin/api/departments"), token, Map.of("name", h[0]))
                    .json()
                    .path("id")
                    .asLong();
            Http.Response created = Http.post(
                    url("/admin/api/registrants"),
                    token,
                    Map.of(
                            "name",
                            h[1],
                            "identity",
                            "TEACHER",
                            "number",
                            h[2],
                            "phone",
                            h[3],
                            "idTail",
                            "12345X",
                            "departmentId",
                            department));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        seedBookings("school_" + SCHOOL);

        try (Browser browser = Browser.laptop()) {
            browser.open(url("/admin/?school=" + SCHOOL));
            browser.await(By.id("username")).sendKeys(PHONE);
            browser.await(By.id("password")).sendKeys(PASSWORD);
            browser.await(By.id("kc-login")).click();
            browser.testId("school-name");

            browser.until(
                    d -> !d.findElements(By.cssSelector("[data-test='visitor-trend-chart'] canvas"))
                            .isEmpty(),
                    Duration.ofSeconds(30));
            assertThat(browser.testId("home-recent-visitors").getText()).contains("访客");
            browser.screenshot("visitors-home");

            browser.testId("menu-visitor-bookings").click();
            browser.until(
                    d -> browser.testId("visitor-bookings-table").getText().contains("学术交流"), Duration.ofSeconds(20));
            assertThat(browser.testId("visitor-bookings-table").getText()).contains("已访问");
            browser.screenshot("visitor-bookings");
            browser.await(By.cssSelector("[data-test='visitor-bookings-table'] .el-table__row"))
                    .click();
            browser.until(d -> browser.testId("vbooking-detail").getText().contains("受访人"), Duration.ofSeconds(20));
            browser.screenshot("visitor-booking-detail");
            browser.driver().navigate().refresh();
            browser.testId("school-name");

            browser.testId("menu-visitor-department-stats").click();
            browser.until(
                    d -> browser.testId("visitor-department-stats-table")
                            .getText()
                            .contains("外国语学院"),
                    Duration.ofSeconds(20));
            browser.screenshot("visitor-department-stats");
            browser.await(By.cssSelector("[data-test='dept-drill']")).click();
            browser.until(d -> d.getCurrentUrl().contains("departmentId="), Duration.ofSeconds(20));
            browser.until(
                    d -> browser.testId("visitor-bookings-table").getText().contains("学术交流"), Duration.ofSeconds(20));
            browser.screenshot("visitor-department-drill");

            browser.testId("menu-visitor-leaderboard").click();
            browser.until(
                    d -> browser.testId("visitor-leaderboard-table").getText().contains("110105"),
                    Duration.ofSeconds(20));
            browser.screenshot("visitor-leaderboard");
            browser.await(By.cssSelector("[data-test='leader-drill']")).click();
            browser.until(d -> d.getCurrentUrl().contains("visitorId="), Duration.ofSeconds(20));
            browser.until(d -> browser.testId("vbookings-visitor").getText().contains("访客"), Duration.ofSeconds(20));
            browser.screenshot("visitor-leaderboard-drill");
        }
    }

    /** Twelve visitors and two bookings a day over the last 30 days, each host and status in turn. */
    private void seedBookings(String schema) {
        jdbc.update("INSERT INTO " + schema + ".visitor (wechat_openid, name, phone_masked, id_number_masked)"
                + " SELECT 'o-visweb-' || g, (ARRAY['王建国','李丽华','张志强','刘秀英','陈海峰','杨静怡'])[1 + g % 6]"
                + " || '访客', '13' || (5 + g % 4) || '****' || lpad((g * 37 % 10000)::text, 4, '0'),"
                + " '110105**********' || lpad(g::text, 2, '0') FROM generate_series(1, 12) g");
        jdbc.update("INSERT INTO " + schema + ".visitor_booking (kind, visitor_id, host_id, host_name,"
                + " host_department_id, visit_date, slot, reason, transport, plate, companion_count, companions,"
                + " visitor_name, visitor_phone_masked, visitor_id_masked, status, reject_reason, decided_by,"
                + " decided_at, visited_at, visited_gate_id, created_by)"
                + " SELECT CASE WHEN g % 4 = 0 THEN 'HOST_INVITATION' ELSE 'VISITOR_REQUEST' END, v.id, r.id, r.name,"
                + " r.department_id, current_date - g / 2, CASE WHEN g % 2 = 0 THEN 'MORNING' ELSE 'AFTERNOON' END,"
                + " '学术交流', CASE WHEN g % 3 = 0 THEN 'CAR' ELSE 'WALK' END,"
                + " CASE WHEN g % 3 = 0 THEN '苏A1' || lpad(g::text, 4, '0') END, g % 3,"
                + " CASE WHEN g % 3 = 0 THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('name', '随行'"
                + " || g, 'plate', null)) END, v.name, v.phone_masked, v.id_number_masked, s.status,"
                + " CASE WHEN s.status = 'REJECTED' THEN '当天不在校' END, 'registrant:' || r.id, now(),"
                + " CASE WHEN s.status = 'VISITED' THEN (current_date - g / 2) + time '09:30' END,"
                + " CASE WHEN s.status = 'VISITED' THEN (SELECT min(id) FROM " + schema + ".gate) END, 'test'"
                + " FROM generate_series(0, 59) g"
                + " JOIN LATERAL (SELECT (ARRAY['VISITED','VISITED','VISITED','APPROVED','EXPIRED','REJECTED',"
                + "   'CANCELLED','VISITED'])[1 + g % 8] AS status) s ON true"
                + " JOIN " + schema + ".visitor v ON v.wechat_openid = 'o-visweb-' || (1 + g % 12)"
                + " JOIN " + schema + ".registrant r ON r.number = 'T201900' || (1 + g % 3)");
        jdbc.update("INSERT INTO " + schema + ".visitor_access_record (booking_id, visitor_id, host_id,"
                + " host_department_id, name, phone_masked, campus_id, gate_id, method, allowed, verified_by, passed_at)"
                + " SELECT b.id, b.visitor_id, b.host_id, b.host_department_id, b.visitor_name, b.visitor_phone_masked,"
                + " g.campus_id, g.id, 'GUARD', true, 'guard', b.visited_at FROM " + schema + ".visitor_booking b"
                + " JOIN " + schema + ".gate g ON g.id = b.visited_gate_id");
    }
}
