package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.MutableClock;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import cn.campuspass.localstack.LocalStack;
import cn.campuspass.localstack.WeChatSimulator;
import cn.campuspass.platform.time.SchoolTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The visitor journey in phone-sized Chromium (V1–V4, R4.2): a visitor signs in through WeChat alone and books a
 * teacher with visitor authorization for tomorrow morning; the teacher, signed in to the registrant portal, approves
 * under 我的访客预约; inside the window the visitor opens the gate poster's link and sees the visitor pass; a gate
 * device verifies it; the simulator holds the three notices (request to the host, decision to the visitor, arrival
 * to the host); the booking is VISITED and the visitor access record is there. After the sign-ins the application's
 * clock is set to tomorrow 09:00 Shanghai, so the journey does not depend on the hour the test runs at.
 */
class VisitorJourneyBrowserIT extends StackTest {

    private static final String SCHOOL = "visitorjourney";
    private static final String SCHEMA = "school_visitorjourney";
    private static final String ADMIN_PASSWORD = "Journey@2026x";
    private static final String VISITOR_OPENID = "o-journey-visitor";
    private static final String HOST_OPENID = "o-journey-host";

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    private final WeChatSimulator simulator = LocalStack.shared().weChat();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aVisitorBooksTheTeacherApprovesAndTheGateLetsThemIn() throws Exception {
        onboard(SCHOOL, "admin", "13500000071", ADMIN_PASSWORD, "wx" + SCHOOL);
        String admin = Tokens.school(SCHOOL, "admin", ADMIN_PASSWORD);
        long campus = created(Http.post(url("/admin/api/campuses"), admin, Map.of("name", "主校区")));
        long gate = created(Http.post(url("/admin/api/gates"), admin, Map.of("campusId", campus, "name", "东门")));
        long department = created(Http.post(url("/admin/api/departments"), admin, Map.of("name", "外国语学院")));
        Map<String, Object> teacher = new LinkedHashMap<>();
        teacher.put("name", "李老师");
        teacher.put("identity", "TEACHER");
        teacher.put("number", "T2026071");
        teacher.put("phone", "13712340071");
        teacher.put("idTail", "12345X");
        teacher.put("departmentId", department);
        long host = created(Http.post(url("/admin/api/registrants"), admin, teacher));
        Http.Response authorized =
                Http.post(url("/admin/api/registrants/" + host + "/visitor-authorization"), admin, Map.of());
        assertThat(authorized.status()).as(authorized.body()).isLessThan(300);
        Http.Response device = Http.post(url("/admin/api/gate-devices"), admin, Map.of("name", "东门闸机", "gateId", gate));
        assertThat(device.status()).as(device.body()).isEqualTo(201);
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (device.json().path("device").path("keyId").asString() + ":"
                                                + device.json().path("secret").asString())
                                        .getBytes(StandardCharsets.UTF_8));
        String gateLink = gateLinkFromPoster(admin, gate);

        LocalDate tomorrow = LocalDate.now(SchoolTime.ZONE).plusDays(1);

