package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7 item 1: a pod started from the Helm chart starts. Renders {@code helm/campuspass} with values pointing at
 * this slot's test stack, takes exactly the environment Kubernetes would give the app container (the Deployment's
 * {@code env} and {@code envFrom}, with ConfigMap and Secret references resolved from the rendered manifests, as
 * the kubelet does) and starts the real jar with it and nothing else: the chart's profile ({@code prod}), its
 * ports, its probes. Then removes each required setting in turn and shows the start fails within the start-up
 * check, naming the property.
 */
class ProductionStartIT {

    static final Path APP_DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path CHART = APP_DIR.resolveSibling("helm").resolve("campuspass");
    static final Path JAR = APP_DIR.resolve("target").resolve("campuspass-app.jar");
    static final Path LOGS = APP_DIR.resolve("target").resolve("production-start");
    static final String RELEASE = "campuspass";
    static final String ADMIN_CLIENT_ID = "campuspass-admin";

    /** Bound on one start of the real app on a loaded 2-core machine (migrations included); not a timing claim. */
    static final Duration START_BOUND = Duration.ofMinutes(6);

    /** Variables the app cannot start without, and the property its start-up report must name. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("SPRING_DATASOURCE_URL", "spring.datasource.url");
        REQUIRED.put("SPRING_DATASOURCE_USERNAME", "spring.datasource.username");
        REQUIRED.put("SPRING_DATASOURCE_PASSWORD", "spring.datasource.password");
        REQUIRED.put("SPRING_DATA_REDIS_HOST", "spring.data.redis.host");
        REQUIRED.put("CAMPUSPASS_PUBLIC_URL", "campuspass.public-url");
        REQUIRED.put("CAMPUSPASS_KEYCLOAK_URL", "campuspass.keycloak.url");
        REQUIRED.put("CAMPUSPASS_KEYCLOAK_ADMIN_CLIENT_ID", "campuspass.keycloak.admin-client-id");
        REQUIRED.put("CAMPUSPASS_KEYCLOAK_ADMIN_CLIENT_SECRET", "campuspass.keycloak.admin-client-secret");
        REQUIRED.put("CAMPUSPASS_STORAGE_ENDPOINT", "campuspass.storage.endpoint");
        REQUIRED.put("CAMPUSPASS_STORAGE_ACCESS_KEY", "campuspass.storage.access-key");
        REQUIRED.put("CAMPUSPASS_STORAGE_SECRET_KEY", "campuspass.storage.secret-key");
        REQUIRED.put("CAMPUSPASS_GATE_LINK_SECRET", "campuspass.gate-link.secret");
        REQUIRED.put("CAMPUSPASS_PII_ACTIVE_KEY_ID", "campuspass.pii.active-key-id");
        REQUIRED.put("CAMPUSPASS_PII_KEYS_K1", "campuspass.pii.keys");
        REQUIRED.put("CAMPUSPASS_PII_INDEX_KEY", "campuspass.pii.index-key");
    }

    static LocalStack stack;
    static Path valuesFile;
    static Map<String, Object> deployment;
    static Map<String, String> env;
    static int appPort;
    static int managementPort;

    @BeforeAll
    static void renderTheChartForThisStack() throws Exception {
        stack = LocalStack.shared();
        Files.createDirectories(LOGS);
        assertThat(JAR).as("the repackaged app jar (mvn package)").isRegularFile();
        String database = "campuspass_prodstart_" + stack.databaseName().replaceAll("[^a-z0-9_]", "");
        recreateDatabase(database);
        String adminSecret = ensureMasterAdminClient();
        appPort = freePort();
        managementPort = freePort();

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("containerPort", appPort);
        values.put("management", Map.of("port", managementPort));
        values.put("publicUrl", "http://127.0.0.1:" + appPort);
        values.put(
                "database",
                Map.of(
                        "url",
                        "jdbc:postgresql://" + stack.postgresHost() + ":" + stack.postgresPort() + "/" + database,
                        "username",
                        stack.dbUsername(),
                        // The stack's PostgreSQL trusts loopback; production always has a password.
                        "password",
                        "unused-by-trust-auth"));
        values.put(
                "redis",
                Map.of(
                        "host",
                        stack.redisHost(),
                        "port",
                        stack.redisPort(),
                        "database",
                        stack.redisDatabase(),
                        // The machine's Redis has no AUTH; production values keep redis.auth.enabled=true.
                        "auth",
                        Map.of("enabled", false)));
        values.put(
                "storage",
                Map.of(
                        "endpoint", stack.s3Endpoint(),
                        "bucket", stack.s3Bucket(),
                        "accessKey", stack.s3AccessKey(),
                        "secretKey", stack.s3SecretKey()));
        values.put(
                "keycloak",
                Map.of("url", stack.keycloakUrl(), "adminClientId", ADMIN_CLIENT_ID, "adminClientSecret", adminSecret));
        values.put("pii", Map.of("activeKeyId", "k1", "keys", Map.of("k1", randomKey()), "indexKey", randomKey()));
        values.put("gateLink", Map.of("secret", randomKey()));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        valuesFile = LOGS.resolve("values.yaml");
        Files.writeString(valuesFile, new Yaml(options).dump(values));

        String rendered = new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace("campuspass")
                .withValuesFile(valuesFile)
                .call();
        Files.writeString(LOGS.resolve("rendered.yaml"), rendered);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        deployment = one(docs, "Deployment", RELEASE);
        env = containerEnvironment(docs, appContainer(deployment));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (stack != null) {
            // Nothing else uses this database; the stack's own is left alone.
            try (Connection c = DriverManager.getConnection(
                            stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1) + "postgres",
                            stack.dbUsername(),
                            stack.dbPassword());
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS \"campuspass_prodstart_"
                        + stack.databaseName().replaceAll("[^a-z0-9_]", "") + "\" WITH (FORCE)");
            }
        }
    }

    @Test
    void theAppStartsHealthyWithExactlyTheChartsEnvironment() throws Exception {
        assertThat(env)
                .containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .containsKeys(REQUIRED.keySet().toArray(String[]::new));
        assertThat(env).doesNotContainKey("CAMPUSPASS_PII_KEY");
        Process app = start(env, "healthy");
        try {
            Map<String, Object> container = appContainer(deployment);
            String readiness = probeUrl(container, "readinessProbe");
            String liveness = probeUrl(container, "livenessProbe");
            awaitOk(readiness, app, LOGS.resolve("healthy.log"));
            assertThat(Http.get(liveness, null).status()).isEqualTo(200);
            // Every indicator (database, Redis, Keycloak, object storage) is part of the overall status.
            Http.Response health = Http.get("http://127.0.0.1:" + managementPort + "/actuator/health", null);
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
            // The public port serves no actuator endpoint at all.
            Http.Response publicHealth = Http.get("http://127.0.0.1:" + appPort + "/actuator/health", null);
            assertThat(publicHealth.status()).isNotEqualTo(200);
            assertThat(Http.get("http://127.0.0.1:" + appPort + "/actuator/prometheus", null)
                            .status())
                    .isNotEqualTo(200);

            // The Keycloak admin client, storage keys, PII keys and public URL really work: onboard a school.
            String operator = Tokens.operator();
            String base = "http://127.0.0.1:" + appPort;
            Http.Response created = Http.post(
                    base + "/operator/api/schools",
                    operator,
                    Map.of(
                            "code",
                            "prodstart",
                            "name",
                            "生产启动大学",
                            "admin",
                            Map.of(
                                    "username",
                                    "admin",
                                    "phone",
                                    "13700000077",
                                    "password",
                                    "Prod@2026start",
                                    "name",
                                    "管理员")));
            assertThat(created.status()).as(created.body()).isEqualTo(202);
            JsonNode school = awaitActive(base, operator, app);
            assertThat(school.path("status").asString()).isEqualTo("ACTIVE");
        } finally {
            stop(app);
        }
    }

    /**
     * The production platform realm the chart imports (files/platform-realm.json, rendered with the production
     * values) is accepted by the real Keycloak, and its rules hold there: TLS required, the password policy enforced.
     * Imported under another name so the test stack's own platform realm stays.
     */
    @Test
    void theChartsProductionPlatformRealmIsAcceptedAndEnforcedByKeycloak() throws Exception {
        String rendered = new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace("campuspass")
                .withValuesFile(CHART.resolve("ci").resolve("production-values.yaml"))
                .call();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(rendered)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        String json = data(docs, "ConfigMap", RELEASE + "-keycloak-realm").get("platform-realm.json");
        String realm = "prodrealm" + System.nanoTime() % 100000;
        assertThat(json).contains("\"realm\": \"platform\"", "${CAMPUSPASS_OPERATOR_API_SECRET}");
        // What Keycloak's --import-realm does with the placeholder: the value of the Secret-fed variable.
        json = json.replace("\"realm\": \"platform\"", "\"realm\": \"" + realm + "\"")
                .replace("${CAMPUSPASS_OPERATOR_API_SECRET}", randomKey());
        String token = masterAdminToken();
        String admin = stack.keycloakUrl() + "/admin/realms";
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try {
            JsonNode stored = Http.get(admin + "/" + realm, token).json();
            assertThat(stored.path("sslRequired").asString()).isEqualTo("all");
            assertThat(stored.path("bruteForceProtected").asBoolean()).isTrue();
            assertThat(stored.path("revokeRefreshToken").asBoolean()).isTrue();
            assertThat(stored.path("passwordPolicy").asString()).contains("length(12)");
            JsonNode console = Http.get(admin + "/" + realm + "/clients?clientId=operator-console", token)
                    .json()
                    .get(0);
            assertThat(console.path("directAccessGrantsEnabled").asBoolean()).isFalse();
            assertThat(console.path("redirectUris").get(0).asString())
                    .isEqualTo("https://pass.example.edu.cn/operator/");

            // TLS required: Keycloak refuses the realm over plain HTTP, even from loopback.
            Http.Response overHttp = Http.postForm(
                    stack.keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token",
                    Map.of("grant_type", "client_credentials", "client_id", "operator-api", "client_secret", "x"));
            assertThat(overHttp.status()).as(overHttp.body()).isEqualTo(403);
            assertThat(overHttp.body()).containsIgnoringCase("HTTPS required");

            // The password policy: a weak password is refused, a strong one accepted.
            assertThat(createUser(admin + "/" + realm + "/users", token, "op1", "Operator@26")
                            .status())
                    .isEqualTo(400);
            assertThat(createUser(admin + "/" + realm + "/users", token, "op2", "Strong#Operator2026")
                            .status())
                    .isEqualTo(201);
        } finally {
            Http.delete(admin + "/" + realm, token);
        }
    }

