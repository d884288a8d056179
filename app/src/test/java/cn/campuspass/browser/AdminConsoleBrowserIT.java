package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The school admin console (A1, A3.1, A4.2, A6.1) in a real browser: the first admin signs in on the school
 * realm's page with the phone number, creates a campus and a gate, downloads the gate's poster, imports
 * registrants, opens one gate for one of them and looks at the access records.
 */
class AdminConsoleBrowserIT extends StackTest {

    private static final String SCHOOL = "adminweb";
    private static final String PHONE = "13766660001";
    private static final String PASSWORD = "AdminWeb@2026";

    @Test
    void schoolAdminSetsUpGatesImportsRegistrantsAndOpensAGate() throws Exception {
        onboard(SCHOOL, "admin", PHONE, PASSWORD);
        String token = Tokens.school(SCHOOL, "admin", PASSWORD);
        assertThat(Http.post(url("/admin/api/departments"), token, Map.of("name", "计算机学院"))
                        .status())
                .isEqualTo(201);
        Path people = importFile();

        try (Browser browser = Browser.desktop()) {
            // A1: the operator console links here with ?school=; the realm's page takes the phone number.
            browser.open(url("/admin/?school=" + SCHOOL));
            browser.await(By.id("username")).sendKeys(PHONE);
            browser.await(By.id("password")).sendKeys(PASSWORD);
            browser.await(By.id("kc-login")).click();
            assertThat(browser.testId("school-name").getText()).isEqualTo("测试大学" + SCHOOL);

            // A3.1: a campus, then a gate on it.
            browser.testId("menu-campuses").click();
            browser.testId("campus-create").click();
            browser.type("campus-name", "东校区");
            browser.testId("campus-dialog-save").click();
            browser.await(By.cssSelector("[data-test^='campus-row-'][data-name='东校区']"));

            browser.testId("menu-gates").click();
            // The button is enabled once the campus list has loaded (slow on a loaded machine).
            browser.until(d -> browser.testId("gate-create").isEnabled(), Duration.ofSeconds(30));
            browser.testId("gate-create").click();
            browser.type("gate-name", "北门");
            browser.testId("gate-dialog-save").click();
            WebElement gateRow = browser.await(By.cssSelector("[data-test^='gate-row-'][data-name='北门']"));
            long gateId = Long.parseLong(gateRow.getAttribute("data-test").substring("gate-row-".length()));

            // The poster comes as a blob fetched with the bearer token; catch the download link it makes.
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            js.executeScript("window.__downloads = [];"
                    + "HTMLAnchorElement.prototype.click = function () {"
                    + "  window.__downloads.push({ name: this.download, href: this.href }); };");
            gateRow.findElement(By.cssSelector("[data-test='gate-poster']")).click();
            browser.testId("gate-poster-LANDSCAPE-PNG").click();
            browser.until(
                    d -> ((Number) js.executeScript("return window.__downloads.length")).intValue() > 0,
                    Duration.ofSeconds(30));
            Object posterSize = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(window.__downloads[0].href).then(r => r.blob()).then(b => done(b.size + ':' + b.type));");
            assertThat(String.valueOf(js.executeScript("return window.__downloads[0].name")))
                    .endsWith(".png");
            assertThat(String.valueOf(posterSize)).endsWith(":image/png").doesNotStartWith("0:");

            // A4.2 c, d: import from a file built like the template.
            browser.testId("menu-registrant-import").click();
            browser.present(By.cssSelector("input[type='file']"))
                    .sendKeys(people.toAbsolutePath().toString());
            browser.until(
                    d -> d.findElements(By.cssSelector("[data-test='import-current'][data-status='DONE']"))
                                    .size()
                            == 1,
                    Duration.ofSeconds(60));
            assertThat(browser.testId("import-summary").getText()).contains("成功 2");

            // A4.2 f: open the north gate for one imported registrant through the access-rules dialog.
            browser.testId("menu-registrants").click();
            WebElement row = browser.await(By.cssSelector("[data-test^='registrant-row-'][data-number='2024001']"));
            long registrantId = Long.parseLong(row.getAttribute("data-test").substring("registrant-row-".length()));
            row.findElement(By.cssSelector("[data-test='registrant-access-rules']"))
                    .click();
            browser.testId("gate-option-" + gateId).click();
            browser.testId("access-rules-save").click();
            browser.until(
                    d -> d.findElements(By.cssSelector("[data-test='access-rules-dialog']")).stream()
                            .noneMatch(WebElement::isDisplayed),
                    Duration.ofSeconds(15));
            JsonNode rules = Http.get(url("/admin/api/registrants/" + registrantId + "/access-rules"), token)
                    .json();
            List<Boolean> allowed = rules.path("campuses")
                    .valueStream()
                    .flatMap(c -> c.path("gates").valueStream())
                    .filter(g -> g.path("id").asLong() == gateId)
                    .map(g -> g.path("allowed").asBoolean())
                    .toList();
            assertThat(allowed).containsExactly(true);

            // A6.1: the access records page opens with its table.
            browser.testId("menu-access-records").click();
            browser.testId("access-records-table");
            browser.screenshot("admin-access-records");

            // A7: opened by its address, the profile page comes back after the sign-in round trip (the realm only
            // accepts /admin/ as redirect URI); the password is changed on the realm's own update-password page.
            browser.open(url("/admin/profile"));
            browser.testId("password-change").click();
            browser.await(By.id("password-new")).sendKeys("AdminWeb@2027");
            browser.await(By.id("password-confirm")).sendKeys("AdminWeb@2027");
            browser.await(By.id("password-confirm")).submit();
            browser.until(
                    d -> d.findElements(By.cssSelector(".el-message")).stream()
                            .anyMatch(m -> m.getText().contains("密码已修改")),
                    Duration.ofSeconds(30));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/profile");
            assertThat(Tokens.schoolLogin(SCHOOL, "admin", "AdminWeb@2027").ok())
                    .isTrue();
            assertThat(Tokens.schoolLogin(SCHOOL, "admin", PASSWORD).ok()).isFalse();
        }
    }

    private static Path importFile() throws Exception {
        Path file = Files.createTempFile("registrants-", ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("备案人");
            String[][] rows = {
                {"姓名*", "身份*", "身份类型", "学号/工号*", "手机号*", "身份证后六位", "部门/单位*", "被分管部门"},
                {"赵一", "学生", "", "2024001", "13900001111", "12345X", "计算机学院", ""},
                {"钱二", "教师", "", "T2024", "13900002222", "", "计算机学院", ""},
            };
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }
        return file;
    }
}
