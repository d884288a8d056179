package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.onboarding.OnboardingStep;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * P1: a fault at any onboarding step is shown with its error, leaves the school unusable (no login, no API, no
 * portal), and a retry resumes at that step and brings the school to ACTIVE.
 */
class OnboardingFaultIT extends StackTest {

    @Autowired
    FaultInjector faults;

    @Autowired
    KeycloakAdmin keycloakAdmin;

    @ParameterizedTest
    @EnumSource(OnboardingStep.class)
    void faultAtStepIsShownAndRetryCompletesTheSchool(OnboardingStep step) {
        String code = "fault" + step.name().toLowerCase(Locale.ROOT);
        faults.failOnce(code, step);
        String operator = Tokens.operator();
        Http.Response created = Http.post(
                url("/operator/api/schools"),
                operator,
                Map.of(
                        "code",
                        code,
                        "name",
                        "故障学校",
                        "admin",
                        Map.of("username", "admin", "phone", "13700000000", "password", "Fault@2026")));
        assertThat(created.status()).isEqualTo(202);

        JsonNode failed = awaitStatus(code, "FAILED", ONBOARDING_TIMEOUT);
        JsonNode failedStep = failed.path("onboarding")
                .path("steps")
                .valueStream()
                .filter(s -> s.path("step").asString().equals(step.name()))
                .findFirst()
                .orElseThrow();
        assertThat(failedStep.path("state").asString()).isEqualTo("FAILED");
        assertThat(failedStep.path("error").asString()).contains("Injected fault at " + step);
        assertThat(failed.path("onboarding").path("currentStep").asString()).isEqualTo(step.name());

        // Half-built is not usable: no login, no portal.
        assertThat(Tokens.schoolLogin(code, "admin", "Fault@2026").ok()).isFalse();
        assertThat(Http.get(url("/portal/" + code + "/api/info"), null).status())
                .isEqualTo(503);
        if (keycloakAdmin.cluster("main").realms().findAll().stream()
                .anyMatch(r -> r.getRealm().equals("school-" + code))) {
            assertThat(keycloakAdmin
                            .cluster("main")
                            .realm("school-" + code)
                            .toRepresentation()
                            .isEnabled())
                    .isFalse();
        }

        Http.Response retried = Http.post(url("/operator/api/schools/" + code + "/onboarding/retry"), operator, null);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        JsonNode active = awaitStatus(code, "ACTIVE", ONBOARDING_TIMEOUT);
        assertThat(names(active.path("onboarding").path("steps"), "state")).containsOnly("DONE");
        String token = Tokens.school(code, "13700000000", "Fault@2026");
        assertThat(Http.get(url("/admin/api/campuses"), token).status()).isEqualTo(200);
        assertThat(Http.get(url("/portal/" + code + "/api/info"), null).status())
                .isEqualTo(200);
    }

    @org.junit.jupiter.api.Test
    void retryOfAnActiveSchoolIsAConflict() {
        onboard("noretry", "admin", "13700000001", "NoRetry@2026");
        Http.Response r = Http.post(url("/operator/api/schools/noretry/onboarding/retry"), Tokens.operator(), null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("SCHOOL_STATE_CONFLICT");
    }
}
