package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * R1, R3, R4.4 and P5 in a real phone-sized browser: a registrant scans a gate poster, signs in through WeChat OAuth
 * (the simulator's consent page) and the identity entry, and gets a dynamic pass; a gate guard, signed in to the
 * school realm on the portal's guard page, verifies the pass code, and the access record is there.
 */
class PortalBrowserIT extends StackTest {

    private static final String SCHOOL = "portalbrowser";
    private static final String ADMIN_PASSWORD = "PortalUni@2026";
    private static final String OPENID = "o-portal-it-0001";

    @Test
    void registrantScansGatePosterSignsInAndGuardVerifiesThePass() throws Exception {
        onboard(SCHOOL, "admin", "13500000021", ADMIN_PASSWORD, "wx" + SCHOOL);
        String admin = Tokens.school(SCHOOL, "admin", ADMIN_PASSWORD);
        long campus = created(Http.post(url("/admin/api/campuses"), admin, Map.of("name", "主校区")));
        long gate = created(Http.post(url("/admin/api/gates"), admin, Map.of("campusId", campus, "name", "东门")));
        long department = created(Http.post(url("/admin/api/departments"), admin, Map.of("name", "计算机学院")));
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("name", "张同学");
        person.put("identity", "STUDENT");
        person.put("number", "2026001");
        person.put("phone", "13712345678");
        person.put("idTail", "12345X");
        person.put("departmentId", department);
        long registrant = created(Http.post(url("/admin/api/registrants"), admin, person));
        Http.Response rules = Http.put(
                url("/admin/api/registrants/" + registrant + "/access-rules"), admin, Map.of("gateIds", List.of(gate)));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        String gateLink = GatePosters.link(url(""), SCHOOL, admin, gate);

        try (Browser guard = Browser.phone();
                Browser phone = Browser.phone()) {
            // The guard signs in first, so the pass code is verified within its rotation window.
            guard.open(url("/portal/" + SCHOOL + "/guard"));
            guard.await(By.id("username")).sendKeys("admin");
            guard.await(By.id("password")).sendKeys(ADMIN_PASSWORD);
            guard.await(By.id("kc-login")).click();
            guard.until(
                    d -> String.valueOf(gate).equals(guard.testId("guard-gate").getAttribute("data-gate-id")),
                    Duration.ofSeconds(30));

            // The phone opens the poster's link: no session → WeChat OAuth.
            phone.open(gateLink);
            phone.allowOnWeChatConsentPage(url(""), OPENID);

            // A new openid: the identity entry, then number + verifier; the portal comes back to the gate link.
            phone.testId("identity-STUDENT").click();
            phone.type("login-number", "2026001");
            phone.type("login-verifier", "12345X");
            phone.testId("login-submit").click();

            WebElement code = phone.testId("pass-code");
            assertThat(phone.driver().getCurrentUrl()).contains("/portal/" + SCHOOL + "/gate/" + gate);
            assertThat(phone.testId("pass-qr").findElements(By.tagName("svg"))).isNotEmpty();
            assertThat(phone.testId("pass-gate").getText()).contains("主校区").contains("东门");
            assertThat(phone.driver().getPageSource()).contains("张同学").contains("2026001");
            phone.screenshot("portal-pass");
            // Read a code with time left in its window (a code read just before rotation might expire meanwhile).
            phone.until(
                    d -> Integer.parseInt(phone.testId("pass-countdown").getAttribute("data-seconds")) >= 8,
                    Duration.ofSeconds(90));
            String passCode = phone.testId("pass-code").getAttribute("data-code");
            assertThat(passCode).isNotBlank().isEqualTo(code.getText().strip());

            guard.type("guard-code", passCode);
            guard.testId("guard-verify").click();
            WebElement result = guard.testId("guard-result");
            guard.screenshot("portal-guard-result");
            assertThat(result.getAttribute("data-allowed")).as(result.getText()).isEqualTo("true");
            assertThat(result.getText()).contains("允许通行").contains("张同学").contains("2026001");
            guard.testId("guard-next").click();
            assertThat(guard.testId("guard-history").getText()).contains("张同学");

            // R4.4 on the same phone: the one gate granted is shown as allowed.
            phone.open(url("/portal/" + SCHOOL + "/rules"));
            WebElement allowed = phone.testId("rules-gate-" + gate);
            assertThat(allowed.getAttribute("data-allowed")).isEqualTo("true");
            assertThat(phone.testId("rules-list").getText()).doesNotContain("暂无通行权限");
        }

        // What the guard saw is an access record of the school.
        JsonNode records =
                Http.get(url("/admin/api/access-records?q=2026001"), admin).json();
        assertThat(records.path("total").asLong()).as(records.toString()).isEqualTo(1);
        JsonNode record = records.path("items").get(0);
        assertThat(record.path("allowed").asBoolean()).isTrue();
        assertThat(record.path("method").asString()).isEqualTo("GUARD");
        assertThat(record.path("gateName").asString()).isEqualTo("东门");
    }

    private static long created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asLong();
    }
}
