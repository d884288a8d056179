package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.StackTest;
import cn.campuspass.localstack.LocalStack;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** P1 in a real browser: the operator logs in through the platform realm, onboards a school and sees it active. */
class OperatorConsoleBrowserIT extends StackTest {

    @Test
    void operatorOnboardsASchoolAndSeesItActive() {
        try (Browser browser = Browser.desktop()) {
            browser.open(url("/operator/"));
            // keycloak-js sends the operator to the platform realm's login page.
            browser.await(By.id("username")).sendKeys(LocalStack.OPERATOR_USERNAME);
            browser.await(By.id("password")).sendKeys(LocalStack.OPERATOR_PASSWORD);
            browser.await(By.id("kc-login")).click();

            browser.testId("new-school-button").click();
            browser.type("field-code", "webuni");
            browser.type("field-name", "浏览器大学");
            browser.type("field-admin-username", "webadmin");
            browser.type("field-admin-phone", "13812345678");
            browser.type("field-admin-password", "WebUni@2026");
            browser.type("field-admin-name", "王老师");
            browser.testId("submit-school").click();

            browser.until(
                    d -> "ACTIVE"
                            .equals(d.findElements(By.cssSelector("[data-test='school-status']")).stream()
                                    .findFirst()
                                    .map(e -> e.getAttribute("data-status"))
                                    .orElse(null)),
                    Duration.ofSeconds(45));
            browser.screenshot("operator-school-active");
            assertThat(browser.testId("school-status").getText()).contains("已启用");
        }
        // What the browser did is real: the school is active through the API too.
        assertThat(awaitStatus("webuni", "ACTIVE", Duration.ofSeconds(1))
                        .path("name")
                        .asString())
                .isEqualTo("浏览器大学");
    }
}