    static Http.Response createUser(String url, String token, String username, String password) {
        return Http.post(
                url,
                token,
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", password, "temporary", false))));
    }

    @Test
    void removingAnyRequiredSettingFailsTheStartNamingIt() throws Exception {
        for (Map.Entry<String, String> required : REQUIRED.entrySet()) {
            Map<String, String> without = new LinkedHashMap<>(env);
            assertThat(without.remove(required.getKey())).as(required.getKey()).isNotNull();
            String name = "without-" + required.getKey();
            Process app = start(without, name);
            boolean exited = app.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                stop(app);
            }
            String log = Files.readString(LOGS.resolve(name + ".log"), StandardCharsets.UTF_8);
            assertThat(exited)
                    .as("%s: the start fails instead of running (%s)", required.getKey(), log)
                    .isTrue();
            assertThat(app.exitValue()).as(required.getKey()).isNotZero();
            assertThat(log)
                    .as(required.getKey())
                    .contains("APPLICATION FAILED TO START", "cn.campuspass.config.ProductionSettings");
            // Boot names the property as the validator saw it (campuspass.publicUrl for campuspass.public-url).
            assertThat(log.toLowerCase(java.util.Locale.ROOT).replace("-", ""))
                    .as(required.getKey())
                    .contains("property: " + required.getValue().replace("-", ""));
            // Failed at the start-up check, before any connection pool, migration or web server.
            assertThat(log).as(required.getKey()).doesNotContain("HikariPool", "Flyway", "Tomcat initialized");
        }
    }

