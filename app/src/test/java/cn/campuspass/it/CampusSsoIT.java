package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * P3: a school brokers SSO from its campus IdP, configured through the operator API. A second Keycloak realm plays
 * the campus IdP; the login runs like a browser (cookies, redirects, the IdP's login form) with PKCE.
 */
class CampusSsoIT extends StackTest {

    @Autowired
    KeycloakAdmin keycloakAdmin;

    @Test
    void campusUserLogsIntoTheSchoolThroughTheCampusIdp() throws Exception {
        onboard("ssouni", "admin", "13300000000", "SsoUni@2026");
        String kc = LocalStack.shared().keycloakUrl();
        createCampusIdp("campus-ssouni", "zhangsan", "Campus@2026");

        Map<String, Object> sso = new HashMap<>();
        sso.put("type", "OIDC");
        sso.put("displayName", "统一身份认证");
        sso.put("issuer", kc + "/realms/campus-ssouni");
        sso.put("authorizationUrl", kc + "/realms/campus-ssouni/protocol/openid-connect/auth");
        sso.put("tokenUrl", kc + "/realms/campus-ssouni/protocol/openid-connect/token");
        sso.put("jwksUrl", kc + "/realms/campus-ssouni/protocol/openid-connect/certs");
        sso.put("userInfoUrl", kc + "/realms/campus-ssouni/protocol/openid-connect/userinfo");
        sso.put("clientId", "campuspass-broker");
        sso.put("clientSecret", "broker-secret-123");
        Http.Response configured = Http.put(url("/operator/api/schools/ssouni/sso"), Tokens.operator(), sso);
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.json().path("sso").path("type").asString()).isEqualTo("OIDC");
        assertThat(configured.body()).doesNotContain("broker-secret-123");

        Http.Response incomplete =
                Http.put(url("/operator/api/schools/ssouni/sso"), Tokens.operator(), Map.of("type", "OIDC"));
        assertThat(incomplete.code()).isEqualTo("SSO_CONFIG_INVALID");

        // Saving again without the secret (as the console does) keeps the stored one.
        sso.remove("clientSecret");
        sso.put("displayName", "统一身份认证平台");
        assertThat(Http.put(url("/operator/api/schools/ssouni/sso"), Tokens.operator(), sso)
                        .status())
                .isEqualTo(200);

        String token =
                BrokeredSignIn.consoleToken(kc, "ssouni", url("/admin/"), "campus-ssouni", "zhangsan", "Campus@2026");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"iss\":\"" + kc + "/realms/school-ssouni\"");
        assertThat(payload).contains("\"preferred_username\":\"zhangsan\"");
        // Authenticated in the right school, but a campus account holds no staff role until an admin grants one.
        assertThat(Http.get(url("/admin/api/campuses"), token).status()).isEqualTo(403);
        assertThat(Http.get(url("/portal/ssouni/api/info"), token).status()).isEqualTo(200);
        assertThat(Http.get(url("/portal/delta/api/info"), token).status()).isIn(403, 404);

        var realm = keycloakAdmin.cluster("main").realm("school-ssouni");
        String userId = realm.users().searchByUsername("zhangsan", true).get(0).getId();
        realm.users()
                .get(userId)
                .roles()
                .realmLevel()
                .add(List.of(realm.roles().get("security-officer").toRepresentation()));
        String officer =
                BrokeredSignIn.consoleToken(kc, "ssouni", url("/admin/"), "campus-ssouni", "zhangsan", "Campus@2026");
        assertThat(Http.get(url("/admin/api/campuses"), officer).status()).isEqualTo(200);
    }

    private void createCampusIdp(String realmName, String username, String password) {
        var admin = keycloakAdmin.cluster("main");
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(realmName);
        realm.setEnabled(true);
        admin.realms().create(realm);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("campuspass-broker");
        client.setSecret("broker-secret-123");
        client.setPublicClient(false);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of("*"));
        try (Response r = admin.realm(realmName).clients().create(client)) {
            assertThat(r.getStatus()).isEqualTo(201);
        }
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@campus.example.edu.cn");
        user.setEmailVerified(true);
        user.setFirstName("三");
        user.setLastName("张");
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response r = admin.realm(realmName).users().create(user)) {
            assertThat(r.getStatus()).isEqualTo(201);
        }
    }
}
