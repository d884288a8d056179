package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.KeycloakProperties;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff portal's 访客数据 (S3.1–S3.4) in phone-sized Chromium (390×844): the school's security officer signs in to
 * the school realm (the staff portal's own sign-in on the realm's login page), opens
 * {@code /portal/<school>/staff/visitors} in the same page and looks at each tab: the overview cards, the trend chart
 * and details, the departments, the visitors and the gates, with 30 days of bookings including today's. Screenshots
 * in target/screenshots (staff-visitors-*).
 */
class StaffVisitorsBrowserIT extends StackTest {

    private static final String SCHOOL = "svweb";
    private static final String PASSWORD = "SvWeb@2026x";
    private static final String OFFICER_PASSWORD = "SvOfficer@2026x";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Test
    void theSecurityOfficerLooksAtEachTab() {
        onboard(SCHOOL, "admin", "13766660401", PASSWORD);
        String token = Tokens.school(SCHOOL, "admin", PASSWORD);
        long north = campus(token, "主校区");
        long east = campus(token, "东校区");
        Http.post(url("/admin/api/gates"), token, Map.of("campusId", north, "name", "正门"));
        Http.post(url("/admin/api/gates"), token, Map.of("campusId", north, "name", "西门"));
        Http.post(url("/admin/api/gates"), token, Map.of("campusId", east, "name", "东门"));
        for (String name : List.of("外国语学院", "计算机学院", "机械工程学院")) {
            Http.post(url("/admin/api/departments"), token, Map.of("name", name));
        }
        realms.ensureUser(
                keycloak.realm(
                        KeycloakProperties.DEFAULT_CLUSTER,
                        SchoolCode.of(SCHOOL).realmName()),
                new SchoolRealmProvisioner.FirstAdmin(
                        "officer", "保卫处王科长", PhoneNumber.parse("13766660402").orElseThrow(), OFFICER_PASSWORD),
                SeededRole.SECURITY_OFFICER.realmRole());
        seed("school_" + SCHOOL);

        try (Browser phone = Browser.phone()) {
            // The staff portal signs in on the school realm's login page and comes back to the page asked for.
            phone.open(url("/portal/" + SCHOOL + "/staff/visitors"));
            phone.await(By.id("username")).sendKeys("officer");
            phone.await(By.id("password")).sendKeys(OFFICER_PASSWORD);
            phone.await(By.id("kc-login")).click();
            phone.until(
                    d -> d.getCurrentUrl().contains("/staff/visitors")
                            && !d.getCurrentUrl().contains("code="),
                    Duration.ofSeconds(30));
            phone.until(d -> !phone.testId("total").getText().equals("–"), Duration.ofSeconds(30));
            phone.until(
                    d -> !d.findElements(By.cssSelector("[data-test='daily-chart'] polyline"))
                                    .isEmpty()
                            && !d.findElements(By.cssSelector("[data-test='daily-table'] tbody tr"))
                                    .isEmpty(),
                    Duration.ofSeconds(30));
            assertThat(Long.parseLong(phone.testId("total").getText())).isPositive();
            assertThat(Long.parseLong(phone.testId("expected").getText())).isPositive();
            assertThat(Long.parseLong(phone.testId("actual").getText())).isPositive();
            phone.screenshot("staff-visitors-1-overview");
            scrollTo(phone, "[data-test='daily-table']");
            phone.screenshot("staff-visitors-2-details");
            // Clear of the sticky tabs: a chip scrolled only to the top edge sits under them.
            scrollTo(phone, "[data-test='daily-chart'] [data-preset='ALL']");
            phone.await(By.cssSelector("[data-test='daily-chart'] [data-preset='ALL']"))
                    .click();
            phone.until(
                    d -> phone.testId("daily-chart").getText().contains("按月汇总")
                            || d.findElements(By.cssSelector("[data-test='daily-chart'] circle"))
                                            .size()
                                    > 14,
                    Duration.ofSeconds(30));
            scrollTo(phone, "[data-test='daily-chart']");
            phone.screenshot("staff-visitors-3-trend-all");

            tab(phone, 1);
            phone.until(d -> phone.testId("departments").getText().contains("计算机学院"), Duration.ofSeconds(30));
            phone.screenshot("staff-visitors-4-departments-today");
            activePanel(phone)
                    .findElement(By.cssSelector("[data-preset='LAST_30_DAYS']"))
                    .click();
            settled(phone);
            phone.screenshot("staff-visitors-5-departments-30-days");

            tab(phone, 2);
            phone.until(d -> phone.testId("visitors").getText().contains("****"), Duration.ofSeconds(30));
            activePanel(phone)
                    .findElement(By.cssSelector("[data-preset='LAST_30_DAYS']"))
                    .click();
            phone.until(
                    d -> phone.testId("visitors")
                                    .findElements(By.cssSelector("tbody tr"))
                                    .size()
                            > 3,
                    Duration.ofSeconds(30));
            phone.screenshot("staff-visitors-6-visitors");

            tab(phone, 3);
            phone.until(d -> phone.testId("gates").getText().contains("东校区"), Duration.ofSeconds(30));
            assertThat(phone.testId("gates").getText()).contains("正门", "西门", "东门");
            phone.screenshot("staff-visitors-7-gates-today");
            activePanel(phone)
                    .findElement(By.cssSelector("[data-preset='CUSTOM']"))
                    .click();
            phone.screenshot("staff-visitors-8-gates-custom");
        }
    }

