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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

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

        String token = brokeredLogin(kc, "samluni", "campus-saml", "lisi", "Campus@2026");
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

    /** Authorization code + PKCE on the school realm, hinting the campus IdP; SAML forms are posted on by hand. */
    private String brokeredLogin(String kc, String school, String idpRealm, String username, String password)
            throws Exception {
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

        // School realm → auto-submitted AuthnRequest form → the IdP's login page.
        HttpResponse<String> page = browse(browser, get(authorize), redirectUri);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().toString()).contains("/realms/" + idpRealm + "/");
        assertThat(page.body()).contains("name=\"username\"");
        // Login → auto-submitted SAML Response form → the broker endpoint → back to the console with a code.
        HttpResponse<String> after = browse(
                browser,
                post(formAction(page.body()), Map.of("username", username, "password", password, "credentialId", "")),
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

    /**
     * Follows redirects and auto-submitted SAML forms (hidden SAMLRequest/SAMLResponse) until a page that needs the
     * user is shown or a redirect targets {@code stopAt}.
     */
    private static HttpResponse<String> browse(HttpClient browser, HttpRequest request, String stopAt)
            throws Exception {
        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
        for (int hops = 0; hops < 30; hops++) {
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 == 3 && location != null) {
                if (location.startsWith(stopAt)) {
                    return response;
                }
                response = browser.send(
                        get(response.uri().resolve(location).toString()), HttpResponse.BodyHandlers.ofString());
                continue;
            }
            Map<String, String> hidden = hiddenInputs(response.body());
            if (response.statusCode() == 200
                    && (hidden.containsKey("SAMLRequest") || hidden.containsKey("SAMLResponse"))) {
                String action =
                        response.uri().resolve(formAction(response.body())).toString();
                response = browser.send(post(action, hidden), HttpResponse.BodyHandlers.ofString());
                continue;
            }
            return response;
        }
        throw new AssertionError("Too many hops");
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).GET().build();
    }

    private static HttpRequest post(String uri, Map<String, String> form) {
        return HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(form)))
                .build();
    }

    private static Map<String, String> hiddenInputs(String html) {
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html == null ? "" : html);
        while (m.find()) {
            inputs.put(m.group(1), unescape(m.group(2)));
        }
        return inputs;
    }

    private static String formAction(String html) {
        Matcher m = FORM.matcher(html);
        assertThat(m.find()).as("form in page: %s", html).isTrue();
        return unescape(m.group(1));
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&")
                .replace("&#x3a;", ":")
                .replace("&#x2f;", "/")
                .replace("&#x3d;", "=")
                .replace("&#43;", "+")
                .replace("&#x2b;", "+")
                .replace("&quot;", "\"")
                .replace("&#61;", "=");
    }
}
