package cn.campuspass.localstack;

import cn.campuspass.localstack.demo.DemoSchoolSeeder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the LOCAL stack for a developer: services, then the app ({@code app/target/campuspass-app.jar}), seeds the
 * demo school through the operator API, writes {@code .local/stack.env}, prints a banner and stays in the
 * foreground until Ctrl-C, which stops every process it started.
 *
 * <p>Usage: {@code LocalStackMain [--no-app]} or {@code LocalStackMain stop} (stops a stack left running).
 */
public final class LocalStackMain {

    static final String DEMO_SCHOOL = "demo";
    static final String DEMO_SCHOOL_NAME = "演示大学";
    static final String DEMO_ADMIN_USERNAME = "admin";
    static final String DEMO_ADMIN_PHONE = "13800000000";
    static final String DEMO_ADMIN_PASSWORD = "Demo@2026x";
    static final String DEMO_ADMIN_NAME = "演示管理员";
    static final String DEMO_GUARD_USERNAME = "guard";
    static final String DEMO_GUARD_PHONE = "13800000002";
    static final String DEMO_GUARD_PASSWORD = "Guard@2026";
    static final String DEMO_OFFICER_USERNAME = "officer";
    static final String DEMO_OFFICER_PHONE = "13800000003";
    static final String DEMO_OFFICER_PASSWORD = "Officer@2026";
    static final String DEMO_DEPT_ADMIN_USERNAME = "deptadmin";
    static final String DEMO_DEPT_ADMIN_PHONE = "13800000004";
    static final String DEMO_DEPT_ADMIN_PASSWORD = "DeptAdmin@2026";
    /** The demo school's WeChat Official Account; the simulator accepts any appid with its derived secret. */
    static final String DEMO_WECHAT_APP_ID = "wxdemo0000000001";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LocalStackMain() {}

