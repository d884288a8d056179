package cn.campuspass.tenant.operator;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.tenant.onboarding.OnboardingStep;
import cn.campuspass.tenant.onboarding.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Response shapes of the operator API. Secrets never leave the server; only whether they are set. */
final class SchoolResponses {

    private SchoolResponses() {}

    record SchoolSummary(
            String code,
            String name,
            SchoolStatus status,
            OnboardingStep onboardingStep,
            String onboardingError,
            Instant createdAt) {}

    record SchoolPage(List<SchoolSummary> items, long total) {}

    record StepView(OnboardingStep step, StepState state, String error, int attempts, Instant finishedAt) {}

    record Onboarding(OnboardingStep currentStep, List<StepView> steps) {}

    record Config(
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceUpload,
            Map<String, Boolean> faceUploadByTeacherType,
            boolean smsAtFirstBinding) {}

    record Wechat(String appId, boolean appSecretSet) {}

    record Urls(String schoolConsole, String portal, String realm) {}

    record SchoolDetail(
            String code,
            String name,
            SchoolStatus status,
            String schemaState,
            String schemaVersion,
            String databaseCluster,
            String keycloakCluster,
            Instant createdAt,
            String adminUsername,
            String adminPhone,
            Onboarding onboarding,
            Config config,
            Wechat wechat,
            Map<String, Object> sso,
            Urls urls) {}

    record Offboarded(String archive, String exportUrl) {}
}
