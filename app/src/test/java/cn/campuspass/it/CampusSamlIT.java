package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * P3, SAML brokering: a second Keycloak realm plays the campus SAML IdP; the operator configures it through the
 * operator API (type SAML), and a campus user signs in to the school realm through it with the HTTP-POST binding
 * both ways (AuthnRequest and Response carried by auto-submitted forms, followed here by hand as a browser would).
 */
class CampusSamlIT extends StackTest {

    @Autowired
    KeycloakAdmin keycloakAdmin;

    @Test
    void campusUserLogsIntoTheSchoolThroughASamlIdp() throws Exception {
        onboard("samluni", "admin", "13300000020", "SamlUni@2026");
        String kc = LocalStack.shared().keycloakUrl();
        String spEntityId = kc + "/realms/school-samluni";
        createSamlIdp("campus-saml", spEntityId, "lisi", "Campus@2026");

        Map<String, Object> sso = new LinkedHashMap<>();
        sso.put("type", "SAML");
        sso.put("displayName", "统一身份认证");
        sso.put("entityId", kc + "/realms/campus-saml");
        sso.put("singleSignOnServiceUrl", kc + "/realms/campus-saml/protocol/saml");
        Http.Response configured = Http.put(url("/operator/api/schools/samluni/sso"), Tokens.operator(), sso);
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.json().path("sso").path("type").asString()).isEqualTo("SAML");
        Http.Response incomplete =
                Http.put(url("/operator/api/schools/samluni/sso"), Tokens.operator(), Map.of("type", "SAML"));
        assertThat(incomplete.code()).isEqualTo("SSO_CONFIG_INVALID");

        String token = BrokeredSignIn.consoleToken(kc, "samluni", url("/admin/"), "campus-saml", "lisi", "Campus@2026");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"iss\":\"" + kc + "/realms/school-samluni\"");

        // The school realm now holds a user linked to the campus identity through the SAML broker.
        var realm = keycloakAdmin.cluster("main").realm("school-samluni");
        List<UserRepresentation> linked = realm.users().list().stream()
                .filter(u -> realm.users().get(u.getId()).getFederatedIdentity().stream()
                        .map(FederatedIdentityRepresentation::getIdentityProvider)
                        .anyMatch("campus"::equals))
                .toList();
        assertThat(linked).hasSize(1);
        assertThat(payload).contains("\"sub\":\"" + linked.get(0).getId() + "\"");
        // Signed in to the right school, with no staff role until an admin grants one.
        assertThat(Http.get(url("/admin/api/campuses"), token).status()).isEqualTo(403);
        assertThat(Http.get(url("/portal/samluni/api/info"), token).status()).isEqualTo(200);
    }

    private void createSamlIdp(String realmName, String spEntityId, String username, String password) {
        var admin = keycloakAdmin.cluster("main");
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(realmName);
        realm.setEnabled(true);
        admin.realms().create(realm);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(spEntityId);
        client.setProtocol("saml");
        client.setEnabled(true);
        client.setFrontchannelLogout(true);
        client.setRedirectUris(List.of("*"));
        client.setAttributes(Map.of(
                "saml.client.signature", "false",
                "saml.server.signature", "true",
                "saml.authnstatement", "true",
                "saml_force_name_id_format", "false"));
        try (Response r = admin.realm(realmName).clients().create(client)) {
            assertThat(r.getStatus()).isEqualTo(201);
        }
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@campus.example.edu.cn");
        user.setEmailVerified(true);
        user.setFirstName("四");
        user.setLastName("李");
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
