package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import cn.campuspass.localstack.demo.DemoOrganizationExtras;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * 职位管理 and 学年学期 (A3.2, A3.5) in Chromium, on the demo extras: the admin adds a position through the dialog,
 * sees who changed it (操作人), and finds a year's terms and the term of a date; screenshots in target/screenshots.
 */
class OrganizationPagesBrowserIT extends StackTest {

    private static final String SCHOOL = "orgweb";
    private static final String PHONE = "13766660101";
    private static final String PASSWORD = "OrgWeb@2026x";

    @Test
    void adminManagesPositionsAndSeesTheCalendar() {
        onboard(SCHOOL, "admin", PHONE, PASSWORD);
        String token = Tokens.school(SCHOOL, "admin", PASSWORD);
        for (String name : new String[] {"保卫处", "计算机学院", "学生工作处"}) {
            Http.post(url("/admin/api/departments"), token, Map.of("name", name));
        }
        Http.post(url("/admin/api/campuses"), token, Map.of("name", "主校区"));
        DemoOrganizationExtras.seed(HttpClient.newHttpClient(), url(""), token);

        try (Browser browser = Browser.desktop()) {
            browser.open(url("/admin/?school=" + SCHOOL));
            browser.await(By.id("username")).sendKeys(PHONE);
            browser.await(By.id("password")).sendKeys(PASSWORD);
            browser.await(By.id("kc-login")).click();
            browser.testId("school-name");

            browser.testId("menu-positions").click();
            browser.await(By.cssSelector("[data-test^='position-row-'][data-name='保卫处处长']"));
            browser.testId("position-create").click();
            browser.type("position-name", "交通协管员");
            browser.type("position-description", "负责校内车辆停放引导");
            browser.testId("position-dialog-save").click();
            WebElement row = browser.await(By.cssSelector("[data-test^='position-row-'][data-name='交通协管员']"));
            // Enabled: the row offers 停用 (disable); 操作人 is the admin who created it.
            assertThat(row.getText()).contains("负责校内车辆停放引导").contains("admin").contains("停用");
            browser.screenshot("admin-positions");

            browser.testId("menu-terms").click();
            WebElement year = browser.await(By.cssSelector("[data-test^='year-row-'][data-name='2026-2027学年']"));
            assertThat(year.getText()).contains("2026-08-24").contains("2027-08-22");
            browser.await(By.cssSelector("[data-test^='term-row-'][data-name='2026-2027学年秋季学期']"));
            browser.type("term-lookup", "2026-10-01\n");
            browser.until(
                    d -> browser.testId("term-lookup-result").getText().contains("2026-2027学年秋季学期"),
                    Duration.ofSeconds(20));
            browser.screenshot("admin-terms");

            browser.testId("menu-departments").click();
            WebElement department = browser.await(By.cssSelector("[data-test^='department-row-'][data-name='保卫处']"));
            assertThat(department.getText()).contains("负责校园治安").contains("admin");
            browser.screenshot("admin-departments");
        }
    }
}
