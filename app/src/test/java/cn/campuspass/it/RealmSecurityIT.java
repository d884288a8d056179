package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.keycloak.WeChatLoginTicket;
import cn.campuspass.localstack.BrowserLogin;
import cn.campuspass.localstack.LocalStack;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.platform.security.StaffAccountLinks;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmDefinition;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.loginsecurity.SchoolRealmReconciler;
import cn.campuspass.tenant.registry.SchoolRegistry;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 7 item 9, school realms: no password grant and no offline tokens on the console client, refresh tokens that
 * work once, the password policy, OTP for school admins where the school wants it, and realms of existing schools
 * brought to the current definition.
 */
class RealmSecurityIT extends StackTest {

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    SchoolRegistry registry;

    @Autowired
    SchoolRealmReconciler reconciler;

    @Autowired
    StaffAccountLinks staffAccounts;

    @Test
    void consoleClientRefusesThePasswordGrantAndOfflineTokens() {
        onboard("grantuni", "admin", "13600000001", "GrantUni@2026");
        Http.Response direct = passwordGrant("grantuni", "admin", "GrantUni@2026");
        assertThat(direct.status()).as(direct.body()).isIn(400, 401);
        assertThat(direct.json().path("error").asString()).isEqualTo("unauthorized_client");

        // The client does not offer the offline_access scope: asking for it is refused before the login form.
        BrowserLogin.Step offline = Tokens.browser("grantuni").authorize(Map.of("scope", "openid offline_access"));
        assertThat(offline.redirectedWithCode()).isFalse();
        assertThat(offline.uri().toString()).contains("error=invalid_scope");
        // And nobody holds the offline_access role: an ordinary login carries no such role.
        BrowserLogin.Tokens tokens = Tokens.schoolLogin("grantuni", "admin", "GrantUni@2026");
        assertThat(tokens.ok()).as(tokens.body()).isTrue();
        assertThat(claims(tokens.accessToken())).doesNotContain("offline_access");
        assertThat(claims(tokens.refreshToken())).doesNotContain("\"typ\":\"Offline\"");
    }

    @Test
    void aRefreshTokenWorksOnceAndWeakPasswordsAreRefused() {
        onboard("rotuni", "admin", "13600000002", "RotUni@2026");
        BrowserLogin browser = Tokens.browser("rotuni");
        BrowserLogin.Tokens first = browser.login("admin", "RotUni@2026");
        assertThat(first.ok()).as(first.body()).isTrue();
        BrowserLogin.Tokens second = browser.refresh(first.refreshToken());
        assertThat(second.ok()).as(second.body()).isTrue();
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        BrowserLogin.Tokens replayed = browser.refresh(first.refreshToken());
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.body()).contains("invalid_grant");

