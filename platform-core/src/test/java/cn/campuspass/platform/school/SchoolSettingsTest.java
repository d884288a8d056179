package cn.campuspass.platform.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchoolSettingsTest {

    @Test
    void teacherIsAlwaysOpenEvenWhenLeftOut() {
        SchoolSettings settings = new SchoolSettings(Set.of(Identity.STUDENT), Map.of(), Map.of());
        assertThat(settings.openIdentities()).containsExactlyInAnyOrder(Identity.STUDENT, Identity.TEACHER);
        assertThat(settings.isOpen(Identity.TEACHER)).isTrue();
        assertThat(settings.isOpen(Identity.RESIDENT)).isFalse();
    }

    @Test
    void faceRequirementDefaultsToNotRequired() {
        SchoolSettings settings = new SchoolSettings(Set.of(), Map.of(Identity.STUDENT, true), Map.of());
        assertThat(settings.faceRequiredFor(Identity.STUDENT)).isTrue();
        assertThat(settings.faceRequiredFor(Identity.THIRD_PARTY)).isFalse();
        assertThat(SchoolSettings.defaults().openIdentities()).hasSize(4);
    }

    @Test
    void anIdentityTypesOwnFaceSettingOverridesItsIdentity() {
        SchoolSettings settings =
                new SchoolSettings(Set.of(), Map.of(Identity.STUDENT, true), Map.of("7", true, "8", false));
        assertThat(settings.faceRequiredFor(Identity.TEACHER, 7L)).isTrue();
        assertThat(settings.faceRequiredFor(Identity.TEACHER, 9L)).isFalse();
        assertThat(settings.faceRequiredFor(Identity.TEACHER, null)).isFalse();
        assertThat(settings.faceRequiredFor(Identity.STUDENT, 8L)).isFalse();
        assertThat(settings.faceRequiredFor(Identity.STUDENT, 9L)).isTrue();
        assertThat(settings.faceRequiredFor(Identity.STUDENT, null)).isTrue();
    }
}