        try (Browser visitor = Browser.phone();
                Browser teacherPhone = Browser.phone()) {
            // The teacher signs in first (WeChat, 我是教师 with 工号 + ID tail), so notices can reach their WeChat.
            // A page that needs a registrant starts WeChat's OAuth (the portal home does not).
            teacherPhone.open(url("/portal/" + SCHOOL + "/vehicles"));
            teacherPhone.allowOnWeChatConsentPage(url(""), HOST_OPENID);
            slowly(teacherPhone, "identity-TEACHER").click();
            teacherPhone.type("login-number", "T2026071");
            teacherPhone.type("login-verifier", "12345X");
            teacherPhone.testId("login-submit").click();
            teacherPhone.until(d -> !d.getCurrentUrl().contains("/login"), Duration.ofSeconds(90));
            teacherPhone.open(url("/portal/" + SCHOOL + "/visitors"));
            slowly(teacherPhone, "invite");

            // The visitor: WeChat alone, no identity login.
            visitor.open(url("/portal/" + SCHOOL + "/visitor"));
            visitor.allowOnWeChatConsentPage(url(""), VISITOR_OPENID);
            slowly(visitor, "book");

            // From here on it is tomorrow 09:00 in Shanghai (after the sign-ins: WeChat's one-time states and
            // tickets live on the wall clock), so the journey does not depend on the hour the test runs at.
            clock.set(
                    tomorrow.atTime(LocalTime.of(9, 0)).atZone(SchoolTime.ZONE).toInstant());

            // The booking form (a first booking asks for the visitor's details).
            visitor.open(url("/portal/" + SCHOOL + "/visitor/book"));
            slowly(visitor, "host-" + host).click();
            visitor.await(By.xpath("//*[@data-test='dates']//*[contains(@class,'van-radio__label') and contains(.,'"
                            + tomorrow.toString().substring(5) + "')]"))
                    .click();
            visitor.await(By.xpath(
                            "//*[@data-test='slots']//*[contains(@class,'van-radio__label') and contains(.,'上午')]"))
                    .click();
            visitor.type("reason", "学术交流");
            visitor.type("name", "陈访客");
            visitor.type("phone", "13700137071");
            visitor.type("id-number", "11010519491231002X");
            visitor.testId("pledge").click();
            visitor.screenshot("visitor-journey-1-book");
            visitor.testId("submit").click();
            visitor.until(d -> d.getCurrentUrl().endsWith("/portal/" + SCHOOL + "/visitor"), Duration.ofSeconds(90));
            visitor.until(d -> d.getPageSource().contains("李老师"), Duration.ofSeconds(90));
            visitor.screenshot("visitor-journey-2-booked");
            long booking = jdbc.queryForObject(
                    "SELECT b.id FROM " + SCHEMA + ".visitor_booking b JOIN " + SCHEMA
                            + ".visitor v ON v.id = b.visitor_id WHERE v.wechat_openid = ?",
                    Long.class,
                    VISITOR_OPENID);
            await(
                    () -> simulator.messages(HOST_OPENID).stream()
                            .anyMatch(m -> m.templateId().equals("tpl-visitor-request")),
                    "the request notice to the host");

            // The teacher sees the new request under 我的访客预约 and approves it.
            teacherPhone.open(url("/portal/" + SCHOOL + "/visitors"));
            WebElement approve = slowly(teacherPhone, "approve-" + booking);
            teacherPhone.screenshot("visitor-journey-3-host-received");
            approve.click();
            teacherPhone.until(
                    d -> "APPROVED"
                            .equals(jdbc.queryForObject(
                                    "SELECT status FROM " + SCHEMA + ".visitor_booking WHERE id = ?",
                                    String.class,
                                    booking)),
                    Duration.ofSeconds(90));
            teacherPhone.screenshot("visitor-journey-4-host-approved");
            await(
                    () -> simulator.messages(VISITOR_OPENID).stream()
                            .anyMatch(m -> m.templateId().equals("tpl-visitor-decided")),
                    "the decision notice to the visitor");

            // Inside the window the visitor opens the gate poster's link on the visitor side (where the sign-in page's
            // 我是访客 leads a gate link; the visitor session is already there).
            visitor.open(gateLink.replace("/portal/" + SCHOOL + "/gate/", "/portal/" + SCHOOL + "/visitor/gate/"));
            slowly(visitor, "visitor-pass");
            WebElement pass = visitor.testId("visitor-pass");
            String code = visitor.testId("pass-code").getText().strip();
            assertThat(pass.getText()).contains("李老师");
            visitor.screenshot("visitor-journey-5-pass");

            // A gate device verifies it.
            HttpResponse<String> verified = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url("/device/" + SCHOOL + "/api/verifications")))
                                    .header("Authorization", basic)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
            assertThat(verified.body()).contains("\"allowed\":true");
            await(
                    () -> simulator.messages(HOST_OPENID).stream()
                            .anyMatch(m -> m.templateId().equals("tpl-visitor-arrived")),
                    "the arrival notice to the host");

            // The visitor's list now says 已访问.
            visitor.open(url("/portal/" + SCHOOL + "/visitor"));
            visitor.until(d -> d.getPageSource().contains("李老师"), Duration.ofSeconds(90));
            visitor.screenshot("visitor-journey-6-visited");

            assertThat(jdbc.queryForObject(
                            "SELECT status FROM " + SCHEMA + ".visitor_booking WHERE id = ?", String.class, booking))
                    .isEqualTo("VISITED");
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM " + SCHEMA
                                    + ".visitor_access_record WHERE booking_id = ? AND allowed AND gate_id = ?",
                            Integer.class,
                            booking,
                            gate))
                    .isEqualTo(1);

            // The console shows the record as visited, and today's department statistics count the visit.
            String console = Tokens.school(SCHOOL, "admin", ADMIN_PASSWORD);
            Http.Response records = Http.get(url("/admin/api/visitor-bookings?size=100"), console);
            assertThat(records.status()).as(records.body()).isEqualTo(200);
            boolean listed = false;
            for (var row : records.json().path("items")) {
                if (row.path("id").asLong() == booking) {
                    assertThat(row.path("status").asString()).isEqualTo("VISITED");
                    listed = true;
                }
            }
            assertThat(listed)
                    .as("booking %s in the console's records", booking)
                    .isTrue();
            Http.Response stats = Http.get(url("/admin/api/visitor-stats/departments?preset=TODAY"), console);
            assertThat(stats.status()).as(stats.body()).isEqualTo(200);
            long actual = -1;
            for (var row : stats.json().path("items")) {
                if (row.path("departmentId").asLong() == department) {
                    actual = row.path("actualBookings").asLong();
                }
            }
            assertThat(actual).as(stats.body()).isEqualTo(1);
        }
    }

    /**
     * Waits up to two minutes for an element: a WeChat round trip (simulator, callback, portal page) on a machine
     * shared with other builds can take longer than the browser helper's usual wait.
     */
    private static WebElement slowly(Browser phone, String testId) {
        By by = By.cssSelector("[data-test='" + testId + "']");
        try {
            phone.until(d -> !d.findElements(by).isEmpty(), Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            phone.screenshot("visitor-journey-waiting-for-" + testId);
            throw new AssertionError(
                    "Waited for " + testId + " at " + phone.driver().getCurrentUrl(), e);
        }
        return phone.testId(testId);
    }

    private String gateLinkFromPoster(String token, long gate) throws Exception {
        HttpResponse<byte[]> png = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/admin/api/gates/" + gate + "/poster")))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        Path file = Files.createTempFile("poster", ".png");
        Files.write(file, png.body());
        Process zbar = new ProcessBuilder("zbarimg", "--raw", "-q", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String decoded = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(zbar.waitFor()).isZero();
        return url(decoded.substring(decoded.indexOf("/portal/")));
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static long created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asLong();
    }
}
