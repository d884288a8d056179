package cn.campuspass.tenant.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.registry.SchoolRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;
import tools.jackson.databind.json.JsonMapper;

/** P4 settings validation and caching, without the stack. */
class SchoolSettingsServiceTest {

    private static final SchoolCode CODE = SchoolCode.of("setu");
    private static final String KEY = "school:setu:settings";

    private final SchoolRegistry registry = mock(SchoolRegistry.class);
    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);

    @SuppressWarnings("unchecked")
    private final ValueOperations<String, String> values = mock(ValueOperations.class);

    private SchoolSettingsService service;

    @BeforeEach
    void setUp() {
        when(redis.opsForValue()).thenReturn(values);
        service = new SchoolSettingsService(
                registry, redis, JsonMapper.builder().build(), mock(cn.campuspass.tenant.audit.AuditLog.class));
    }

    @Test
    void teacherIdentityCannotBeClosed() {
        assertThatThrownBy(() -> service.update(CODE, Set.of(Identity.STUDENT), null, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error()).isEqualTo(TenantError.TEACHER_ALWAYS_OPEN));
        verify(registry, never()).setSettings(any(), anyString());
        verify(redis, never()).delete(anyString());
    }

    @Test
    void updateKeepsWhatIsNotGivenWritesTheRegistryThenDropsTheCachedCopy() {
        SchoolSettings current =
                new SchoolSettings(Set.of(Identity.TEACHER), Map.of(Identity.TEACHER, true), Map.of("在编", false));
        when(values.get(KEY)).thenReturn(service.toJson(current));

        SchoolSettings next = service.update(CODE, Set.of(Identity.TEACHER, Identity.STUDENT), null, null);

        assertThat(next.openIdentities()).containsExactlyInAnyOrder(Identity.TEACHER, Identity.STUDENT);
        assertThat(next.faceRequired()).isEqualTo(current.faceRequired());
        assertThat(next.faceRequiredByTeacherType()).isEqualTo(current.faceRequiredByTeacherType());
        InOrder order = inOrder(registry, redis);
        order.verify(registry).setSettings(eq(CODE), eq(service.toJson(next)));
        order.verify(redis).delete(KEY);
    }

    /** R1: settings stored before the SMS switch existed read as off; a null keeps the current value. */
    @Test
    void smsAtFirstBindingDefaultsToOffAndIsKeptWhenNotGiven() {
        when(values.get(KEY))
                .thenReturn("{\"openIdentities\":[\"TEACHER\"],\"faceRequired\":{},\"faceRequiredByTeacherType\":{}}");
        assertThat(service.settingsOf(CODE).smsAtFirstBinding()).isFalse();

        SchoolSettings on = service.update(CODE, null, null, null, true);
        assertThat(on.smsAtFirstBinding()).isTrue();
        verify(registry).setSettings(eq(CODE), eq(service.toJson(on)));
        assertThat(service.toJson(on)).contains("\"smsAtFirstBinding\":true");

        when(values.get(KEY)).thenReturn(service.toJson(on));
        assertThat(service.update(CODE, Set.of(Identity.TEACHER), null, null, null)
                        .smsAtFirstBinding())
                .isTrue();
    }

    @Test
    void settingsAreReadFromTheCacheAndOnAMissFromTheRegistryThenCached() {
        SchoolSettings cached = new SchoolSettings(Set.of(Identity.TEACHER), Map.of(), Map.of());
        when(values.get(KEY)).thenReturn(service.toJson(cached));
        assertThat(service.settingsOf(CODE)).isEqualTo(cached);
        verify(registry, never()).find(any());

        when(values.get(KEY)).thenReturn(null);
        when(registry.find(CODE)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> service.settingsOf(CODE))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error()).isEqualTo(PlatformError.SCHOOL_NOT_FOUND));
        verify(values, never()).set(eq(KEY), anyString(), any(Duration.class));
    }
}