    private long campus(String token, String name) {
        return Http.post(url("/admin/api/campuses"), token, Map.of("name", name))
                .json()
                .path("id")
                .asLong();
    }

    private static void tab(Browser phone, int index) {
        phone.driver().findElements(By.cssSelector(".van-tab")).get(index).click();
    }

    private static WebElement activePanel(Browser phone) {
        return phone.driver().findElements(By.cssSelector(".van-tab__panel")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElseThrow();
    }

    /** The figures of the chosen period have arrived (the previous ones are dimmed while loading). */
    private static void settled(Browser phone) {
        phone.until(d -> d.findElements(By.cssSelector(".stale")).isEmpty(), Duration.ofSeconds(30));
    }

    private static void scrollTo(Browser phone, String css) {
        ((JavascriptExecutor) phone.driver())
                .executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", css);
    }

    /**
     * Twenty visitors with bookings over the last 30 days and today (the morning ones visited), each visit passing
     * one of the three gates.
     */
    private void seed(String schema) {
        jdbc.update("INSERT INTO " + schema + ".visitor (wechat_openid, name, phone_masked, id_number_masked)"
                + " SELECT 'o-svweb-' || g, (ARRAY['王建国','李丽华','张志强','刘秀英','陈海峰','杨静怡','赵明','孙悦'])"
                + "[1 + g % 8] || (CASE WHEN g > 8 THEN g::text ELSE '' END),"
                + " '13' || (5 + g % 4) || '****' || lpad((g * 37 % 10000)::text, 4, '0'),"
                + " '110105**********' || lpad(g::text, 2, '0') FROM generate_series(1, 20) g");
        jdbc.update("INSERT INTO " + schema + ".visitor_booking (kind, visitor_id, host_id, host_name,"
                + " host_department_id, visit_date, slot, reason, transport, companion_count, visitor_name,"
                + " visitor_phone_masked, visitor_id_masked, status, reject_reason, visited_at, visited_gate_id,"
                + " created_by)"
                + " SELECT 'VISITOR_REQUEST', v.id, 1, '陈老师', d.id, x.day, x.slot, '学术交流', 'WALK', x.g % 3,"
                + " v.name, v.phone_masked, v.id_number_masked, x.status,"
                + " CASE WHEN x.status = 'REJECTED' THEN '当天不在校' END,"
                + " CASE WHEN x.status = 'VISITED' THEN (x.day + time '09:30') AT TIME ZONE 'Asia/Shanghai' END,"
                + " CASE WHEN x.status = 'VISITED' THEN (SELECT min(id) + x.g % 3 FROM " + schema + ".gate) END, 'test'"
                + " FROM (SELECT g, (now() AT TIME ZONE 'Asia/Shanghai')::date - g / 4 AS day,"
                + "   (ARRAY['MORNING','AFTERNOON','EVENING','MORNING'])[1 + g % 4] AS slot,"
                + "   CASE WHEN g < 4 THEN (ARRAY['VISITED','VISITED','APPROVED','APPROVED'])[1 + g % 4]"
                + "   ELSE (ARRAY['VISITED','VISITED','VISITED','APPROVED','EXPIRED','REJECTED','CANCELLED','VISITED'])"
                + "[1 + g % 8] END AS status"
                + "   FROM generate_series(0, 123) g) x"
                + " JOIN " + schema + ".visitor v ON v.wechat_openid = 'o-svweb-' || (1 + (x.g * 7) % 20)"
                + " JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM " + schema + ".department) d"
                + "   ON d.n = x.g % 3"
                + " ON CONFLICT DO NOTHING");
        jdbc.update("INSERT INTO " + schema + ".visitor_access_record (booking_id, visitor_id, host_id,"
                + " host_department_id, name, phone_masked, campus_id, gate_id, method, allowed, verified_by, passed_at)"
                + " SELECT b.id, b.visitor_id, b.host_id, b.host_department_id, b.visitor_name, b.visitor_phone_masked,"
                + " g.campus_id, g.id, 'GUARD', true, 'guard', b.visited_at FROM " + schema + ".visitor_booking b"
                + " JOIN " + schema + ".gate g ON g.id = b.visited_gate_id WHERE b.status = 'VISITED'");
    }
}
