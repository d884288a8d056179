package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.Http;
import cn.campuspass.it.StackTest;
import cn.campuspass.it.Tokens;
import cn.campuspass.localstack.BrowserLogin;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.web.EndpointCatalog;
import cn.campuspass.platform.web.EndpointCatalog.Channel;
import cn.campuspass.platform.web.EndpointCatalog.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * A3.6 end to end in Chromium: the school admin creates a custom role that may only view access records and a user
 * holding it, in the console; that user signs in, changes the initial password, sees only that menu and their profile,
 * and every other school endpoint of the application (from {@link EndpointCatalog}, so new ones are covered) answers
 * 403 to their token.
 */
class CustomRoleBrowserIT extends StackTest {

    private static final String SCHOOL = "roleweb";
    private static final String PASSWORD = "RoleWeb@2026";

    @Autowired
    EndpointCatalog catalog;

    @Test
    void aCustomRoleShowsOneMenuAndOpensNothingElse() throws Exception {
        onboard(SCHOOL, "admin", "13766670001", PASSWORD);

        try (Browser browser = Browser.desktop()) {
            browser.open(url("/admin/?school=" + SCHOOL));
            browser.await(By.id("username")).sendKeys("admin");
            browser.await(By.id("password")).sendKeys(PASSWORD);
            browser.await(By.id("kc-login")).click();

            // 角色管理: a role with one permission ticked in the tree.
            browser.testId("menu-roles").click();
            browser.testId("role-create").click();
            browser.type("role-name", "通行记录查看");
            WebElement permission = browser.await(By.xpath("//*[@data-test='role-permissions']"
                    + "//div[contains(@class,'el-tree-node__content')][normalize-space(.)='通行记录查询']"));
            permission.findElement(By.cssSelector(".el-checkbox")).click();
            browser.testId("role-dialog-save").click();
            browser.await(By.cssSelector("[data-test^='role-row-'][data-name='通行记录查看']"));
            browser.screenshot("admin-roles");

            // 系统用户: a user holding it, with an initial password.
            browser.testId("menu-users").click();
            browser.testId("user-create").click();
            browser.type("user-username", "recorder");
            browser.type("user-fullname", "记录员");
            browser.type("user-phone", "13766670002");
            browser.type("user-password", "Initial@2026");
            browser.testId("user-roles").click();
            browser.until(
                    d -> d
                            .findElements(By.xpath("//li[contains(@class,'el-select-dropdown__item')]"
                                    + "[normalize-space(.)='通行记录查看']"))
                            .stream()
                            .anyMatch(WebElement::isDisplayed),
                    Duration.ofSeconds(15));
            browser
                    .driver()
                    .findElements(
                            By.xpath("//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='通行记录查看']"))
                    .stream()
                    .filter(WebElement::isDisplayed)
                    .findFirst()
                    .orElseThrow()
                    .click();
            browser.testId("user-dialog-save").click();
            browser.await(By.cssSelector("[data-test='user-row-recorder']"));
            browser.screenshot("admin-users");
        }

        // The new user signs in, sets a password, and sees the access records page and the profile, nothing else.
        try (Browser browser = Browser.desktop()) {
            browser.open(url("/admin/?school=" + SCHOOL));
            browser.await(By.id("username")).sendKeys("recorder");
            browser.await(By.id("password")).sendKeys("Initial@2026");
            browser.await(By.id("kc-login")).click();
            browser.await(By.id("password-new")).sendKeys("Recorder@2026");
            browser.await(By.id("password-confirm")).sendKeys("Recorder@2026");
            browser.await(By.id("password-confirm")).submit();
            browser.testId("access-records-table");
            List<String> menu =
                    browser.driver().findElements(By.cssSelector("[data-test='menu'] [data-test^='menu-']")).stream()
                            .map(e -> e.getAttribute("data-test"))
                            .toList();
            assertThat(menu).containsExactlyInAnyOrder("menu-access-records", "menu-profile");
            browser.screenshot("custom-role-menu");
        }

        BrowserLogin.Tokens tokens = Tokens.schoolLogin(SCHOOL, "recorder", "Recorder@2026");
        assertThat(tokens.ok()).isTrue();
        String token = tokens.accessToken();
        List<String> notRefused = new ArrayList<>();
        int probed = 0;
        for (Endpoint endpoint : catalog.endpoints()) {
            if (endpoint.channel() != Channel.ADMIN || endpoint.method() == null) {
                continue;
            }
            OpenTo open = AnnotatedElementUtils.findMergedAnnotation(endpoint.javaMethod(), OpenTo.class);
            if (open == null) {
                open = AnnotatedElementUtils.findMergedAnnotation(endpoint.controller(), OpenTo.class);
            }
            RequiresPermission required =
                    AnnotatedElementUtils.findMergedAnnotation(endpoint.javaMethod(), RequiresPermission.class);
            if (required == null) {
                required = AnnotatedElementUtils.findMergedAnnotation(endpoint.controller(), RequiresPermission.class);
            }
            if (open != null || (required != null && required.value().equals("access:record:view"))) {
                continue; // open to every signed-in staff member (e.g. /me), or the one permission the role has
            }
            int status = probe(endpoint, token);
            probed++;
            if (status != 403) {
                notRefused.add(endpoint.method() + " " + endpoint.pattern() + " -> " + status);
            }
        }
        assertThat(probed).isGreaterThan(30);
        assertThat(notRefused).isEmpty();
        assertThat(Http.get(url("/admin/api/access-records"), token).status()).isEqualTo(200);
        assertThat(Http.get(url("/admin/api/me"), token).status()).isEqualTo(200);
    }

    private int probe(Endpoint endpoint, String token) throws Exception {
        String path = endpoint.pattern().replaceAll("\\{\\*?[^}]+}", "1");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "*/*");
        boolean multipart = endpoint.consumes().stream().anyMatch(t -> "multipart".equals(t.getType()));
        String contentType = multipart ? "multipart/form-data; boundary=x" : "application/json";
        String body = multipart ? "--x--\r\n" : "{}";
        RequestMethod method = endpoint.method();
        if (method == RequestMethod.GET || method == RequestMethod.DELETE || method == RequestMethod.HEAD) {
            request.method(method.name(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method.name(), HttpRequest.BodyPublishers.ofString(body));
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
