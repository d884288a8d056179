package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import cn.campuspass.platform.security.SeededRole;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The staff portal's journey (S1, S2, S4.1) in Chromium: a 保卫处 officer signs in to the staff portal (390×844) with
 * account + password on the school realm's login page, sees the workbench, issues a ticket with three photos to a
 * registered car found by its plate; the car's registrant opens 我的罚单 in their portal, sees it and appeals with a
 * reason; the admin approves the appeal in the console (1366×768); the console home's ticket trend counts the
 * ticket. Every staff page is photographed at phone size (target/screenshots/staff-*.png).
 */
class StaffPortalJourneyBrowserIT extends StackTest {

    private static final String SCHOOL = "staffjourney";
    private static final String PASSWORD = "StaffJourney@2026";
    private static final String PHONE = "13500000041";
    private static final String APP_ID = "wxstaffjourney01";
    private static final String OPENID = "o-staff-journey-0001";
    private static final String OFFICER = "officer";
    private static final String OFFICER_PASSWORD = "Officer@2026x";
    private static final String PLATE = "沪A8K901";

    @Test
    void anOfficerTicketsACarInTheStaffPortalTheRegistrantAppealsAndTheAdminApproves() throws Exception {
        onboard(SCHOOL, "admin", PHONE, PASSWORD, APP_ID);
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        var fixtures = schoolFixtures();
        long department = fixtures.department(admin, "化学化工学院");
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("name", "林建国");
        person.put("identity", "TEACHER");
        person.put("number", "T2020041");
        person.put("phone", "13800010041");
        person.put("idTail", "54321X");
        person.put("departmentId", department);
        Http.Response created = Http.post(url("/admin/api/registrants"), admin, person);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long registrant = created.json().path("id").asLong();
        Map<String, Object> car = new LinkedHashMap<>();
        car.put("type", "MOTOR");
        car.put("plate", PLATE);
        car.put("ownerName", "林建国");
        car.put("relation", "SELF");
        car.put("registrantId", registrant);
        assertThat(Http.post(url("/admin/api/vehicles"), admin, car).status()).isEqualTo(201);
        assertThat(Http.post(
                                url("/admin/api/ticket-items"),
                                admin,
                                Map.of("name", "违规停车", "points", 2, "description", "在禁停区域停车"))
                        .status())
                .isEqualTo(201);
        fixtures.staff(SCHOOL, OFFICER, "13500000042", OFFICER_PASSWORD, SeededRole.SECURITY_OFFICER.realmRole());
        List<Path> photos = List.of(
                VehicleJourneyBrowserIT.photo("front", new Color(0xC0, 0x39, 0x2B)),
                VehicleJourneyBrowserIT.photo("side", new Color(0x2E, 0x5E, 0xAA)),
                VehicleJourneyBrowserIT.photo("back", new Color(0x27, 0xAE, 0x60)));

        // 1. The officer signs in with account + password and issues the ticket with three photos.
        long ticketId;
        try (Browser phone = Browser.phone()) {
            phone.open(url("/portal/" + SCHOOL + "/staff/tickets/new"));
            phone.await(By.id("username")).sendKeys(OFFICER);
            phone.await(By.id("password")).sendKeys(OFFICER_PASSWORD);
            phone.await(By.id("kc-login")).click();
            // Back at the staff portal's one redirect URI, then on the page first asked for.
            phone.until(d -> d.getCurrentUrl().contains("/staff/tickets/new"), Duration.ofSeconds(30));
            phone.present(By.cssSelector("[data-test='target-q'] input")).sendKeys(PLATE);
            phone.testId("target-find").click();
            phone.until(d -> phone.testId("target-candidate").getText().contains("林建国"), Duration.ofSeconds(20));
            phone.testId("ticket-item").click();
            phone.await(By.cssSelector(".van-action-sheet__item")).click();
            String[] positions = {"FRONT", "SIDE", "BACK"};
            for (int i = 0; i < 3; i++) {
                phone.present(By.cssSelector("[data-test='photo-input-" + positions[i] + "']"))
                        .sendKeys(photos.get(i).toString());
            }
            phone.until(d -> d.findElements(By.cssSelector(".photo img")).size() == 3, Duration.ofSeconds(20));
            phone.screenshot("staff-3-new-ticket");
            WebElement submit = phone.testId("ticket-submit");
            phone.until(d -> submit.isEnabled(), Duration.ofSeconds(10));
            submit.click();
            phone.until(d -> d.getCurrentUrl().matches(".*/staff/tickets/\\d+$"), Duration.ofSeconds(30));
            ticketId = Long.parseLong(phone.driver().getCurrentUrl().replaceAll(".*/", ""));
            phone.until(
                    d -> d.findElements(By.cssSelector("[data-test='photo-BACK'] img"))
                                    .size()
                            == 1,
                    Duration.ofSeconds(20));
            assertThat(phone.testId("ticket-plate").getText()).contains(PLATE);
            phone.screenshot("staff-4-ticket-details");

            phone.testId("tab-workbench").click();
            phone.until(d -> phone.testId("count-ticketsToday").getText().equals("1"), Duration.ofSeconds(20));
            assertThat(phone.testId("count-teachers").getText()).isEqualTo("1");
            assertThat(phone.testId("count-motorVehicles").getText()).isEqualTo("1");
            phone.screenshot("staff-1-workbench");
            phone.testId("tickets-all").click();
            phone.until(d -> phone.testId("tickets-total").getText().contains("1"), Duration.ofSeconds(20));
            phone.screenshot("staff-2-tickets");
            phone.testId("tab-me").click();
            phone.until(d -> phone.testId("me-account").getText().contains(OFFICER), Duration.ofSeconds(20));
            assertThat(phone.testId("me-roles").getText()).contains("保卫处");
            phone.screenshot("staff-5-me");
            phone.testId("me-phone").click();
            phone.testId("staff-phone-number");
            phone.screenshot("staff-6-phone");
        }
        JsonNode issued =
                Http.get(url("/admin/api/tickets/" + ticketId), admin).json().path("ticket");
        assertThat(issued.path("issuedBy").asString()).isEqualTo(OFFICER);
        assertThat(issued.path("registrantId").asLong()).isEqualTo(registrant);

        // 2. The registrant sees the ticket in 我的罚单 and appeals.
        try (Browser phone = Browser.phone()) {
            phone.open(url("/portal/" + SCHOOL + "/tickets"));
            phone.allowOnWeChatConsentPage(url(""), OPENID);
            phone.testId("identity-TEACHER").click();
            phone.type("login-number", "T2020041");
            phone.type("login-verifier", "54321X");
            phone.testId("login-submit").click();
            phone.until(d -> phone.testId("ticket-" + ticketId).getText().contains(PLATE), Duration.ofSeconds(30));
            phone.testId("appeal-" + ticketId).click();
            phone.present(By.cssSelector("[data-test='appeal-reason'] textarea"))
                    .sendKeys("当时在装卸实验器材，临时停靠五分钟");
            phone.testId("appeal-submit").click();
            phone.until(
                    d -> phone.driver()
                            .findElements(By.cssSelector("[data-test='appeal-" + ticketId + "']"))
                            .isEmpty(),
                    Duration.ofSeconds(20));
            phone.screenshot("staff-journey-registrant-appealed");
        }
        // The violator leaderboard counts the ticket while its appeal is pending (A6.5).
        assertThat(violatorTickets(admin, registrant)).isEqualTo(1);
        JsonNode appeals = Http.get(url("/admin/api/ticket-appeals?status=PENDING"), admin)
                .json()
                .path("items");
        assertThat(appeals.size()).isEqualTo(1);
        long appeal = appeals.get(0).path("id").asLong();

        // 3. The admin approves the appeal in the console.
        try (Browser console = Browser.laptop()) {
            console.open(url("/admin/?school=" + SCHOOL));
            console.await(By.id("username")).sendKeys(PHONE);
            console.await(By.id("password")).sendKeys(PASSWORD);
            console.await(By.id("kc-login")).click();
            console.testId("school-name");
            console.open(url("/admin/tickets/appeals?school=" + SCHOOL));
            console.testId("appeal-approve-" + appeal).click();
            console.await(By.cssSelector(".el-message-box .el-button--primary")).click();
            console.until(
                    d -> "APPROVED"
                            .equals(Http.get(url("/admin/api/ticket-appeals/" + appeal), admin)
                                    .json()
                                    .path("appeal")
                                    .path("status")
                                    .asString()),
                    Duration.ofSeconds(20));
            console.screenshot("staff-journey-console-approved");
        }
        assertThat(Http.get(url("/admin/api/tickets/" + ticketId), admin)
                        .json()
                        .path("ticket")
                        .path("status")
                        .asString())
                .isEqualTo("REVOKED");

        // The approved appeal revoked the ticket: it leaves the leaderboard.
        assertThat(violatorTickets(admin, registrant)).isZero();

        // 4. The console home's ticket trend counts today's ticket (revoked tickets were issued all the same).
        JsonNode trend =
                Http.get(url("/admin/api/home/violations"), admin).json().path("trend");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        long todays = 0;
        for (JsonNode day : trend) {
            if (today.equals(day.path("date").asString())) {
                todays = day.path("tickets").asLong();
            }
        }
        assertThat(todays).isEqualTo(1);
    }

    /** The registrant's effective tickets today on the violator leaderboard (0 when not ranked). */
    private long violatorTickets(String token, long registrantId) {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Http.Response board =
                Http.get(url("/admin/api/violation-stats/violators?from=" + today + "&to=" + today), token);
        assertThat(board.status()).as(board.body()).isEqualTo(200);
        for (JsonNode row : board.json().path("items")) {
            if (row.path("registrantId").asLong() == registrantId) {
                return row.path("tickets").asLong();
            }
        }
        return 0;
    }
}
