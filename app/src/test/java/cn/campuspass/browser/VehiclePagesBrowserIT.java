package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import cn.campuspass.localstack.demo.DemoVehicles;
import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 车辆管理, 车辆备案审核 and 电动车二维码 (A4.3, A4.4) in Chromium at 1366×768 on the demo vehicles: the home page's
 * 备案待审核 entry with its count leads to the review list, the vehicle list opens a vehicle's details, the review list
 * opens the reject dialog; screenshots in target/screenshots.
 */
class VehiclePagesBrowserIT extends StackTest {

    private static final String SCHOOL = "vehweb";
    private static final String PHONE = "13766660201";
    private static final String PASSWORD = "VehWeb@2026x";

    @Autowired
    DataSource dataSource;

    @Test
    void adminReviewsAndManagesVehicles() throws Exception {
        onboard(SCHOOL, "admin", PHONE, PASSWORD);
        String token = Tokens.school(SCHOOL, "admin", PASSWORD);
        long department = Http.post(url("/admin/api/departments"), token, Map.of("name", "车辆工程学院"))
                .json()
                .path("id")
                .asLong();
        String[][] people = {
            {"陈志强", "TEACHER", "T2019001", "13800010001"},
            {"林晓雨", "STUDENT", "2023010001", "13800010002"},
            {"黄建华", "TEACHER", "T2015007", "13800010003"},
            {"吴佳怡", "STUDENT", "2024020015", "13800010004"}
        };
        for (String[] p : people) {
            Http.Response created = Http.post(
                    url("/admin/api/registrants"),
                    token,
                    Map.of(
                            "name", p[0],
                            "identity", p[1],
                            "number", p[2],
                            "phone", p[3],
                            "idTail", "12345X",
                            "departmentId", department));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        try (Connection c = dataSource.getConnection()) {
            assertThat(DemoVehicles.seedRows(c, "school_vehweb")).isEqualTo(18);
        }

        try (Browser browser = Browser.laptop()) {
            browser.open(url("/admin/?school=" + SCHOOL));
            browser.await(By.id("username")).sendKeys(PHONE);
            browser.await(By.id("password")).sendKeys(PASSWORD);
            browser.await(By.id("kc-login")).click();
            browser.testId("school-name");

            // The count arrives after the card renders.
            browser.until(
                    d -> browser.testId("pending-vehicle-reviews").getText().contains("4"),
                    java.time.Duration.ofSeconds(20));
            assertThat(browser.testId("pending-vehicle-reviews").getText()).contains("备案待审核");
            browser.screenshot("vehicles-home");

            browser.testId("menu-vehicles").click();
            browser.until(
                    d -> browser.testId("vehicles-table").getText().contains("粤B12345"),
                    java.time.Duration.ofSeconds(20));
            browser.screenshot("vehicles-list");
            browser.await(By.cssSelector("[data-test^='vehicle-open-']")).click();
            browser.until(
                    d -> browser.testId("vehicle-detail").getText().contains("号牌号码"), java.time.Duration.ofSeconds(20));
            browser.screenshot("vehicles-detail");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            browser.until(
                    d -> d.findElements(By.cssSelector(".el-overlay:not([style*='display: none'])"))
                            .isEmpty(),
                    java.time.Duration.ofSeconds(20));

            browser.testId("menu-vehicle-reviews").click();
            browser.until(
                    d -> browser.testId("reviews-table").getText().contains("待审核"), java.time.Duration.ofSeconds(20));
            assertThat(browser.testId("reviews-registered").getText()).contains("已备案车辆数");
            browser.screenshot("vehicle-reviews");
            browser.await(By.cssSelector("[data-test^='review-reject-']")).click();
            browser.testId("review-reject-reason");
            browser.screenshot("vehicle-reviews-reject");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            browser.until(
                    d -> d.findElements(By.cssSelector(".el-overlay:not([style*='display: none'])"))
                            .isEmpty(),
                    java.time.Duration.ofSeconds(20));

            browser.testId("menu-vehicle-labels").click();
            browser.until(
                    d -> browser.testId("labels-table").getText().contains("深圳A10001"),
                    java.time.Duration.ofSeconds(20));
            browser.screenshot("vehicle-labels");
        }
    }
}
