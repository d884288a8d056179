package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.ratelimit.RateLimiter;
import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.tenant.registry.SchoolRegistry;
import cn.campuspass.tenant.schema.SchoolMigrationWorker;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** P6 storage, P7 Redis rate limits, P8 health and metrics, P2 background schema migration. */
class PlatformServicesIT extends StackTest {

    @Autowired
    ObjectStore storage;

    @Autowired
    RateLimiter rateLimiter;

    @Autowired
    SchoolMigrationWorker migrationWorker;

    @Autowired
    SchoolRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @LocalManagementPort
    int managementPort;

    /** /actuator lives on the management port, never the app's. */
    String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    @Test
    void objectsAreKeptApartPerSchoolAndServedByShortLivedPresignedUrls() throws Exception {
        SchoolCode a = SchoolCode.of("storea");
        SchoolCode b = SchoolCode.of("storeb");
        byte[] face = "fake-jpeg-bytes".getBytes(StandardCharsets.UTF_8);
        storage.put(a, "faces/1.jpg", new ByteArrayInputStream(face), face.length, "image/jpeg");
        assertThat(storage.exists(a, "faces/1.jpg")).isTrue();
        assertThat(storage.exists(b, "faces/1.jpg")).isFalse();
        assertThat(storage.list(a, "faces")).containsExactly("faces/1.jpg");
        assertThatThrownBy(() -> storage.get(a, "../storeb/faces/1.jpg")).isInstanceOf(ApiException.class);

        String url = storage.presignedGet(a, "faces/1.jpg", Duration.ofHours(2));
        assertThat(url).contains("X-Amz-Expires=900"); // capped at 15 minutes
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(face);
        // The same URL with its signature tampered is refused by the store.
        HttpResponse<byte[]> tampered = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.replace("faces/1.jpg", "faces/2.jpg")))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tampered.statusCode()).isEqualTo(403);
        storage.deleteSchool(a);
        assertThat(storage.exists(a, "faces/1.jpg")).isFalse();
    }

    @Test
    void rateLimitIsSharedThroughRedisAndAnswers429() {
        // An hour-long window, so the test practically never straddles two windows.
        String subject = "it-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(rateLimiter.tryAcquire("it", subject, 3, Duration.ofHours(1)))
                    .isTrue();
        }
        assertThat(rateLimiter.tryAcquire("it", subject, 3, Duration.ofHours(1)))
                .isFalse();

        // The console-config endpoint is login-adjacent: 120 per minute per client address. The loop may cross
        // one minute boundary (two fixed windows), so up to 240 requests can pass before the first refusal.
        Map<String, String> client = Map.of("X-Forwarded-For", "203.0.113." + (System.nanoTime() % 200));
        int firstRefused = -1;
        for (int i = 0; i < 241 && firstRefused < 0; i++) {
            if (Http.get(url("/public/api/console-config?console=operator"), null, client)
                            .status()
                    == 429) {
                firstRefused = i;
            }
        }
        assertThat(firstRefused).isBetween(120, 240);
        Http.Response refused = Http.get(url("/public/api/console-config?console=operator"), null, client);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(refused.json().path("message").asString()).isEqualTo("操作过于频繁，请稍后再试");
    }

    @Test
    void healthCoversEveryServiceAndMetricsAreTaggedBySchool() {
        Http.Response health = Http.get(management("/actuator/health"), null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        var components = health.json().path("components");
        for (String service : new String[] {"db", "redis", "keycloak", "storage"}) {
            assertThat(components.path(service).path("status").asString())
                    .as(service)
                    .isEqualTo("UP");
        }
        assertThat(Http.get(management("/actuator/health/readiness"), null).status())
                .isEqualTo(200);

        onboard("metrics", "admin", "13600000000", "Metrics@2026");
        assertThat(Http.get(url("/portal/metrics/api/info"), null).status()).isEqualTo(200);
        String prometheus = Http.get(management("/actuator/prometheus"), null).body();
        assertThat(prometheus)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*school=\"metrics\"[^}]*uri=\"/portal/\\{school\\}/api/info\"");
        // The permission check of staff requests is timed on its own (its p99 is a documented figure).
        String staff = Tokens.school("metrics", "admin", "Metrics@2026");
        assertThat(Http.get(url("/admin/api/home"), staff).status()).isEqualTo(200);
        String afterStaffRequest =
                Http.get(management("/actuator/prometheus"), null).body();
        assertThat(afterStaffRequest)
                .containsPattern("campuspass_authorization_check_seconds_count(\\{[^}]*\\})? [1-9]")
                .containsPattern("campuspass_authorization_check_seconds_bucket\\{[^}]*le=\"0.001\\d*\"\\} \\d")
                .containsPattern("campuspass_authorization_check_seconds_bucket\\{[^}]*le=\"\\+Inf\"\\} [1-9]");
        // The public port has no /actuator: the school names in the metrics stay inside the cluster.
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/info"}) {
            Http.Response onPublicPort = Http.get(url(path), null);
            assertThat(onPublicPort.status()).as(path).isNotEqualTo(200);
            assertThat(onPublicPort.body()).as(path).doesNotContain("school=\"metrics\"");
        }
    }

    @Test
    void schoolsBehindAreMigratedInTheBackgroundAndABrokenOneIsMarkedWhileOthersServe() {
        onboard("behind", "admin", "13500000000", "Behind@2026");
        onboard("broken", "admin", "13500000001", "Broken@2026");
        // "behind" looks like a school from before an upgrade; "broken" has a schema Flyway cannot migrate.
        registry.setSchema(SchoolCode.of("behind"), SchemaState.CURRENT, "0", null);
        jdbc.sql("DROP TABLE school_broken.flyway_schema_history").update();
        registry.setSchema(SchoolCode.of("broken"), SchemaState.CURRENT, "0", null);

        int failed = migrationWorker.migrateAllBehind();

        assertThat(failed).isEqualTo(1);
        var behind = registry.find(SchoolCode.of("behind")).orElseThrow();
        assertThat(behind.schemaState()).isEqualTo(SchemaState.CURRENT);
        assertThat(behind.schemaVersion()).isNotEqualTo("0");
        var broken = registry.find(SchoolCode.of("broken")).orElseThrow();
        assertThat(broken.schemaState()).isEqualTo(SchemaState.FAILED);
        assertThat(broken.schemaError()).isNotBlank();
        assertThat(Http.get(url("/portal/broken/api/info"), null).code()).isEqualTo("SCHOOL_UNAVAILABLE");
        assertThat(Http.get(url("/portal/behind/api/info"), null).status()).isEqualTo(200);
        assertThat(migrationWorker.migrateAllBehind())
                .as("only the broken school is still behind")
                .isEqualTo(1);
    }
}
