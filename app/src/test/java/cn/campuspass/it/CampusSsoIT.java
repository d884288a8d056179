package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.localstack.LoopbackCookieJar;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

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

        String token = brokeredLogin(kc, "ssouni", "zhangsan", "Campus@2026");
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
        String officer = brokeredLogin(kc, "ssouni", "zhangsan", "Campus@2026");
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

    /** Authorization code + PKCE against the school realm, hinting the campus IdP, following redirects by hand. */
    private String brokeredLogin(String kc, String school, String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String verifier = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new java.security.SecureRandom().generateSeed(32));
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirectUri = url("/admin/");
        String realmBase = kc + "/realms/school-" + school + "/protocol/openid-connect";
        String authorize = realmBase + "/auth?client_id=school-console&response_type=code&scope=openid"
                + "&redirect_uri=" + Http.enc(redirectUri) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256&kc_idp_hint=campus&state=s1&nonce=n1";

        HttpResponse<String> page = follow(
                browser, HttpRequest.newBuilder(URI.create(authorize)).GET().build(), redirectUri);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().toString()).contains("/realms/campus-" + school + "/");
        String action = formAction(page.body());
        HttpResponse<String> after = follow(
                browser,
                HttpRequest.newBuilder(URI.create(action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Http.form(Map.of("username", username, "password", password, "credentialId", ""))))
                        .build(),
                redirectUri);
        String location = after.headers().firstValue("Location").orElse("");
        assertThat(location)
                .as("expected a redirect back to the console, got page: %s", after.body())
                .startsWith(redirectUri);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).isTrue();
        Http.Response tokens = Http.postForm(
                realmBase + "/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "client_id",
                        "school-console",
                        "code",
                        java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                        "redirect_uri",
                        redirectUri,
                        "code_verifier",
                        verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json().path("access_token").asString();
    }

    /** Follows redirects until a page is shown or the redirect targets {@code stopAt}. */
    private static HttpResponse<String> follow(HttpClient browser, HttpRequest request, String stopAt)
            throws Exception {
        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
        for (int hops = 0; hops < 20; hops++) {
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null || location.startsWith(stopAt)) {
                return response;
            }
            URI next = response.uri().resolve(location);
            response = browser.send(HttpRequest.newBuilder(next).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        throw new AssertionError("Too many redirects");
    }

    private static String formAction(String html) {
        Matcher m = FORM_ACTION.matcher(html);
        assertThat(m.find()).as("login form in page: %s", html).isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