        // The realm's policy, as Keycloak enforces it for every way a password is set.
        RealmResource realm = keycloak.realm(null, "school-rotuni");
        String userId = realm.users().searchByUsername("admin", true).get(0).getId();
        for (String weak : List.of("Short1a", "alllowercase1", "ALLUPPERCASE1", "NoDigitsHere", "admin")) {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(weak);
            credential.setTemporary(false);
            assertThatThrownBy(() -> realm.users().get(userId).resetPassword(credential))
                    .as(weak)
                    .isInstanceOf(BadRequestException.class);
        }
        // Onboarding checks the same rules before anything is created.
        Http.Response weakAdmin = Http.post(
                url("/operator/api/schools"),
                Tokens.operator(),
                Map.of(
                        "code",
                        "rotweak",
                        "name",
                        "x",
                        "admin",
                        Map.of("username", "admin", "phone", "13600000009", "password", "weakpass123")));
        assertThat(weakAdmin.status()).isEqualTo(400);
        assertThat(weakAdmin.code()).isEqualTo("PASSWORD_TOO_WEAK");
    }

    @Test
    void schoolAdminsMustSetUpAnOtpWhenTheSchoolWantsIt() {
        onboard("otpuni", "admin", "13600000003", "OtpUni@2026");
        realms.ensureUser(
                keycloak.realm(null, "school-otpuni"),
                new SchoolRealmProvisioner.FirstAdmin(
                        "guard1", "门岗", PhoneNumber.parse("13600000013").orElseThrow(), "Guard@2026x"),
                SeededRole.GATE_GUARD.realmRole());
        assertThat(Tokens.schoolLogin("otpuni", "admin", "OtpUni@2026").ok()).isTrue();

        String operator = Tokens.operator();
        assertThat(Http.get(url("/operator/api/schools/otpuni/login-security"), operator)
                        .json()
                        .path("adminOtpRequired")
                        .asBoolean())
                .isFalse();
        Http.Response on = Http.put(
                url("/operator/api/schools/otpuni/login-security"), operator, Map.of("adminOtpRequired", true));
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().path("adminOtpRequired").asBoolean()).isTrue();

        // The admin's password is right, and the login page now asks for the OTP set-up instead of a code.
        BrowserLogin.Tokens admin = Tokens.schoolLogin("otpuni", "admin", "OtpUni@2026");
        assertThat(admin.ok()).isFalse();
        assertThat(admin.body()).contains("totpSecret").contains("name=\"totp\"");
        // The staff portal's WeChat sign-in stands in for the password only: the admin still meets the OTP set-up.
        RealmResource otpRealm = keycloak.realm(null, "school-otpuni");
        UserRepresentation adminUser =
                otpRealm.users().searchByUsername("admin", true).get(0);
        adminUser.getAttributes().put("wechatOpenid", List.of("o-otpuni-admin"));
        otpRealm.users().get(adminUser.getId()).update(adminUser);
        StaffAccountLinks.WeChatSignIn signIn = staffAccounts
                .weChatSignIn(SchoolCode.of("otpuni"), "o-otpuni-admin")
                .orElseThrow();
        assertThat(signIn.username()).isEqualTo("admin");
        BrowserLogin.Step viaWeChat = Tokens.browser("otpuni").authorize(Map.of(signIn.parameter(), signIn.ticket()));
        assertThat(viaWeChat.redirectedWithCode()).isFalse();
        assertThat(viaWeChat.body()).contains("totpSecret").doesNotContain("name=\"password\"");
        // Someone without the school-admin role signs in as before.
        assertThat(Tokens.schoolLogin("otpuni", "guard1", "Guard@2026x").ok()).isTrue();

        // A school admin may turn it off for their school again (and no one else may).
        String guard = Tokens.school("otpuni", "guard1", "Guard@2026x");
        assertThat(Http.put(url("/admin/api/school/login-security"), guard, Map.of("adminOtpRequired", false))
                        .status())
                .isEqualTo(403);
        Http.Response off = Http.put(
                url("/operator/api/schools/otpuni/login-security"), operator, Map.of("adminOtpRequired", false));
        assertThat(off.json().path("adminOtpRequired").asBoolean()).isFalse();
        assertThat(Tokens.schoolLogin("otpuni", "admin", "OtpUni@2026").ok()).isTrue();
        Http.Response missing = Http.put(url("/operator/api/schools/otpuni/login-security"), operator, Map.of());
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void anExistingSchoolsRealmIsBroughtToTheCurrentDefinition() {
        onboard("recuni", "admin", "13600000004", "RecUni@2026");
        SchoolCode code = SchoolCode.of("recuni");
        assertThat(registry.realmVersion(code)).isEqualTo(SchoolRealmDefinition.VERSION);

        // A realm as the first slice made it: password grant on, wildcard redirects, weak policy, no rotation.
        RealmResource realm = keycloak.realm(null, "school-recuni");
        ClientRepresentation client =
                realm.clients().findByClientId("school-console").get(0);
        client.setDirectAccessGrantsEnabled(true);
        client.setRedirectUris(List.of("http://evil.example/*"));
        realm.clients().get(client.getId()).update(client);
        RealmRepresentation old = new RealmRepresentation();
        old.setPasswordPolicy("length(8)");
        old.setRevokeRefreshToken(false);
        // A realm from before definition 4 (Keycloak replaces the whole attribute map: the others go back too).
        Map<String, String> attributes = new HashMap<>(realm.toRepresentation().getAttributes());
        attributes.put(WeChatLoginTicket.REALM_KEY_ATTRIBUTE, "");
        attributes.put("campuspassTestMarker", "kept");
        old.setAttributes(attributes);
        realm.update(old);
        RequiredActionProviderRepresentation totp = realm.flows().getRequiredAction("CONFIGURE_TOTP");
        totp.setEnabled(false);
        realm.flows().updateRequiredAction("CONFIGURE_TOTP", totp);
        registry.setRealmVersion(code, 1);
        assertThat(passwordGrant("recuni", "admin", "RecUni@2026").status()).isEqualTo(200);

        assertThat(registry.realmsBehind(SchoolRealmDefinition.VERSION)).contains(code);
        assertThat(reconciler.reconcileAllBehind()).isZero();

        assertThat(registry.realmVersion(code)).isEqualTo(SchoolRealmDefinition.VERSION);
        assertThat(registry.realmsBehind(SchoolRealmDefinition.VERSION)).doesNotContain(code);
        ClientRepresentation reconciled =
                realm.clients().findByClientId("school-console").get(0);
        assertThat(reconciled.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(reconciled.getRedirectUris()).doesNotContain("http://evil.example/*");
        RealmRepresentation settings = realm.toRepresentation();
        assertThat(settings.getPasswordPolicy()).isEqualTo(SchoolRealmDefinition.PASSWORD_POLICY);
        assertThat(settings.getRevokeRefreshToken()).isTrue();
        assertThat(settings.getRefreshTokenMaxReuse()).isZero();
        assertThat(realm.flows().getRequiredAction("CONFIGURE_TOTP").isEnabled())
                .isTrue();
        assertThat(settings.getAttributes().get(WeChatLoginTicket.REALM_KEY_ATTRIBUTE))
                .hasSize(43);
        assertThat(passwordGrant("recuni", "admin", "RecUni@2026")
                        .json()
                        .path("error")
                        .asString())
                .isEqualTo("unauthorized_client");
        assertThat(Tokens.schoolLogin("recuni", "admin", "RecUni@2026").ok()).isTrue();

        // Again: nothing to do, nothing changes.
        assertThat(reconciler.reconcile(code)).isTrue();
        assertThat(realm.toRepresentation().getAttributes().get(WeChatLoginTicket.REALM_KEY_ATTRIBUTE))
                .isEqualTo(settings.getAttributes().get(WeChatLoginTicket.REALM_KEY_ATTRIBUTE));
        assertThat(realm.clients().findByClientId("school-console").get(0).getRedirectUris())
                .containsExactlyInAnyOrderElementsOf(reconciled.getRedirectUris());
    }

    private static Http.Response passwordGrant(String school, String username, String password) {
        return Http.postForm(
                LocalStack.shared().keycloakUrl() + "/realms/school-" + school + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "school-console",
                        "username",
                        username,
                        "password",
                        password));
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