    public static void main(String[] args) throws Exception {
        // One-line log records for slf4j-jdk14 (must be set before the first logger is created).
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$-7s %3$s - %5$s%6$s%n");
        List<String> options = Arrays.asList(args);
        if (options.contains("stop")) {
            stop();
            return;
        }
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println("Usage: LocalStackMain [--no-app] | stop");
            return;
        }
        boolean withApp = !options.contains("--no-app");
        new LocalStackMain().run(withApp);
    }

    private static void stop() {
        Path state = RepoLocator.find().resolve(LocalStack.Profile.LOCAL.stateDir());
        boolean found = ProcessRegistry.stopStack(state, Duration.ofSeconds(60));
        System.out.println(found ? "Stopped the local stack in " + state : "No local stack running in " + state);
    }

    private volatile ManagedProcess app;
    private volatile boolean stopping;

    private void run(boolean withApp) throws Exception {
        LocalStack stack = LocalStack.create(LocalStack.Profile.LOCAL);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // System.out: JUL's own shutdown hook may already have closed the log handlers.
                            System.out.println("\nStopping the local stack ...");
                            long t0 = System.nanoTime();
                            stopping = true;
                            ManagedProcess running = app;
                            if (running != null) {
                                running.stop(Duration.ofSeconds(30));
                            }
                            stack.close();
                            System.out.println("Stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms.");
                        },
                        "local-stack-shutdown"));
        try {
            stack.startServices();
        } catch (RuntimeException e) {
            System.err.println("\nThe local stack did not start: " + e.getMessage());
            System.exit(1);
        }

        try {
            List<String> removed = LeftoverSchools.purge(stack, DEMO_SCHOOL);
            if (!removed.isEmpty()) {
                System.out.println("Removed schools left behind by tests or benchmarks: " + String.join(", ", removed));
            }
        } catch (RuntimeException e) {
            System.err.println("Could not remove schools left behind by tests or benchmarks: " + e.getMessage());
        }

        Map<String, String> env = new LinkedHashMap<>();
        env.put("APP_URL", stack.appUrl());
        env.put("MANAGEMENT_URL", stack.managementUrl());
        env.put("OPERATOR_CONSOLE_URL", stack.appUrl() + "/operator/");
        env.put("SCHOOL_CONSOLE_URL", stack.appUrl() + "/admin/");
        env.putAll(stack.stackEnv());
        env.put("DEMO_SCHOOL", DEMO_SCHOOL);
        env.put("DEMO_ADMIN_USERNAME", DEMO_ADMIN_USERNAME);
        env.put("DEMO_ADMIN_PHONE", DEMO_ADMIN_PHONE);
        env.put("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD);

        if (withApp) {
            try {
                startApp(stack);
                seedDemoSchool(stack);
                seedDemoRegistrant(stack, env);
                seedDemoData(stack, env);
            } catch (RuntimeException | TimeoutException e) {
                System.err.println("\n" + e.getMessage());
                System.exit(1);
            }
        }
        LocalStack.writeEnvFile(stack.stateDir().resolve("stack.env"), env);
        printBanner(stack, env, withApp);

        ManagedProcess running = app;
        if (running == null) {
            new CountDownLatch(1).await(); // until Ctrl-C
        }
        while (running.isAlive()) {
            Thread.sleep(1000);
        }
        if (!stopping) {
            System.err.println("\nThe app exited with code " + running.exitCode() + Net.tailMessage(running.logFile()));
            System.exit(1);
        }
    }

    private void startApp(LocalStack stack) throws TimeoutException {
        Path jar = stack.repoDir().resolve("app/target/campuspass-app.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No " + jar + ": build it (ops/run-local.sh builds the reactor) or run " + "with --no-app");
        }
        if (Net.isPortOpen(stack.appPort())) {
            throw new IllegalStateException("Port " + stack.appPort() + " is taken"
                    + PortOwner.listeningPid(stack.appPort())
                            .map(pid -> " by pid " + pid)
                            .orElse("")
                    + "; the app cannot start");
        }
        Path log = stack.logsDir().resolve("app.log");
        List<String> command =
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
        app = ManagedProcess.start("app", command, stack.appEnvironment(), stack.repoDir(), log, stack.registry());
        long t0 = System.nanoTime();
        String readiness = stack.managementUrl() + "/actuator/health/readiness";
        System.out.println("Waiting for the app: " + readiness + " (log " + log + ")");
        // A loaded machine (several checkouts building) takes the app minutes to start; override with
        // -Dcampuspass.app.start-timeout-seconds.
        Net.await(
                "The app",
                Duration.ofSeconds(Long.getLong("campuspass.app.start-timeout-seconds", 600)),
                () -> Net.get(readiness).status() == 200,
                app,
                log);
        System.out.println("App ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    private static void seedDemoSchool(LocalStack stack) throws TimeoutException {
        String token = operatorToken(stack);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        String schoolUrl = stack.appUrl() + "/operator/api/schools/" + DEMO_SCHOOL;
        // 200: exists; 404: create it; anything else (e.g. a 5xx while the app warms up): ask again.
        Net.Response[] existing = {null};
        try {
            Net.await(
                    "GET " + schoolUrl,
                    Duration.ofSeconds(30),
                    () -> {
                        existing[0] = Net.send(
                                HttpRequest.newBuilder(URI.create(schoolUrl)).GET(), auth);
                        return existing[0].status() == 200 || existing[0].status() == 404;
                    },
                    null,
                    null);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    e.getMessage() + ": last answer HTTP " + existing[0].status() + " " + abbreviate(existing[0].body())
                            + Net.tailMessage(stack.logsDir().resolve("app.log")));
        }
        if (existing[0].status() == 200) {
            System.out.println("Demo school '" + DEMO_SCHOOL + "' exists already");
            if ("FAILED".equals(JSON.readValue(existing[0].body(), Map.class).get("status"))) {
                // An earlier run failed half way (e.g. Keycloak was stopped): resume at the failed step.
                Net.Response retried = Net.send(
                        HttpRequest.newBuilder(URI.create(schoolUrl + "/onboarding/retry"))
                                .POST(HttpRequest.BodyPublishers.noBody()),
                        auth);
                System.out.println("Demo school onboarding had failed; retried (HTTP " + retried.status() + ")");
            }
        } else {
            Map<String, Object> admin = new LinkedHashMap<>();
            admin.put("username", DEMO_ADMIN_USERNAME);
            admin.put("phone", DEMO_ADMIN_PHONE);
            admin.put("password", DEMO_ADMIN_PASSWORD);
            admin.put("name", DEMO_ADMIN_NAME);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", DEMO_SCHOOL);
            body.put("name", DEMO_SCHOOL_NAME);
            body.put("admin", admin);
            body.put(
                    "wechat",
                    Map.of(
                            "appId",
                            DEMO_WECHAT_APP_ID,
                            "appSecret",
                            WeChatSimulator.secretFor(DEMO_WECHAT_APP_ID),
                            "token",
                            "demo-wechat-token",
                            "aesKey",
                            "demoWeChatAesKey000000000000000000000000000"));
            Map<String, String> headers = new LinkedHashMap<>(auth);
            headers.put("Content-Type", "application/json");
            Net.Response created = Net.send(
                    HttpRequest.newBuilder(URI.create(stack.appUrl() + "/operator/api/schools"))
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                    headers);
            if (created.status() / 100 != 2) {
                throw new IllegalStateException(
                        "Creating the demo school failed: HTTP " + created.status() + " " + abbreviate(created.body()));
            }
            System.out.println("Demo school '" + DEMO_SCHOOL + "' requested (HTTP " + created.status() + ")");
        }
        Net.Response[] last = {null};
        try {
            Net.await(
                    "Demo school '" + DEMO_SCHOOL + "' ACTIVE",
                    Duration.ofSeconds(180),
                    () -> {
                        last[0] = Net.send(
                                HttpRequest.newBuilder(URI.create(schoolUrl)).GET(), auth);
                        return last[0].status() == 200
                                && "ACTIVE"
                                        .equals(JSON.readValue(last[0].body(), Map.class)
                                                .get("status"));
                    },
                    null,
                    null);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    e.getMessage() + ": last answer HTTP " + last[0].status() + " " + abbreviate(last[0].body())
                            + Net.tailMessage(stack.logsDir().resolve("app.log")));
        }
        System.out.println("Demo school '" + DEMO_SCHOOL + "' is ACTIVE");
    }

    /** The demo registrant and gate for the WeChat portal; a failure here leaves the rest of the stack running. */
    private static void seedDemoRegistrant(LocalStack stack, Map<String, String> env) {
        try {
            String gateLink =
                    DemoRegistrant.seedDemoRegistrant(stack, DEMO_SCHOOL, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD);
            env.put("DEMO_PORTAL_URL", stack.appUrl() + "/portal/" + DEMO_SCHOOL + "/");
            env.put("DEMO_GATE_LINK", gateLink);
            env.put(
                    "DEMO_REGISTRANT",
                    DemoRegistrant.NAME + " 学生 学号 " + DemoRegistrant.NUMBER + " 手机 " + DemoRegistrant.PHONE + " 身份证后六位 "
                            + DemoRegistrant.ID_TAIL);
        } catch (RuntimeException | TimeoutException e) {
            System.err.println("The demo registrant was not seeded: " + e.getMessage());
        }
        // Staff accounts through the users API (A3.3), as a school admin would create them.
        try {
            DemoStaff.seed(
                    stack,
                    DEMO_SCHOOL,
                    DEMO_ADMIN_USERNAME,
                    DEMO_ADMIN_PASSWORD,
                    List.of(
                            new DemoStaff.Account(
                                    DEMO_GUARD_USERNAME,
                                    "演示门卫",
                                    DEMO_GUARD_PHONE,
                                    DEMO_GUARD_PASSWORD,
                                    "gate-guard",
                                    null),
                            new DemoStaff.Account(
                                    DEMO_OFFICER_USERNAME,
                                    "演示保卫干事",
                                    DEMO_OFFICER_PHONE,
                                    DEMO_OFFICER_PASSWORD,
                                    "security-officer",
                                    null),
                            new DemoStaff.Account(
                                    DEMO_DEPT_ADMIN_USERNAME,
                                    "演示部门管理员",
                                    DEMO_DEPT_ADMIN_PHONE,
                                    DEMO_DEPT_ADMIN_PASSWORD,
                                    "department-admin",
                                    DemoRegistrant.DEPARTMENT)));
            env.put("DEMO_GUARD_URL", stack.appUrl() + "/portal/" + DEMO_SCHOOL + "/guard");
            env.put("DEMO_STAFF_URL", stack.appUrl() + "/portal/" + DEMO_SCHOOL + "/staff");
            env.put("DEMO_GUARD", DEMO_GUARD_USERNAME + " / " + DEMO_GUARD_PHONE + " 密码 " + DEMO_GUARD_PASSWORD);
            env.put(
                    "DEMO_OFFICER",
                    DEMO_OFFICER_USERNAME + " / " + DEMO_OFFICER_PHONE + " 密码 " + DEMO_OFFICER_PASSWORD + " (保卫处)");
            env.put(
                    "DEMO_DEPT_ADMIN",
                    DEMO_DEPT_ADMIN_USERNAME + " / " + DEMO_DEPT_ADMIN_PHONE + " 密码 " + DEMO_DEPT_ADMIN_PASSWORD
                            + " (部门管理员 · " + DemoRegistrant.DEPARTMENT + ")");
        } catch (RuntimeException e) {
            System.err.println("The demo staff accounts were not seeded: " + e.getMessage());
        }
    }

    /**
     * The rest of the demo school (campuses, departments, a few hundred registrants, a week of access records: see
     * {@link DemoSchoolSeeder}); a failure here leaves the rest of the stack running.
     */
    private static void seedDemoData(LocalStack stack, Map<String, String> env) {
        try {
            BrowserLogin.Tokens tokens = BrowserLogin.schoolConsole(stack.keycloakUrl(), DEMO_SCHOOL, stack.appUrl())
                    .login(DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD);
            if (!tokens.ok()) {
                throw new IllegalStateException("demo school admin token: HTTP " + tokens.status());
            }
            DemoSchoolSeeder.Outcome outcome = DemoSchoolSeeder.seed(new DemoSchoolSeeder.Target(
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .build(),
                    stack.appUrl(),
                    tokens.accessToken(),
                    stack.jdbcUrl(),
                    stack.dbUsername(),
                    stack.dbPassword(),
                    DEMO_SCHOOL,
                    DEMO_GUARD_USERNAME));
            if (!outcome.failed().isEmpty()) {
                env.put("DEMO_DATA_FAILED", String.join("; ", outcome.failed()));
            }
        } catch (RuntimeException e) {
            System.err.println("The demo data was not seeded: " + e.getMessage());
            env.put("DEMO_DATA_FAILED", String.valueOf(e.getMessage()));
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    /** Client-credentials token of the operator-api client from the platform realm. */
    static String operatorToken(LocalStack stack) {
        String form = "grant_type=client_credentials&client_id="
                + URLEncoder.encode(LocalStack.OPERATOR_API_CLIENT_ID, StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(LocalStack.OPERATOR_API_CLIENT_SECRET, StandardCharsets.UTF_8);
        Net.Response r = Net.send(
                HttpRequest.newBuilder(URI.create(stack.platformIssuerUrl() + "/protocol/openid-connect/token"))
                        .POST(HttpRequest.BodyPublishers.ofString(form)),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        if (r.status() != 200) {
            throw new IllegalStateException("Operator token request failed: HTTP " + r.status() + " " + r.body());
        }
        return String.valueOf(JSON.readValue(r.body(), Map.class).get("access_token"));
    }

    private static void printBanner(LocalStack stack, Map<String, String> env, boolean withApp) throws IOException {
        int width = env.keySet().stream().mapToInt(String::length).max().orElse(10);
        StringBuilder sb = new StringBuilder("\n");
        String rule = "=".repeat(78);
        sb.append(rule).append('\n');
        sb.append(" CampusPass local stack is running")
                .append(withApp ? "" : " (services only: --no-app, the app is not running)")
                .append('\n');
        sb.append(rule).append('\n');
        env.forEach((k, v) -> sb.append(' ')
                .append(String.format("%-" + width + "s", k))
                .append("  ")
                .append(v)
                .append('\n'));
        sb.append(rule).append('\n');
        sb.append(" Keycloak admin console: ").append(stack.keycloakUrl()).append("/admin/\n");
        sb.append(" Sent SMS / WeChat messages: ").append(stack.weChatApiBase()).append("/__sim/\n");
        if (env.containsKey("DEMO_GATE_LINK")) {
            sb.append(" Scan the demo gate without a phone: open DEMO_GATE_LINK in a browser; the simulated WeChat\n")
                    .append(" page asks for an openid (any), then sign in as the demo registrant (学生, 学号 ")
                    .append(DemoRegistrant.NUMBER)
                    .append(", 身份证后六位 ")
                    .append(DemoRegistrant.ID_TAIL)
                    .append(" or phone ")
                    .append(DemoRegistrant.PHONE)
                    .append(").\n");
        }
        sb.append(" Logs: ").append(stack.logsDir()).append('\n');
        sb.append(" Values: ").append(stack.stateDir().resolve("stack.env")).append('\n');
        sb.append(" Ctrl-C stops everything this launcher started.\n");
        sb.append(rule).append('\n');
        System.out.print(sb);
        System.out.flush();
    }
}
