package cn.campuspass.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs in to a school realm the way a browser does, over plain HTTP: authorization code + PKCE, Keycloak's own login
 * form, cookies, redirects. School clients allow no password grant, so this is how the demo seeding and the tests
 * get staff tokens, and how tests walk through what the login pages ask (OTP set-up, update password).
 * One instance is one browser: its cookies keep the Keycloak session between steps.
 */
public final class BrowserLogin {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FORM = Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile("[?&#]code=([^&]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String realmBase;
    private final String clientId;
    private final String redirectUri;
    private final HttpClient browser;
    private String verifier;

    public BrowserLogin(String keycloakUrl, String realm, String clientId, String redirectUri) {
        this.realmBase = keycloakUrl + "/realms/" + realm + "/protocol/openid-connect";
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.browser = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A school realm's console client, coming back to the admin console's entry page of {@code appUrl}. */
    public static BrowserLogin schoolConsole(String keycloakUrl, String school, String appUrl) {
        return new BrowserLogin(keycloakUrl, "school-" + school, "school-console", appUrl + "/admin/");
    }

    /**
     * Where the browser ended: a Keycloak page (a form to fill, or an error) or the way back to the client with an
     * authorization code.
     */
    public record Step(int status, URI uri, String body, String code) {

        public boolean redirectedWithCode() {
            return code != null;
        }

        /** The action of the page's first form (the login, OTP set-up or update-password form). */
        public String formAction() {
            Matcher m = FORM.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("No form on the page " + uri + ": " + body);
            }
            return m.group(1).replace("&amp;", "&");
        }

        public boolean hasForm() {
            return body != null && FORM.matcher(body).find();
        }
    }

    public record Tokens(int status, String body, String accessToken, String refreshToken) {
        public boolean ok() {
            return status == 200 && accessToken != null;
        }
    }

    /** Account or phone + password on the login form, then the code for tokens; the page if anything else came. */
    public Tokens login(String usernameOrPhone, String password) {
        Step form = authorize(Map.of());
        if (form.redirectedWithCode()) {
            return exchange(form);
        }
        if (!form.hasForm()) {
            return new Tokens(form.status(), form.body(), null, null); // no such realm, realm disabled, ...
        }
        Step after = submit(form, Map.of("username", usernameOrPhone, "password", password, "credentialId", ""));
        if (!after.redirectedWithCode()) {
            return new Tokens(after.status(), after.body(), null, null);
        }
        return exchange(after);
    }

    /** Starts an authorization request (with {@code extra} parameters such as {@code kc_action}) and follows it. */
    public Step authorize(Map<String, String> extra) {
        verifier = base64Url(randomBytes(32));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("redirect_uri", redirectUri);
        query.put("code_challenge", base64Url(sha256(verifier)));
        query.put("code_challenge_method", "S256");
        query.put("state", base64Url(randomBytes(12)));
        query.put("nonce", base64Url(randomBytes(12)));
        query.putAll(extra);
        return follow(HttpRequest.newBuilder(URI.create(realmBase + "/auth?" + form(query)))
                .GET()
                .build());
    }

    /** Posts the page's form with these fields, as the browser would when the user presses the button. */
    public Step submit(Step page, Map<String, String> fields) {
        return follow(HttpRequest.newBuilder(page.uri().resolve(page.formAction()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build());
    }

    /** The code of the last authorization request, exchanged for tokens with its PKCE verifier. */
    public Tokens exchange(Step withCode) {
        if (!withCode.redirectedWithCode()) {
            throw new IllegalStateException("No authorization code: " + withCode.body());
        }
        return tokenRequest(Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                clientId,
                "code",
                withCode.code(),
                "redirect_uri",
                redirectUri,
                "code_verifier",
                verifier));
    }

    /** A refresh as the console does it. */
    public Tokens refresh(String refreshToken) {
        return tokenRequest(
                Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
    }

    public String tokenEndpoint() {
        return realmBase + "/token";
    }

    private Tokens tokenRequest(Map<String, String> fields) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build());
        if (r.statusCode() != 200) {
            return new Tokens(r.statusCode(), r.body(), null, null);
        }
        JsonNode json = JSON.readTree(r.body());
        return new Tokens(
                200,
                r.body(),
                json.path("access_token").asString(null),
                json.path("refresh_token").asString(null));
    }

    /** Follows redirects until a page is shown or the redirect goes back to the client. */
    private Step follow(HttpRequest request) {
        HttpResponse<String> response = send(request);
        for (int hops = 0; hops < 20; hops++) {
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 != 3 || location == null) {
                return new Step(response.statusCode(), response.uri(), response.body(), null);
            }
            URI next = response.uri().resolve(location);
            if (next.toString().startsWith(redirectUri)) {
                Matcher code = CODE.matcher(next.toString());
                return new Step(
                        response.statusCode(),
                        next,
                        next.toString(),
                        code.find() ? URLDecoder.decode(code.group(1), StandardCharsets.UTF_8) : null);
            }
            response = send(HttpRequest.newBuilder(next).GET().build());
        }
        throw new IllegalStateException("Too many redirects from " + request.uri());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