    // ---- the environment a pod gets --------------------------------------------------------------------------

    /**
     * The container's environment as the kubelet builds it: every {@code envFrom} source first, then {@code env}
     * entries, which win; {@code secretKeyRef}/{@code configMapKeyRef} resolved from the rendered objects (Secret
     * data base64-decoded). A reference to a missing key that is not optional fails, as the pod would.
     */
    static Map<String, String> containerEnvironment(List<Map<String, Object>> docs, Map<String, Object> container) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map<String, Object> from : maps(container.getOrDefault("envFrom", List.of()))) {
            if (from.get("configMapRef") != null) {
                result.putAll(data(docs, "ConfigMap", (String)
                        map(from.get("configMapRef")).get("name")));
            }
            if (from.get("secretRef") != null) {
                result.putAll(
                        data(docs, "Secret", (String) map(from.get("secretRef")).get("name")));
            }
        }
        for (Map<String, Object> e : maps(container.getOrDefault("env", List.of()))) {
            String name = (String) e.get("name");
            if (e.containsKey("value")) {
                result.put(name, String.valueOf(e.get("value")));
                continue;
            }
            Map<String, Object> valueFrom = map(e.get("valueFrom"));
            String kind = valueFrom.containsKey("secretKeyRef") ? "Secret" : "ConfigMap";
            Map<String, Object> ref = map(
                    valueFrom.containsKey("secretKeyRef")
                            ? valueFrom.get("secretKeyRef")
                            : valueFrom.get("configMapKeyRef"));
            String value = data(docs, kind, (String) ref.get("name")).get((String) ref.get("key"));
            if (value == null) {
                assertThat(ref.get("optional"))
                        .as("%s: %s %s has no key %s", name, kind, ref.get("name"), ref.get("key"))
                        .isEqualTo(true);
                continue;
            }
            result.put(name, value);
        }
        return result;
    }

    static Map<String, String> data(List<Map<String, Object>> docs, String kind, String name) {
        Map<String, Object> object = one(docs, kind, name);
        Map<String, String> data = new LinkedHashMap<>();
        if (object.get("data") != null) {
            map(object.get("data"))
                    .forEach((k, v) -> data.put(
                            k,
                            kind.equals("Secret")
                                    ? new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)
                                    : String.valueOf(v)));
        }
        if (object.get("stringData") != null) {
            map(object.get("stringData")).forEach((k, v) -> data.put(k, String.valueOf(v)));
        }
        return data;
    }

    static String probeUrl(Map<String, Object> container, String probe) {
        Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
        Object port = httpGet.get("port");
        int number = port instanceof Integer n
                ? n
                : maps(container.get("ports")).stream()
                        .filter(p -> port.equals(p.get("name")))
                        .map(p -> (Integer) p.get("containerPort"))
                        .findFirst()
                        .orElseThrow();
        return "http://127.0.0.1:" + number + httpGet.get("path");
    }

    // ---- the process -----------------------------------------------------------------------------------------

    static Process start(Map<String, String> environment, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", JAR.toString());
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.directory(LOGS.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(LOGS.resolve(name + ".log").toFile());
        return pb.start();
    }

    static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    static void awaitOk(String url, Process app, Path log) throws IOException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive())
                    .as("the app exited: %s", Files.readString(log))
                    .isTrue();
            if (status(url) == 200) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("Not ready within " + START_BOUND + ": " + url + "\n" + Files.readString(log));
    }

    static JsonNode awaitActive(String base, String operator, Process app) {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline && app.isAlive()) {
            Http.Response r = Http.get(base + "/operator/api/schools/prodstart", operator);
            last = r.status() == 200 ? r.json() : null;
            if (last != null && "ACTIVE".equals(last.path("status").asString())) {
                return last;
            }
            if (last != null && "FAILED".equals(last.path("status").asString())) {
                break; // the onboarding's own error is in the app's log
            }
            sleep(300);
        }
        throw new AssertionError("School prodstart did not become ACTIVE; last: " + last);
    }

    static int status(String url) {
        try {
            return Http.get(url, null).status();
        } catch (RuntimeException e) {
            return -1; // not listening yet
        }
    }

    // ---- the stack -------------------------------------------------------------------------------------------

    static void recreateDatabase(String database) throws Exception {
        String server = stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(server + "postgres", stack.dbUsername(), stack.dbPassword());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            st.execute("CREATE DATABASE \"" + database + "\"");
        }
    }

    /**
     * What production has and the test stack lacks: a confidential client with a service account in the master
     * realm allowed to create realms (role {@code admin}). Created through the admin API; returns its secret.
     */
    static String ensureMasterAdminClient() {
        String token = masterAdminToken();
        String admin = stack.keycloakUrl() + "/admin/realms/master";
        Http.Response found = Http.get(admin + "/clients?clientId=" + ADMIN_CLIENT_ID, token);
        if (found.json().isEmpty()) {
            Http.Response created = Http.post(
                    admin + "/clients",
                    token,
                    Map.of(
                            "clientId", ADMIN_CLIENT_ID,
                            "publicClient", false,
                            "serviceAccountsEnabled", true,
                            "standardFlowEnabled", false,
                            "directAccessGrantsEnabled", false));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            found = Http.get(admin + "/clients?clientId=" + ADMIN_CLIENT_ID, token);
        }
        String id = found.json().get(0).path("id").asString();
        String user = Http.get(admin + "/clients/" + id + "/service-account-user", token)
                .json()
                .path("id")
                .asString();
        JsonNode role = Http.get(admin + "/roles/admin", token).json();
        Http.Response mapped = Http.post(
                admin + "/users/" + user + "/role-mappings/realm",
                token,
                List.of(Map.of("id", role.path("id").asString(), "name", "admin")));
        assertThat(mapped.status()).as(mapped.body()).isEqualTo(204);
        return Http.get(admin + "/clients/" + id + "/client-secret", token)
                .json()
                .path("value")
                .asString();
    }

    static String masterAdminToken() {
        Http.Response login = Http.postForm(
                stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        stack.keycloakAdminUsername(),
                        "password",
                        stack.keycloakAdminPassword()));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("access_token").asString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- YAML navigation -------------------------------------------------------------------------------------

    static Map<String, Object> one(List<Map<String, Object>> docs, String kind, String name) {
        List<Map<String, Object>> found = docs.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .filter(d -> name.equals(map(d.get("metadata")).get("name")))
                .toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> appContainer(Map<String, Object> deployment) {
        Map<String, Object> pod =
                map(map(map(deployment.get("spec")).get("template")).get("spec"));
        return maps(pod.get("containers")).stream()
                .filter(c -> "campuspass".equals(c.get("name")))
                .findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    static List<Map<String, Object>> maps(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return ((List<?>) o).stream().map(ProductionStartIT::map).toList();
    }
}
