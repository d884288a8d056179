package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import cn.campuspass.localstack.LocalStack;
import cn.campuspass.localstack.WeChatSimulator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9's journey of a car, end to end in Chromium: a registrant signs in to the WeChat portal (390×844) and
 * registers a car with 立即备案 (plate, owner, relation, the licence and vehicle photos); the school admin, in the
 * console (1366×768), marks the gate a vehicle gate and approves the car in 备案审核; the decision reaches the
 * registrant as a template message in the WeChat simulator; the gate's plate camera (a device credential) posts the
 * car's plate and is allowed; and 车辆通行记录 lists the allowed passage. Screenshots in target/screenshots.
 */
class VehicleJourneyBrowserIT extends StackTest {

    private static final String SCHOOL = "carjourney";
    private static final String PASSWORD = "CarJourney@2026";
    private static final String PHONE = "13500000031";
    private static final String APP_ID = "wxcarjourney0001";
    private static final String OPENID = "o-car-journey-0001";
    private static final String PLATE = "粤B6J789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatSimulator simulator = LocalStack.shared().weChat();

    @Test
    void aCarIsRegisteredInThePortalApprovedInTheConsoleAnnouncedAndLetThroughAtTheVehicleGate() throws Exception {
        onboard(SCHOOL, "admin", PHONE, PASSWORD, APP_ID);
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        var fixtures = schoolFixtures();
        long campus = fixtures.campus(admin, "主校区");
        long gate = fixtures.gate(admin, campus, "东门车行道");
        long department = fixtures.department(admin, "机械工程学院");
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("name", "陈志强");
        person.put("identity", "TEACHER");
        person.put("number", "T2019001");
        person.put("phone", "13800010031");
        person.put("idTail", "12345X");
        person.put("departmentId", department);
        Http.Response created = Http.post(url("/admin/api/registrants"), admin, person);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long registrant = created.json().path("id").asLong();
        Http.Response rules = Http.put(
                url("/admin/api/registrants/" + registrant + "/access-rules"), admin, Map.of("gateIds", List.of(gate)));
        assertThat(rules.status()).as(rules.body()).isEqualTo(200);
        var camera = fixtures.device(admin, gate, "东门车牌相机");
        Path licence = photo("licence", new Color(0x2E, 0x5E, 0xAA));
        Path car = photo("car", new Color(0xC0, 0x39, 0x2B));

        // 1. The registrant registers the car in the portal.
        try (Browser phone = Browser.phone()) {
            phone.open(url("/portal/" + SCHOOL + "/vehicles"));
            phone.allowOnWeChatConsentPage(url(""), OPENID);
            phone.testId("identity-TEACHER").click();
            phone.type("login-number", "T2019001");
            phone.type("login-verifier", "12345X");
            phone.testId("login-submit").click();
            phone.testId("vehicle-register-motor").click();
            phone.testId("vehicle-form");
            assertThat(phone.driver().getPageSource()).contains("立即备案");
            phone.driver()
                    .findElement(By.cssSelector("[data-test='vehicle-plate'] input"))
                    .sendKeys("粤b6j789");
            phone.driver()
                    .findElement(By.cssSelector("[data-test='vehicle-owner'] input"))
                    .sendKeys("陈志强");
            phone.testId("vehicle-relation-SELF").click();
            phone.present(By.cssSelector("[data-test='vehicle-licence'] input[type='file']"))
                    .sendKeys(licence.toString());
            phone.present(By.cssSelector("[data-test='vehicle-photo'] input[type='file']"))
                    .sendKeys(car.toString());
            phone.until(
                    d -> d.findElements(By.cssSelector(".van-uploader__preview"))
                                    .size()
                            == 2,
                    Duration.ofSeconds(20));
            phone.screenshot("journey-1-portal-register");
            WebElement submit = phone.testId("vehicle-submit");
            phone.until(d -> submit.isEnabled(), Duration.ofSeconds(10));
            submit.click();
            phone.until(
                    d -> d.getCurrentUrl().endsWith("/portal/" + SCHOOL + "/vehicles")
                            && d.getPageSource().contains(PLATE),
                    Duration.ofSeconds(30));
            assertThat(phone.driver().getPageSource()).contains("待审核");
            phone.screenshot("journey-2-portal-pending");
        }
        JsonNode pending = Http.get(url("/admin/api/vehicle-reviews?q=" + Http.enc(PLATE)), admin)
                .json()
                .path("items");
        assertThat(pending.size()).as(pending.toString()).isEqualTo(1);
        long vehicle = pending.get(0).path("id").asLong();
        assertThat(pending.get(0).path("status").asString()).isEqualTo("PENDING");

        // 2. The admin marks the gate a vehicle gate and approves the car in the console.
        try (Browser console = Browser.laptop()) {
            console.open(url("/admin/?school=" + SCHOOL));
            console.await(By.id("username")).sendKeys(PHONE);
            console.await(By.id("password")).sendKeys(PASSWORD);
            console.await(By.id("kc-login")).click();
            console.testId("school-name");

            console.testId("menu-vehicle-access-records").click();
            console.testId("vehicle-records-table");
            WebElement gatesTab = console.await(By.id("tab-gates"));
            assertThat(gatesTab.getText()).isEqualTo("车辆门岗");
            gatesTab.click();
            WebElement mark = console.testId("vehicle-gate-" + gate);
            mark.click();
            console.until(d -> mark.getAttribute("class").contains("is-checked"), Duration.ofSeconds(20));
            console.screenshot("journey-3-console-vehicle-gate");

            console.testId("menu-vehicle-reviews").click();
            console.until(d -> console.testId("reviews-table").getText().contains(PLATE), Duration.ofSeconds(20));
            console.screenshot("journey-4-console-review");
            console.testId("review-approve-" + vehicle).click();
            console.await(By.cssSelector(".el-message-box .el-button--primary")).click();
            // The list shows 待审核 by default: the approved car leaves it and counts as registered.
            console.until(
                    d -> console.testId("reviews-registered").getText().contains("1")
                            && !console.testId("reviews-table").getText().contains(PLATE),
                    Duration.ofSeconds(20));
            assertThat(Http.get(url("/admin/api/vehicle-reviews/" + vehicle), admin)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("APPROVED");
            console.screenshot("journey-5-console-approved");

            // 3. The decision reaches the registrant through WeChat (the simulator's record of sent messages).
            await(() -> !simulator.messages(OPENID).isEmpty(), "the approval's template message");
            WeChatSimulator.WeChatMessage notice = simulator.messages(OPENID).get(0);
            assertThat(notice.kind()).isEqualTo("template");
            assertThat(notice.data().toString()).contains(PLATE).contains("已通过");
            console.open(simulator.baseUrl() + "/__sim/");
            console.until(d -> d.getPageSource().contains(OPENID), Duration.ofSeconds(10));
            console.screenshot("journey-6-wechat-simulator");

            // 4. The gate's plate camera reads the car and gets "allow" at once.
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("plate", PLATE);
            event.put("direction", "IN");
            event.put("confidence", 0.98);
            event.put("time", OffsetDateTime.now().toString());
            HttpResponse<String> decision = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url("/device/" + SCHOOL + "/api/plate-events")))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", camera.basicAuth())
                                    .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(event)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(decision.statusCode()).as(decision.body()).isEqualTo(200);
            assertThat(JSON.readTree(decision.body()).path("allowed").asBoolean())
                    .as(decision.body())
                    .isTrue();

            // 5. 车辆通行记录 lists the passage.
            console.open(url("/admin/vehicle-access-records?school=" + SCHOOL));
            console.until(
                    d -> {
                        String table = console.testId("vehicle-records-table").getText();
                        return table.contains(PLATE) && table.contains("东门车行道") && table.contains("陈志强");
                    },
                    Duration.ofSeconds(30));
            assertThat(console.testId("vrecords-result").getText()).contains("通过");
            console.screenshot("journey-7-console-vehicle-records");
        }
    }

    /** A small JPEG of a coloured card with a stripe, standing in for a phone photo. */
    static Path photo(String name, Color color) throws Exception {
        BufferedImage image = new BufferedImage(640, 420, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 640, 420);
        g.setColor(Color.WHITE);
        g.fillRect(40, 160, 560, 100);
        g.dispose();
        Path file = Files.createTempFile(name, ".jpg");
        ImageIO.write(image, "jpg", file.toFile());
        return file.toAbsolutePath();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
