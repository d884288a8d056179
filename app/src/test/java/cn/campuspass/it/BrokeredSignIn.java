package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LoopbackCookieJar;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campus user's sign-in to the school console through the school's brokered campus IdP (P3), run like a browser:
 * authorization code + PKCE on the school realm with {@code kc_idp_hint=campus}, cookies kept, redirects followed by
 * hand and auto-submitted SAML forms (hidden SAMLRequest / SAMLResponse) posted on, the IdP's login form filled in,
 * and the code exchanged for the console's access token. OIDC and SAML brokering differ only in the forms.
 */
final class BrokeredSignIn {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private BrokeredSignIn() {}

    /**
     * @param kc the Keycloak base URL
     * @param consoleUrl the console's redirect URI ({@code .../admin/})
     * @param idpRealm the realm playing the campus IdP, whose login page must be shown
     * @return the school console's access token
     */
    static String consoleToken(
            String kc, String school, String consoleUrl, String idpRealm, String username, String password)
            throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String realmBase = kc + "/realms/school-" + school + "/protocol/openid-connect";
        String authorize = realmBase + "/auth?client_id=school-console&response_type=code&scope=openid"
                + "&redirect_uri=" + Http.enc(consoleUrl) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256&kc_idp_hint=campus&state=s1&nonce=n1";

        // School realm → (SAML: auto-submitted AuthnRequest form) → the IdP's login page.
        HttpResponse<String> page = browse(browser, get(authorize), consoleUrl);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().toString()).contains("/realms/" + idpRealm + "/");
        assertThat(page.body()).contains("name=\"username\"");
        // Login → (SAML: auto-submitted Response form) → the broker endpoint → back to the console with a code.
        HttpResponse<String> after = browse(
                browser,
                post(formAction(page.body()), Map.of("username", username, "password", password, "credentialId", "")),
                consoleUrl);
        String location = after.headers().firstValue("Location").orElse("");
        assertThat(location)
                .as("expected a redirect back to the console, got page: %s", after.body())
                .startsWith(consoleUrl);
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
                        URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                        "redirect_uri",
                        consoleUrl,
                        "code_verifier",
                        verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json().path("access_token").asString();
    }

    /**
     * Follows redirects and auto-submitted SAML forms until a page that needs the user is shown or a redirect targets
     * {@code stopAt}.
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
