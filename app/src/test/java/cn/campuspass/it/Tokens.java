package cn.campuspass.it;

import cn.campuspass.localstack.LocalStack;
import java.util.Map;

/** Gets real tokens from the test stack's Keycloak. */
public final class Tokens {

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

    /** Password grant against a school realm; the response tells whether Keycloak accepted the login. */
    public static Http.Response schoolLogin(String school, String usernameOrPhone, String password) {
        return Http.postForm(
                LocalStack.shared().keycloakUrl() + "/realms/school-" + school + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "school-console",
                        "username",
                        usernameOrPhone,
                        "password",
                        password));
    }

    public static String school(String school, String usernameOrPhone, String password) {
        Http.Response r = schoolLogin(school, usernameOrPhone, password);
        if (r.status() != 200) {
            throw new IllegalStateException("School login refused: " + r.status() + " " + r.body());
        }
        return r.json().path("access_token").asString();
    }
}
