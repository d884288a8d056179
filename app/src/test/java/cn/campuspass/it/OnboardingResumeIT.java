package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.onboarding.OnboardingHook;
import cn.campuspass.tenant.onboarding.OnboardingStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * P1: faults injected inside a step, not between steps: the realm created but no admin yet, the admin's user
 * created without its password, a migration run interrupted after some migrations. The retry resumes at the failed
 * step: earlier steps do not run again (their attempt counts stay 1, the applied migrations keep their history
 * rows), the realm is not recreated (same id), the half-created admin is finished, and the school becomes ACTIVE.
 */
class OnboardingResumeIT extends StackTest {

    private static final String PASSWORD = "Resume@2026";

    @Autowired
    FaultInjector faults;

    @Autowired
    KeycloakAdmin keycloakAdmin;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void realmCreatedWithoutAdminResumesInTheSameRealm() {
        String code = "resumerealm";
        faults.failOnceWithin(code, OnboardingStep.REALM, OnboardingHook.REALM_CREATED);
        submit(code, "13710000000");
        JsonNode failed = awaitStatus(code, "FAILED", ONBOARDING_TIMEOUT);
        assertThat(failed.path("onboarding").path("currentStep").asString()).isEqualTo("REALM");

        RealmResource realm = keycloakAdmin.cluster("main").realm("school-" + code);
        String realmId = realm.toRepresentation().getId();
        assertThat(realm.toRepresentation().isEnabled()).isFalse();
        assertThat(realm.users().list()).isEmpty();
        assertThat(attempts(code))
                .containsExactly(
                        Map.entry("REGISTRY", 1),
                        Map.entry("SCHEMA", 1),
                        Map.entry("REALM", 1),
                        Map.entry("STORAGE", 0),
                        Map.entry("ACTIVATE", 0));
        List<Map<String, Object>> migrations = migrationHistory(code);

        retry(code);

        assertThat(realm.toRepresentation().getId()).isEqualTo(realmId);
        assertThat(realm.users().searchByUsername("admin", true)).hasSize(1);
        assertThat(attempts(code))
                .containsExactly(
                        Map.entry("REGISTRY", 1),
                        Map.entry("SCHEMA", 1),
                        Map.entry("REALM", 2),
                        Map.entry("STORAGE", 1),
                        Map.entry("ACTIVATE", 1));
        assertThat(migrationHistory(code)).isEqualTo(migrations);
        assertUsable(code, "13710000000");
    }

    @Test
    void adminUserLeftWithoutPasswordIsFinishedByTheRetry() {
        String code = "resumeadmin";
        faults.failOnceWithin(code, OnboardingStep.REALM, OnboardingHook.ADMIN_USER_CREATED);
        submit(code, "13710000001");
        awaitStatus(code, "FAILED", ONBOARDING_TIMEOUT);

        RealmResource realm = keycloakAdmin.cluster("main").realm("school-" + code);
        String realmId = realm.toRepresentation().getId();
        List<UserRepresentation> halfCreated = realm.users().searchByUsername("admin", true);
        assertThat(halfCreated).hasSize(1);
        String userId = halfCreated.get(0).getId();
        assertThat(realm.users().get(userId).credentials()).isEmpty();
        assertThat(realm.users().get(userId).roles().realmLevel().listEffective())
                .noneMatch(r -> r.getName().equals("school-admin"));

        retry(code);

        // The same user, now with its password and role; no second user, no second realm.
        assertThat(realm.toRepresentation().getId()).isEqualTo(realmId);
        assertThat(realm.users().searchByUsername("admin", true))
                .extracting(UserRepresentation::getId)
                .containsExactly(userId);
        assertThat(realm.users().get(userId).credentials())
                .extracting(c -> c.getType())
                .containsExactly("password");
        assertThat(attempts(code)).containsEntry("SCHEMA", 1).containsEntry("REALM", 2);
        assertUsable(code, "13710000001");
    }

    @Test
    void migrationInterruptedMidSchemaResumesAfterTheAppliedMigrations() {
        String code = "resumeschema";
        faults.failOnceWithin(code, OnboardingStep.SCHEMA, OnboardingHook.BEFORE_MIGRATION + "3");
        submit(code, "13710000002");
        JsonNode failed = awaitStatus(code, "FAILED", ONBOARDING_TIMEOUT);
        assertThat(failed.path("onboarding").path("currentStep").asString()).isEqualTo("SCHEMA");
        assertThat(failed.path("schemaState").asString()).isEqualTo("FAILED");

        // Half way: migrations 1 and 2 applied (each committed on its own), 3 and later not; no realm yet.
        List<Map<String, Object>> applied = migrationHistory(code);
        assertThat(applied).extracting(m -> m.get("version")).containsExactly("1", "2");
        assertThat(keycloakAdmin.cluster("main").realms().findAll())
                .noneMatch(r -> r.getRealm().equals("school-" + code));

        retry(code);

        List<Map<String, Object>> after = migrationHistory(code);
        // Migrations 1 and 2 were not run again: the same history rows (rank, time of installation), each once.
        assertThat(after.subList(0, 2)).isEqualTo(applied);
        assertThat(after)
                .extracting(m -> m.get("version"))
                .doesNotHaveDuplicates()
                .contains("3", "4", "5");
        assertThat(attempts(code))
                .containsEntry("REGISTRY", 1)
                .containsEntry("SCHEMA", 2)
                .containsEntry("REALM", 1);
        assertUsable(code, "13710000002");
    }

    private void submit(String code, String phone) {
        Http.Response created = Http.post(
                url("/operator/api/schools"),
                Tokens.operator(),
                Map.of(
                        "code",
                        code,
                        "name",
                        "续建学校",
                        "admin",
                        Map.of("username", "admin", "phone", phone, "password", PASSWORD)));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
    }

    private void retry(String code) {
        Http.Response retried =
                Http.post(url("/operator/api/schools/" + code + "/onboarding/retry"), Tokens.operator(), null);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        JsonNode active = awaitStatus(code, "ACTIVE", ONBOARDING_TIMEOUT);
        assertThat(names(active.path("onboarding").path("steps"), "state")).containsOnly("DONE");
    }

    private void assertUsable(String code, String phone) {
        String token = Tokens.school(code, phone, PASSWORD);
        assertThat(Http.get(url("/admin/api/campuses"), token).status()).isEqualTo(200);
        assertThat(Http.get(url("/portal/" + code + "/api/info"), null).status())
                .isEqualTo(200);
    }

    /** How many times each step has started, in step order. */
    private Map<String, Integer> attempts(String code) {
        Map<String, Integer> attempts = new LinkedHashMap<>();
        jdbc.query(
                "SELECT step, attempts FROM platform.onboarding_step WHERE school_code = ? ORDER BY position",
                rs -> {
                    attempts.put(rs.getString(1), rs.getInt(2));
                },
                code);
        return attempts;
    }

    /** The school schema's successful Flyway history: version, rank and installation time. */
    private List<Map<String, Object>> migrationHistory(String code) {
        return jdbc.queryForList("SELECT version, installed_rank, installed_on FROM "
                + SchoolCode.of(code).schemaName()
                + ".flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank");
    }
}
