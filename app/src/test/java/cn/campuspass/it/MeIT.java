package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A7 over HTTP: who am I, editing name and phone (unique in the realm), changing the password. */
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
        assertThat(body.path("permissions").toString()).contains("settings:manage", "registrant:import");
        assertThat(body.path("school").path("code").asString()).isEqualTo("meuni");
        assertThat(body.path("school").path("name").asString()).isEqualTo("测试大学meuni");

        Http.Response updated =
                Http.put(url("/admin/api/me"), token, Map.of("name", "王管理员", "phone", "+86 135-0000-0001"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("name").asString()).isEqualTo("王管理员");
        assertThat(updated.json().path("phone").asString()).isEqualTo("13500000001");
        assertThat(Tokens.schoolLogin("meuni", "13500000001", "MeUni@2026").status())
                .isEqualTo(200);

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
                .contains("registrant:manage")
                .doesNotContain("settings:manage");

        Http.Response wrong = Http.post(
                url("/admin/api/me/password"),
                token,
                Map.of("currentPassword", "NotMine@2026", "newPassword", "Changed@2026"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("WRONG_PASSWORD");
        Http.Response weak = Http.post(
                url("/admin/api/me/password"), token, Map.of("currentPassword", "MeUni@2026", "newPassword", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("PASSWORD_REJECTED");
        assertThat(weak.json().path("message").asString()).startsWith("新密码不符合密码策略");
        Http.Response changed = Http.post(
                url("/admin/api/me/password"),
                token,
                Map.of("currentPassword", "MeUni@2026", "newPassword", "Changed@2026"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(Tokens.schoolLogin("meuni", "admin", "Changed@2026").status())
                .isEqualTo(200);
        assertThat(Tokens.schoolLogin("meuni", "admin", "MeUni@2026").status()).isNotEqualTo(200);
    }
}
