package cn.campuspass.tenant.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiErrorsForWebSlices;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.lifecycle.SchoolLifecycle;
import cn.campuspass.tenant.offboarding.SchoolOffboarding;
import cn.campuspass.tenant.onboarding.OnboardingProgress;
import cn.campuspass.tenant.onboarding.OnboardingStep;
import cn.campuspass.tenant.onboarding.SchoolOnboarding;
import cn.campuspass.tenant.onboarding.StepState;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import cn.campuspass.tenant.settings.SchoolSettingsService;
import cn.campuspass.tenant.sso.SchoolSsoService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Web slice of the operator API: request validation, the response shape (secrets never in it, the admin phone
 * masked) and the error codes, with the services mocked. Who may call it (the operator role) is proven over the
 * real stack by {@code OnboardingIT.operatorApiRefusesSchoolTokensAndAnonymousCallers}; filters are off here.
 */
@WebMvcTest(properties = "campuspass.public-url=https://cp.example")
@AutoConfigureMockMvc(addFilters = false)
class OperatorSchoolControllerWebTest {

    @SpringBootConfiguration
    @Import({OperatorSchoolController.class, SchoolViews.class, ApiErrorsForWebSlices.class})
    static class Slice {}

    private static final SchoolCode CODE = SchoolCode.of("webu");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SchoolOnboarding onboarding;

    @MockitoBean
    SchoolLifecycle lifecycle;

    @MockitoBean
    SchoolOffboarding offboarding;

    @MockitoBean
    SchoolSettingsService settings;

    @MockitoBean
    SchoolSsoService sso;

    @MockitoBean
    SchoolRegistry registry;

    @MockitoBean
    OnboardingProgress progress;

    @MockitoBean
    FieldCipher cipher;

    @BeforeEach
    void aSchoolBeingOnboarded() {
        when(registry.find(CODE)).thenReturn(Optional.of(school()));
        when(progress.of(CODE))
                .thenReturn(List.of(
                        new OnboardingProgress.StepStatus(OnboardingStep.REGISTRY, StepState.DONE, null, 1, null),
                        new OnboardingProgress.StepStatus(
                                OnboardingStep.SCHEMA, StepState.FAILED, "boom", 2, Instant.EPOCH),
                        new OnboardingProgress.StepStatus(OnboardingStep.REALM, StepState.PENDING, null, 0, null)));
        when(settings.settingsOf(CODE)).thenReturn(SchoolSettings.defaults());
        when(cipher.decrypt("webu", "school.admin_phone", "enc-phone")).thenReturn("13712345678");
        when(sso.view(any())).thenReturn(Map.of("enabled", false));
    }

    @Test
    void onboardingIsAcceptedWithTheSchoolsDetailAndNoSecrets() throws Exception {
        mvc.perform(post("/operator/api/schools")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"code":"webu","name":"  网页大学  ",
                                 "admin":{"username":"admin","phone":"13712345678","password":"Webu@2026x"},
                                 "wechat":{"appId":"wx1","appSecret":"s3cret","token":"t","aesKey":"k"}}
                                """))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.code").value("webu"))
                .andExpect(jsonPath("$.status").value("ONBOARDING"))
                .andExpect(jsonPath("$.adminPhone").value("137****5678"))
                .andExpect(jsonPath("$.onboarding.currentStep").value("SCHEMA"))
                .andExpect(jsonPath("$.onboarding.steps[1].error").value("boom"))
                .andExpect(jsonPath("$.onboarding.steps[1].attempts").value(2))
                .andExpect(jsonPath("$.wechat.appId").value("wx1"))
                .andExpect(jsonPath("$.wechat.appSecretSet").value(true))
                .andExpect(jsonPath("$.urls.schoolConsole").value("https://cp.example/admin/?school=webu"))
                .andExpect(jsonPath("$.urls.realm").value("school-webu"))
                .andExpect(jsonPath("$..appSecret").isEmpty())
                .andExpect(jsonPath("$..adminPasswordEncrypted").isEmpty())
                .andExpect(jsonPath("$..password").isEmpty());

        ArgumentCaptor<SchoolOnboarding.OnboardSchool> command =
                ArgumentCaptor.forClass(SchoolOnboarding.OnboardSchool.class);
        verify(onboarding).submit(command.capture());
        assertThat(command.getValue().name()).isEqualTo("网页大学");
        // No display name given: the account name stands in.
        assertThat(command.getValue().admin().name()).isEqualTo("admin");
        assertThat(command.getValue().settings()).isEqualTo(SchoolSettings.defaults());
        assertThat(command.getValue().wechat().appSecret()).isEqualTo("s3cret");
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsSubmitted() throws Exception {
        mvc.perform(post("/operator/api/schools")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"code":"1Bad","name":"",
                                 "admin":{"username":"a b","phone":"13712345678","password":"short"}}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.fields[*].field")
                        .value(Matchers.containsInAnyOrder("code", "name", "admin.username", "admin.password")));
        verify(onboarding, never()).submit(any());
    }

    @Test
    void badPhoneAndMalformedJsonAreStable400s() throws Exception {
        mvc.perform(post("/operator/api/schools")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"code":"webu","name":"网页大学",
                                 "admin":{"username":"admin","phone":"12345","password":"Webu@2026x"}}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("PHONE_INVALID"))
                .andExpect(jsonPath("$.message").value("手机号格式不正确"));
        mvc.perform(post("/operator/api/schools")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        verify(onboarding, never()).submit(any());
    }

    @Test
    void unknownOrInvalidSchoolCodesAre404() throws Exception {
        mvc.perform(get("/operator/api/schools/nosuch"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("SCHOOL_NOT_FOUND"))
                .andExpect(jsonPath("$.message").value("学校 nosuch 不存在"));
        mvc.perform(get("/operator/api/schools/NO-SUCH"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("SCHOOL_NOT_FOUND"));
    }

    @Test
    void offboardingNeedsTheCodeAsConfirmation() throws Exception {
        mvc.perform(post("/operator/api/schools/webu/offboard")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"confirm\":\"other\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("CONFIRMATION_MISMATCH"));
        verify(offboarding, never()).offboard(any());
    }

    @Test
    void retryInTheWrongStateIsAConflictInTheCallersLanguage() throws Exception {
        doThrow(new ApiException(TenantError.SCHOOL_STATE_CONFLICT, CODE, SchoolStatus.ACTIVE))
                .when(onboarding)
                .retry(CODE);
        mvc.perform(post("/operator/api/schools/webu/onboarding/retry"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("SCHOOL_STATE_CONFLICT"))
                .andExpect(jsonPath("$.message").value("学校 webu 当前状态为 ACTIVE，无法执行此操作"));
        mvc.perform(post("/operator/api/schools/webu/onboarding/retry").header("Accept-Language", "en"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.message").value(Matchers.containsString("ACTIVE")))
                .andExpect(jsonPath("$.message").value(Matchers.not(Matchers.containsString("学校"))));
    }

    private static SchoolRecord school() {
        return new SchoolRecord(
                CODE,
                "网页大学",
                SchoolStatus.ONBOARDING,
                "main",
                "main",
                SchemaState.FAILED,
                null,
                "boom",
                "{}",
                null,
                "wx1",
                "enc-secrets",
                "admin",
                "enc-phone",
                "管理员",
                "enc-password",
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
