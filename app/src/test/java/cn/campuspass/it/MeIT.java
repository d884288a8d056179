package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.BrowserLogin;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A7 over HTTP: who am I, editing name and phone (unique in the realm), changing the password on Keycloak's
 * update-password page.
 */
class MeIT extends StackTest {

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Test
    void staffMemberSeesAndEditsTheirOwnAccount() {
        onboard("meuni", "admin", "13500000000", "MeUni@2026");
        String token = Tokens.school("meuni", "admin", "MeUni@2026");

        Http.Response me = Http.get(url("/admin/api/me"), token);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.path("username").asString()).isEqualTo("admin");
        assertThat(body.path("name").asString()).isEqualTo("管理员");
        assertThat(body.path("phone").asString()).isEqualTo("13500000000");
        assertThat(body.path("roles").size()).isEqualTo(1);
        assertThat(body.path("roles").get(0).asString()).isEqualTo("school-admin");
        assertThat(body.path("permissions").toString())
                .contains("system:settings:manage", "registrant:registrant:import");
        assertThat(body.path("roleNames").get(0).asString()).isEqualTo("学校管理员");
        assertThat(body.path("dataScope").asString()).isEqualTo("SCHOOL");
        assertThat(body.path("school").path("code").asString()).isEqualTo("meuni");
        assertThat(body.path("school").path("name").asString()).isEqualTo("测试大学meuni");

        Http.Response updated =
                Http.put(url("/admin/api/me"), token, Map.of("name", "王管理员", "phone", "+86 135-0000-0001"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("王管理员");
        assertThat(updated.json().path("phone").asString()).isEqualTo("13500000001");
        assertThat(Tokens.schoolLogin("meuni", "13500000001", "MeUni@2026").ok())
                .isTrue();

        realms.ensureUser(
                keycloak.realm(null, "school-meuni"),
                new SchoolRealmProvisioner.FirstAdmin(
                        "officer", "保卫干事", PhoneNumber.parse("13500000002").orElseThrow(), "Officer@2026"),
                "security-officer");
        Http.Response taken = Http.put(url("/admin/api/me"), token, Map.of("name", "王管理员", "phone", "13500000002"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("PHONE_TAKEN");
        Http.Response badPhone = Http.put(url("/admin/api/me"), token, Map.of("name", "王管理员", "phone", "12345"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.code()).isEqualTo("PHONE_INVALID");

        String officer = Tokens.school("meuni", "officer", "Officer@2026");
        JsonNode officerMe = Http.get(url("/admin/api/me"), officer).json();
        assertThat(officerMe.path("roles").get(0).asString()).isEqualTo("security-officer");
        assertThat(officerMe.path("permissions").toString())
                .contains("registrant:registrant:manage")
                .doesNotContain("system:settings:manage");

        // A7 password change: the API that checked the current password with a password grant is gone; the
        // console starts Keycloak's own update-password action on the realm's pages instead.
        assertThat(Http.post(
                                url("/admin/api/me/password"),
                                token,
                                Map.of("currentPassword", "MeUni@2026", "newPassword", "Changed@2026"))
                        .status())
                .isBetween(400, 499);
        BrowserLogin browser = Tokens.browser("meuni");
        assertThat(browser.login("admin", "MeUni@2026").ok()).isTrue();
        BrowserLogin.Step form = browser.authorize(Map.of("kc_action", "UPDATE_PASSWORD"));
        assertThat(form.body()).as(form.body()).contains("password-new");
        // The realm's policy refuses a short password and the current one (history); the form comes back.
        BrowserLogin.Step weak = browser.submit(form, Map.of("password-new", "Short1a", "password-confirm", "Short1a"));
        assertThat(weak.redirectedWithCode()).isFalse();
        assertThat(weak.body()).contains("password-new");
        BrowserLogin.Step reused =
                browser.submit(weak, Map.of("password-new", "MeUni@2026", "password-confirm", "MeUni@2026"));
        assertThat(reused.redirectedWithCode()).isFalse();
        assertThat(reused.body()).contains("password-new");
        BrowserLogin.Step changed =
                browser.submit(reused, Map.of("password-new", "Changed@2026", "password-confirm", "Changed@2026"));
        assertThat(changed.redirectedWithCode()).as(changed.body()).isTrue();
        assertThat(changed.uri().toString()).contains("kc_action_status=success");
        assertThat(Tokens.schoolLogin("meuni", "admin", "Changed@2026").ok()).isTrue();
        assertThat(Tokens.schoolLogin("meuni", "admin", "MeUni@2026").ok()).isFalse();
    }
}
