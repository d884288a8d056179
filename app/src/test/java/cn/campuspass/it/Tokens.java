package cn.campuspass.it;

import cn.campuspass.localstack.BrowserLogin;
import cn.campuspass.localstack.LocalStack;
import java.util.Map;

/** Gets real tokens from the test stack's Keycloak. */
public final class Tokens {

    /**
     * Where the test logins come back to. Any URL the realm's console client accepts will do: nothing is served
     * there, the browser-like login stops at the redirect and takes the code from it.
     */
    static final String APP_URL = "http://127.0.0.1:8080";

    private Tokens() {}

    public static String operator() {
        LocalStack stack = LocalStack.shared();
        Http.Response r = Http.postForm(
                stack.keycloakUrl() + "/realms/platform/protocol/openid-connect/token",
                Map.of(
                        "grant_type", "client_credentials",
                        "client_id", LocalStack.OPERATOR_API_CLIENT_ID,
                        "client_secret", LocalStack.OPERATOR_API_CLIENT_SECRET));
        if (r.status() != 200) {
            throw new IllegalStateException("Operator token refused: " + r.body());
        }
        return r.json().path("access_token").asString();
    }

    /** A fresh browser (no session yet) for a school realm's console client. */
    public static BrowserLogin browser(String school) {
        return BrowserLogin.schoolConsole(LocalStack.shared().keycloakUrl(), school, APP_URL);
    }

    /**
     * Signs in on the school realm's login form (code + PKCE, as the console and the guard page do): the tokens, or
     * the status and page Keycloak answered with (the form again with an error for a wrong password, 200).
     */
    public static BrowserLogin.Tokens schoolLogin(String school, String usernameOrPhone, String password) {
        return browser(school).login(usernameOrPhone, password);
    }

    public static String school(String school, String usernameOrPhone, String password) {
        BrowserLogin.Tokens tokens = schoolLogin(school, usernameOrPhone, password);
        if (!tokens.ok()) {
            throw new IllegalStateException("School login refused: " + tokens.status() + " " + tokens.body());
        }
        return tokens.accessToken();
    }
}
