package cn.campuspass.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the TEST stack for real (Keycloak, S3Proxy, PostgreSQL, Redis). Slow, so only on request:
 * {@code mvn -pl ops/local-stack test -Dtest=LocalStackSmokeTest -Dcampuspass.localstack.smoke=true}. The app
 * module's integration tests exercise the same stack on every build.
 */
@EnabledIfSystemProperty(named = "campuspass.localstack.smoke", matches = "true")
class LocalStackSmokeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @SuppressWarnings("unchecked")
    void testStackServesEverything() throws Exception {
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.shared();
        System.out.printf("TEST stack up in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, stack.startMillis());
        assertThat(LocalStack.shared()).isSameAs(stack);

        Map<String, String> props = stack.springProperties();
        assertThat(props)
                .containsKeys(
                        "spring.datasource.url",
                        "spring.data.redis.database",
                        "campuspass.keycloak.admin-password",
                        "campuspass.storage.bucket",
                        "campuspass.sms.simulator-url");
        assertThat(props.get("spring.data.redis.database")).isEqualTo("1");
        assertThat(stack.libpqUrl())
                .startsWith("postgresql://postgres@127.0.0.1:")
                .endsWith("/campuspass_test");

        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUsername(), stack.dbPassword());
                ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("campuspass_test");
        }
        assertThat(Net.redis(stack.redisPort(), "PING")).contains("+PONG");

        // Keycloak: the operator-api service account carries platform-operator in realm_access.roles.
        String form = "grant_type=client_credentials&client_id=operator-api&client_secret=local-operator-secret";
        Net.Response token = Net.send(
                HttpRequest.newBuilder(URI.create(stack.platformIssuerUrl() + "/protocol/openid-connect/token"))
                        .POST(HttpRequest.BodyPublishers.ofString(form)),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Map<?, ?> claims =
                jwtClaims((String) JSON.readValue(token.body(), Map.class).get("access_token"));
        assertThat((List<Object>) ((Map<?, ?>) claims.get("realm_access")).get("roles"))
                .contains("platform-operator");
        assertThat(claims.get("iss")).isEqualTo(stack.platformIssuerUrl());

        // The realm as imported, read back through the admin API with the bootstrap admin.
        String adminForm = "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(stack.keycloakAdminUsername(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(stack.keycloakAdminPassword(), StandardCharsets.UTF_8);
        Net.Response admin = Net.send(
                HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                        .POST(HttpRequest.BodyPublishers.ofString(adminForm)),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        Map<String, String> bearer = Map.of(
                "Authorization",
                "Bearer " + JSON.readValue(admin.body(), Map.class).get("access_token"));
        Map<?, ?> realm = JSON.readValue(
                Net.send(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/platform")), bearer)
                        .body(),
                Map.class);
        assertThat(realm.get("loginTheme")).isEqualTo("campuspass");
        assertThat(realm.get("defaultLocale")).isEqualTo("zh-CN");
        assertThat(realm.get("internationalizationEnabled")).isEqualTo(true);
        List<?> users = JSON.readValue(
                Net.send(
                                HttpRequest.newBuilder(URI.create(stack.keycloakUrl()
                                        + "/admin/realms/platform/users?exact=true&username=operator")),
                                bearer)
                        .body(),
                List.class);
        assertThat(users).hasSize(1);
        Map<?, ?> operator = (Map<?, ?>) users.get(0);
        assertThat(operator.get("firstName")).isEqualTo("平台");
        assertThat(operator.get("lastName")).isEqualTo("运营");
        List<?> roles = JSON.readValue(
                Net.send(
                                HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/platform/users/"
                                        + operator.get("id") + "/role-mappings/realm")),
                                bearer)
                        .body(),
                List.class);
        assertThat(roles.stream().map(r -> String.valueOf(((Map<?, ?>) r).get("name"))))
                .contains("platform-operator");
        List<?> consoles = JSON.readValue(
                Net.send(
                                HttpRequest.newBuilder(URI.create(stack.keycloakUrl()
                                        + "/admin/realms/platform/clients?clientId=operator-console")),
                                bearer)
                        .body(),
                List.class);
        Map<?, ?> console = (Map<?, ?>) consoles.get(0);
        assertThat(console.get("publicClient")).isEqualTo(true);
        assertThat(((Map<?, ?>) console.get("attributes")).get("pkce.code.challenge.method"))
                .isEqualTo("S256");

        // S3Proxy: the bucket exists and takes objects with the configured keys.
        MinioClient minio = MinioClient.builder()
                .endpoint(stack.s3Endpoint())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey())
                .build();
        byte[] bytes = "你好, CampusPass".getBytes(StandardCharsets.UTF_8);
        minio.putObject(PutObjectArgs.builder().bucket(stack.s3Bucket()).object("smoke/hello.txt").stream(
                        new ByteArrayInputStream(bytes), (long) bytes.length, -1L)
                .build());
        try (var in = minio.getObject(GetObjectArgs.builder()
                .bucket(stack.s3Bucket())
                .object("smoke/hello.txt")
                .build())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }

        // Simulator reachable over HTTP.
        assertThat(Net.get(stack.smsSimulatorUrl() + "/__sim/sms?phone=1").body())
                .isEqualTo("[]");
    }

    private static Map<?, ?> jwtClaims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JSON.readValue(Base64.getUrlDecoder().decode(payload), Map.class);
    }
}
