package cn.campuspass.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.Identity;
import org.junit.jupiter.api.Test;

class PassSubjectTest {

    private static PassSubject subject(
            boolean personEnabled, boolean gateEnabled, boolean campusEnabled, boolean rule) {
        return new PassSubject(
                7,
                "张三",
                Identity.STUDENT,
                null,
                "2026000001",
                "139****0001",
                1L,
                "计算机学院",
                null,
                personEnabled,
                3,
                "东门",
                gateEnabled,
                2,
                "主校区",
                campusEnabled,
                rule);
    }

    @Test
    void allowedOnlyWithARuleAndEverythingEnabled() {
        assertThat(subject(true, true, true, true).denial()).isNull();
        assertThat(subject(true, true, true, false).denial()).isEqualTo(AccessDenial.NO_ACCESS);
    }

    @Test
    void aDisabledPersonOrGateIsRefusedEvenWithARule() {
        assertThat(subject(false, true, true, true).denial()).isEqualTo(AccessDenial.REGISTRANT_DISABLED);
        assertThat(subject(true, false, true, true).denial()).isEqualTo(AccessDenial.GATE_DISABLED);
        assertThat(subject(true, true, false, true).denial()).isEqualTo(AccessDenial.GATE_DISABLED);
    }

    @Test
    void theDisabledPersonIsNamedFirst() {
        assertThat(subject(false, false, false, false).denial()).isEqualTo(AccessDenial.REGISTRANT_DISABLED);
    }
}
