package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.it.StackTest;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.KeycloakProperties;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * S1 "无需再次登录" in Chromium as WeChat's browser (390×844): a 保卫处 officer signs in to the staff portal once with
 * account + password and binds their WeChat on 我的; after the realm's session has ended, opening the staff portal
 * again in WeChat goes through the school's WeChat OAuth and lands on the workbench without the login form. Pages
 * photographed as target/screenshots/staff-wechat-*.png.
 */
class StaffWeChatSignInBrowserIT extends StackTest {

    private static final String SCHOOL = "staffwx";
    private static final String APP_ID = "wxstaffsignin001";
    private static final String OPENID = "o-staff-wx-officer-0001";
    private static final String OFFICER = "officer";
    private static final String OFFICER_PASSWORD = "Officer@2026x";

    @Autowired
    KeycloakAdmin keycloak;

    @Test
    void aBoundOfficerOpensTheStaffPortalInWeChatAgainWithoutThePassword() {
        onboard(SCHOOL, "admin", "13500000051", "StaffWx@2026x", APP_ID);
        schoolFixtures()
                .staff(SCHOOL, OFFICER, "13500000052", OFFICER_PASSWORD, SeededRole.SECURITY_OFFICER.realmRole());

        try (Browser phone = Browser.weChatPhone()) {
            // First time: account + password on the realm's login page, then 绑定微信 on 我的.
            phone.open(url("/portal/" + SCHOOL + "/staff/me"));
            phone.await(By.id("username")).sendKeys(OFFICER);
            phone.await(By.id("password")).sendKeys(OFFICER_PASSWORD);
            phone.await(By.id("kc-login")).click();
            phone.until(d -> d.getCurrentUrl().contains("/staff/me"), Duration.ofSeconds(30));
            phone.testId("wechat-bind").click();
            phone.allowOnWeChatConsentPage(url(""), OPENID);
            phone.until(
                    d -> !d.findElements(By.cssSelector("[data-test='wechat-bound']"))
                            .isEmpty(),
                    Duration.ofSeconds(30));
            phone.screenshot("staff-wechat-1-bound");

            // The realm's session ends (idle timeout, an admin's sign-out: here the admin API).
            RealmResource realm = keycloak.realm(
                    KeycloakProperties.DEFAULT_CLUSTER, SchoolCode.of(SCHOOL).realmName());
            UserRepresentation officer =
                    realm.users().searchByUsername(OFFICER, true).get(0);
            assertThat(officer.getAttributes().get("wechatOpenid")).containsExactly(OPENID);
            realm.users().get(officer.getId()).logout();

            // Opened again in WeChat: the school's WeChat OAuth, then straight to the workbench — no login form.
            phone.open(url("/portal/" + SCHOOL + "/staff"));
            phone.allowOnWeChatConsentPage(url(""), OPENID);
            phone.until(
                    d -> !d.findElements(By.cssSelector("[data-test='staff-tabbar']"))
                                    .isEmpty()
                            || !d.findElements(By.id("password")).isEmpty(),
                    Duration.ofSeconds(40));
            assertThat(phone.driver().findElements(By.id("password")))
                    .as("the realm's login form was shown: %s", phone.driver().getCurrentUrl())
                    .isEmpty();
            assertThat(phone.driver().getCurrentUrl()).endsWith("/portal/" + SCHOOL + "/staff");
            phone.testId("tab-me").click();
            phone.until(d -> phone.testId("me-account").getText().contains(OFFICER), Duration.ofSeconds(20));
            phone.screenshot("staff-wechat-2-signed-in-again");
        }
    }
}
