package cn.campuspass.tenant.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.registry.CachedSchoolDirectory;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import cn.campuspass.tenant.schema.SchoolSchemaMigrator;
import cn.campuspass.tenant.settings.SchoolSettingsService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The step logic of onboarding without the stack: which steps a run executes, what a failure inside a step records,
 * and that a resumed run starts at the first step not done (earlier steps' work is not called again).
 */
class SchoolOnboardingTest {

    private static final SchoolCode CODE = SchoolCode.of("unitu");

    private final SchoolRegistry registry = mock(SchoolRegistry.class);
    private final OnboardingProgress progress = mock(OnboardingProgress.class);
    private final FieldCipher cipher = mock(FieldCipher.class);
    private final SchoolSchemaMigrator migrator = mock(SchoolSchemaMigrator.class);
    private final SchoolRealmProvisioner realms = mock(SchoolRealmProvisioner.class);
    private final ObjectStore storage = mock(ObjectStore.class);
    private final CachedSchoolDirectory directory = mock(CachedSchoolDirectory.class);
    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final List<String> checkpoints = new ArrayList<>();
    private final List<OnboardingHook> hooks = new ArrayList<>();
    private SchoolOnboarding onboarding;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        ValueOperations<String, String> values = mock(ValueOperations.class);
        when(redis.opsForValue()).thenReturn(values);
        when(values.setIfAbsent(eq("onboarding:lock:unitu"), anyString(), any(Duration.class)))
                .thenReturn(true);
        when(registry.find(CODE)).thenReturn(Optional.of(school()));
        when(registry.transition(any(), any(), any())).thenReturn(true);
        when(cipher.decrypt("unitu", "school.admin_phone", "enc-phone")).thenReturn("13700000000");
        when(cipher.decrypt("unitu", "school.admin_password", "enc-password")).thenReturn("Unit@2026x");
        when(migrator.migrate(eq(CODE), any())).thenReturn("5");
        hooks.add(new OnboardingHook() {
            @Override
            public void beforeStep(SchoolCode school, OnboardingStep step) {
                checkpoints.add(step.name());
            }

            @Override
            public void within(SchoolCode school, OnboardingStep step, String point) {
                checkpoints.add(step + "/" + point);
            }
        });
        onboarding = new SchoolOnboarding(
                registry,
                progress,
                mock(SchoolSettingsService.class),
                cipher,
                migrator,
                realms,
                storage,
                directory,
                hooks,
                redis,
                audit,
                mock(TransactionTemplate.class),
                JsonMapper.builder().build());
    }

    @Test
    void freshSchoolRunsEveryStepInOrderAndGoesActive() {
        steps(StepState.PENDING, StepState.PENDING, StepState.PENDING, StepState.PENDING, StepState.PENDING);

        onboarding.run(CODE);

        assertThat(checkpoints).containsExactly("REGISTRY", "SCHEMA", "REALM", "STORAGE", "ACTIVATE");
        verify(registry).setSchema(CODE, SchemaState.CURRENT, "5", null);
        verify(realms)
                .ensureRealm(
                        eq("main"),
                        eq(CODE),
                        eq("单元大学"),
                        eq(new SchoolRealmProvisioner.FirstAdmin(
                                "admin", "管理员", new PhoneNumber("13700000000"), "Unit@2026x")),
                        anyBoolean(),
                        any());
        verify(storage).prepareSchool(CODE);
        verify(realms).setEnabled("main", CODE, true);
        verify(registry).transition(CODE, SchoolStatus.ONBOARDING, SchoolStatus.ACTIVE);
        verify(registry).clearAdminPassword(CODE);
    }

    @Test
    void resumedRunStartsAtTheFailedStepAndDoesNotRedoEarlierOnes() {
        steps(StepState.DONE, StepState.DONE, StepState.FAILED, StepState.PENDING, StepState.PENDING);

        onboarding.run(CODE);

        assertThat(checkpoints).containsExactly("REALM", "STORAGE", "ACTIVATE");
        verify(progress, never()).running(CODE, OnboardingStep.REGISTRY);
        verify(progress, never()).running(CODE, OnboardingStep.SCHEMA);
        verifyNoInteractions(migrator);
        verify(registry, never()).setSchema(any(), any(), any(), any());
        verify(progress).running(CODE, OnboardingStep.REALM);
        verify(progress).done(CODE, OnboardingStep.REALM);
        verify(progress).done(CODE, OnboardingStep.ACTIVATE);
        verify(registry).transition(CODE, SchoolStatus.ONBOARDING, SchoolStatus.ACTIVE);
    }

    @Test
    void failureInsideAStepMarksThatStepAndTheSchoolFailedAndStops() {
        steps(StepState.DONE, StepState.DONE, StepState.PENDING, StepState.PENDING, StepState.PENDING);
        doThrow(new IllegalStateException("Keycloak said no"))
                .when(realms)
                .ensureRealm(anyString(), eq(CODE), anyString(), any(), anyBoolean(), any());

        onboarding.run(CODE);

        verify(progress).failed(eq(CODE), eq(OnboardingStep.REALM), contains("Keycloak said no"));
        verify(progress, never()).done(CODE, OnboardingStep.REALM);
        verify(registry).transition(CODE, SchoolStatus.ONBOARDING, SchoolStatus.FAILED);
        verify(registry, never()).transition(CODE, SchoolStatus.ONBOARDING, SchoolStatus.ACTIVE);
        verifyNoInteractions(storage);
        verify(realms, never()).setEnabled(anyString(), any(), eq(true));
        verify(registry, never()).clearAdminPassword(CODE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void migrationFailureMarksTheSchemaFailedWithItsCause() {
        steps(StepState.DONE, StepState.PENDING, StepState.PENDING, StepState.PENDING, StepState.PENDING);
        when(migrator.migrate(eq(CODE), any())).thenAnswer(invocation -> {
            Consumer<String> checkpoint = invocation.getArgument(1);
            checkpoint.accept(OnboardingHook.BEFORE_MIGRATION + "1");
            throw new IllegalStateException("Migration V2 failed", new RuntimeException("syntax error"));
        });

        onboarding.run(CODE);

        // The migrator's checkpoints reach the hooks, tagged with the step.
        assertThat(checkpoints).containsExactly("SCHEMA", "SCHEMA/before-migration:1");
        verify(registry).setSchema(CODE, SchemaState.MIGRATING, null, null);
        verify(registry)
                .setSchema(
                        eq(CODE),
                        eq(SchemaState.FAILED),
                        eq(null),
                        contains("Migration V2 failed (cause: RuntimeException: syntax error)"));
        verify(progress).failed(eq(CODE), eq(OnboardingStep.SCHEMA), contains("syntax error"));
        verifyNoInteractions(realms);
    }

    @Test
    void anotherRunnerHoldingTheLockLeavesEverythingAlone() {
        when(redis.opsForValue().setIfAbsent(eq("onboarding:lock:unitu"), anyString(), any(Duration.class)))
                .thenReturn(false);

        onboarding.run(CODE);

        verifyNoInteractions(progress, migrator, realms, storage);
        verify(redis, never()).execute(any(), anyList(), any());
    }

    @Test
    void weakFirstPasswordIsRefusedBeforeAnythingIsWritten() {
        for (String weak : new String[] {null, "Ab1", "abcdefgh", "12345678"}) {
            assertThatThrownBy(() -> onboarding.submit(new SchoolOnboarding.OnboardSchool(
                            CODE,
                            "单元大学",
                            new SchoolOnboarding.AdminAccount("admin", "管理员", new PhoneNumber("13700000000"), weak),
                            SchoolSettings.defaults(),
                            null)))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.error()).isEqualTo(TenantError.PASSWORD_TOO_WEAK));
        }
        verifyNoInteractions(registry, progress, audit);
    }

    private void steps(StepState... states) {
        List<OnboardingProgress.StepStatus> steps = new ArrayList<>();
        for (OnboardingStep step : OnboardingStep.values()) {
            steps.add(new OnboardingProgress.StepStatus(step, states[step.ordinal()], null, 0, null));
        }
        when(progress.of(CODE)).thenReturn(steps);
    }

    private static SchoolRecord school() {
        return new SchoolRecord(
                CODE,
                "单元大学",
                SchoolStatus.ONBOARDING,
                "main",
                "main",
                SchemaState.NONE,
                null,
                null,
                "{}",
                null,
                null,
                null,
                "admin",
                "enc-phone",
                "管理员",
                "enc-password",
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
