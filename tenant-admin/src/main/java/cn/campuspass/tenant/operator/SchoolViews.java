package cn.campuspass.tenant.operator;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.tenant.onboarding.OnboardingProgress;
import cn.campuspass.tenant.onboarding.StepState;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import cn.campuspass.tenant.settings.SchoolSettingsService;
import cn.campuspass.tenant.sso.SchoolSsoService;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Assembles what the operator console shows of a school; personal data is masked. */
@Component
class SchoolViews {

    private final SchoolRegistry registry;
    private final OnboardingProgress progress;
    private final SchoolSettingsService settings;
    private final SchoolSsoService sso;
    private final FieldCipher cipher;
    private final String publicUrl;

    SchoolViews(
            SchoolRegistry registry,
            OnboardingProgress progress,
            SchoolSettingsService settings,
            SchoolSsoService sso,
            FieldCipher cipher,
            @Value("${campuspass.public-url}") String publicUrl) {
        this.registry = registry;
        this.progress = progress;
        this.settings = settings;
        this.sso = sso;
        this.cipher = cipher;
        this.publicUrl = publicUrl;
    }

    /** Summaries of a page of schools, with each one's current onboarding step fetched in one query. */
    List<SchoolResponses.SchoolSummary> summaries(List<SchoolRecord> schools) {
        var current =
                progress.currentSteps(schools.stream().map(SchoolRecord::code).toList());
        return schools.stream()
                .map(school -> {
                    OnboardingProgress.StepStatus step = current.get(school.code());
                    return new SchoolResponses.SchoolSummary(
                            school.code().value(),
                            school.name(),
                            school.status(),
                            step == null ? null : step.step(),
                            step == null ? null : step.error(),
                            school.createdAt());
                })
                .toList();
    }

    SchoolResponses.SchoolDetail detail(SchoolCode code) {
        SchoolRecord school =
                registry.find(code).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
        List<OnboardingProgress.StepStatus> steps = progress.of(code);
        OnboardingProgress.StepStatus current = currentStep(steps);
        SchoolSettings config = settings.settingsOf(code);
        return new SchoolResponses.SchoolDetail(
                code.value(),
                school.name(),
                school.status(),
                school.schemaState().name(),
                school.schemaVersion(),
                school.databaseCluster(),
                school.keycloakCluster(),
                school.createdAt(),
                school.adminUsername(),
                PhoneNumber.parse(cipher.decrypt(code.value(), "school.admin_phone", school.adminPhoneEncrypted()))
                        .map(PhoneNumber::masked)
                        .orElse(null),
                new SchoolResponses.Onboarding(
                        current == null ? null : current.step(),
                        steps.stream()
                                .map(s -> new SchoolResponses.StepView(
                                        s.step(), s.state(), s.error(), s.attempts(), s.finishedAt()))
                                .toList()),
                new SchoolResponses.Config(
                        config.openIdentities(),
                        config.faceRequired(),
                        config.faceRequiredByTeacherType(),
                        config.smsAtFirstBinding()),
                new SchoolResponses.Wechat(school.wechatAppId(), school.wechatSecretsEncrypted() != null),
                sso.view(school),
                new SchoolResponses.Urls(
                        publicUrl + "/admin/?school=" + code.value(),
                        publicUrl + "/portal/" + code.value() + "/",
                        code.realmName()));
    }

    /** The first step not done, or null when all are done. */
    private static OnboardingProgress.StepStatus currentStep(List<OnboardingProgress.StepStatus> steps) {
        return steps.stream()
                .filter(s -> s.state() != StepState.DONE)
                .findFirst()
                .orElse(null);
    }
}
