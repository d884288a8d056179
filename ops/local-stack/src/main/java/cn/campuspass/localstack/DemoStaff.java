package cn.campuspass.localstack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staff accounts of the demo school, created the way a school admin creates them: through the users API
 * ({@code POST /admin/api/users}) with the admin's token. The API gives each an initial password that must be changed
 * at first sign-in; the demo signs in once for each, as the person would, and sets the password the banner prints,
 * so the accounts can be tried at once. Idempotent: an account that exists is left as it is.
 */
final class DemoStaff {

    /** One demo account; {@code realmRole} picks the seeded role, {@code department} the department they run. */
    record Account(String username, String name, String phone, String password, String realmRole, String department) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStack stack;
    private final String school;
    private final Map<String, String> headers;

    private DemoStaff(LocalStack stack, String school, String adminToken) {
        this.stack = stack;
        this.school = school;
        this.headers = Map.of("Authorization", "Bearer " + adminToken, "Content-Type", "application/json");
    }

    static void seed(
            LocalStack stack, String school, String adminUsername, String adminPassword, List<Account> accounts) {
        BrowserLogin.Tokens tokens = BrowserLogin.schoolConsole(stack.keycloakUrl(), school, stack.appUrl())
                .login(adminUsername, adminPassword);
        if (!tokens.ok()) {
            throw new IllegalStateException("Demo school admin token: HTTP " + tokens.status());
        }
        DemoStaff demo = new DemoStaff(stack, school, tokens.accessToken());
        for (Account account : accounts) {
            demo.ensure(account);
        }
    }

    private void ensure(Account account) {
        JsonNode found = get("/admin/api/users?text=" + enc(account.username()));
        for (JsonNode user : found.path("items")) {
            if (account.username().equals(user.path("username").asString())) {
                return;
            }
        }
        Long roleId = null;
        for (JsonNode role : get("/admin/api/roles")) {
            if (account.realmRole().equals(role.path("realmRole").asString())) {
                roleId = role.path("id").asLong();
            }
        }
        if (roleId == null) {
            throw new IllegalStateException("The demo school has no role " + account.realmRole());
        }
        List<Long> departments = new ArrayList<>();
        if (account.department() != null) {
            for (JsonNode department : get("/admin/api/departments")) {
                if (account.department().equals(department.path("name").asString())) {
                    departments.add(department.path("id").asLong());
                }
            }
        }
        String initial = account.password() + "-init";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", account.username());
        body.put("name", account.name());
        body.put("phone", account.phone());
        body.put("roleIds", List.of(roleId));
        body.put("departmentIds", departments);
        body.put("password", initial);
        Net.Response created = Net.send(
                HttpRequest.newBuilder(URI.create(stack.appUrl() + "/admin/api/users"))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                headers);
        if (created.status() != 201) {
            throw new IllegalStateException(
                    "Creating demo user " + account.username() + ": HTTP " + created.status() + " " + created.body());
        }
        firstSignIn(account.username(), initial, account.password());
    }

    /** The person's first sign-in: Keycloak asks for a new password before it lets them in. */
    private void firstSignIn(String username, String initial, String chosen) {
        BrowserLogin browser = BrowserLogin.schoolConsole(stack.keycloakUrl(), school, stack.appUrl());
        BrowserLogin.Step form = browser.authorize(Map.of());
        BrowserLogin.Step update =
                browser.submit(form, Map.of("username", username, "password", initial, "credentialId", ""));
        if (update.redirectedWithCode() || !update.body().contains("password-new")) {
            throw new IllegalStateException("Demo user " + username + ": no password change was asked for");
        }
        BrowserLogin.Step done = browser.submit(update, Map.of("password-new", chosen, "password-confirm", chosen));
        if (!done.redirectedWithCode()) {
            throw new IllegalStateException("Demo user " + username + ": the new password was refused");
        }
    }

    private JsonNode get(String path) {
        Net.Response r = Net.send(
                HttpRequest.newBuilder(URI.create(stack.appUrl() + path)).GET(), headers);
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + r.status() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
