package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.CampusPassApplication;
import cn.campuspass.localstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the integration tests: the real app on a random port against the real local stack (PostgreSQL, Redis,
 * Keycloak, S3Proxy, WeChat simulator), started once per test JVM and shared by every test class (one Spring
 * context, so keep the configuration here identical for all).
 */
@SpringBootTest(classes = CampusPassApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@Import(StackTest.Faults.class)
public abstract class StackTest {

    /** Generous: a cold Keycloak on a loaded 2-core machine creates its first realms slowly. */
    protected static final Duration ONBOARDING_TIMEOUT = Duration.ofSeconds(120);

    @LocalServerPort
    protected int port;

    /** What each test class seeded once (its school), by class; see {@link #once}. */
    private static final Map<Class<?>, Object> SEEDS = new ConcurrentHashMap<>();

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate fixtureJdbc;

    @Autowired
    private cn.campuspass.platform.crypto.FieldCipher fixtureCipher;

    @Autowired
    private cn.campuspass.tenant.keycloak.KeycloakAdmin fixtureKeycloak;

    @Autowired
    private cn.campuspass.tenant.keycloak.SchoolRealmProvisioner fixtureRealms;

    @Autowired
    private cn.campuspass.wechat.session.PortalSessions fixtureSessions;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        LocalStack.shared().springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("campuspass.migration.on-startup", () -> "true");
        // Booking expiry and the visitor purge run on the application's clock, which tests set to other days: a
        // background pass would expire or purge other tests' visitors. Tests run them on their own school instead.
        registry.add("campuspass.visitors.housekeeping-enabled", () -> "false");
        // Access-record partitions and retention likewise: retention on a test clock would drop other tests' months.
        registry.add("campuspass.access.housekeeping-enabled", () -> "false");
    }

    @TestConfiguration
    static class Faults {
        @Bean
        FaultInjector faultInjector() {
            return new FaultInjector();
        }

        /** Replaces the application's clock so that tests can set "now" (see {@link MutableClock}). */
        @Bean
        @org.springframework.context.annotation.Primary
        MutableClock mutableClock() {
            return new MutableClock(cn.campuspass.platform.time.SchoolTime.ZONE);
        }
    }

    /** Set-up helpers against this app (campuses, gates, registrants, staff, portal sessions, gate devices). */
    protected SchoolFixtures schoolFixtures() {
        return new SchoolFixtures(url(""), fixtureJdbc, fixtureCipher, fixtureKeycloak, fixtureRealms, fixtureSessions);
    }

    /**
     * Runs {@code seed} the first time a test class asks and hands back what it made ever after: a class's school is
     * onboarded once per JVM (one Spring context serves every class), whichever test runs first.
     */
    @SuppressWarnings("unchecked")
    protected static <T> T once(Class<?> owner, Supplier<T> seed) {
        Object made = SEEDS.get(owner);
        if (made == null) {
            synchronized (owner) {
                made = SEEDS.get(owner);
                if (made == null) {
                    made = seed.get();
                    SEEDS.put(owner, made);
                }
            }
        }
        return (T) made;
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Onboards a school through the operator API and waits until it is ACTIVE. */
    protected JsonNode onboard(String code, String adminUsername, String phone, String password) {
        return onboard(code, adminUsername, phone, password, null);
    }

    /**
     * {@link #onboard(String, String, String, String)} with a WeChat app ({@code wechatAppId} not null), whose secret
     * is the one the WeChat simulator expects, so the school's portal signs people in through the simulator's OAuth.
     */
    protected JsonNode onboard(String code, String adminUsername, String phone, String password, String wechatAppId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "测试大学" + code);
        body.put("admin", Map.of("username", adminUsername, "phone", phone, "password", password, "name", "管理员"));
        if (wechatAppId != null) {
            body.put(
                    "wechat",
                    Map.of(
                            "appId",
                            wechatAppId,
                            "appSecret",
                            cn.campuspass.localstack.WeChatSimulator.secretFor(wechatAppId),
                            "token",
                            "token-" + code,
                            "aesKey",
                            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
        }
        Http.Response created = Http.post(url("/operator/api/schools"), Tokens.operator(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        return awaitStatus(code, "ACTIVE", ONBOARDING_TIMEOUT);
    }

    protected JsonNode awaitStatus(String code, String status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String operator = Tokens.operator();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Http.Response r = Http.get(url("/operator/api/schools/" + code), operator);
            last = r.status() == 200 ? r.json() : null;
            if (last != null && status.equals(last.path("status").asString())) {
                return last;
            }
            sleep(200);
        }
        throw new AssertionError("School " + code + " did not reach " + status + "; last: " + last);
    }

    protected static List<String> names(JsonNode array, String field) {
        return array.valueStream().map(n -> n.path(field).asString()).toList();
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
