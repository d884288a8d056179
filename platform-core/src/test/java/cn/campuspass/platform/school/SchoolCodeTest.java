package cn.campuspass.platform.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchoolCodeTest {

    @Test
    void namesSchemaAndRealm() {
        SchoolCode code = SchoolCode.of("tsinghua");
        assertThat(code.schemaName()).isEqualTo("school_tsinghua");
        assertThat(code.realmName()).isEqualTo("school-tsinghua");
        assertThat(SchoolCode.fromRealmName("school-tsinghua")).contains(code);
    }

    @Test
    void refusesCodesUnsafeForIdentifiers() {
        for (String bad : new String[] {"", "a", "1abc", "Tsinghua", "ts-hua", "ts_hua", "x\"; drop", "a".repeat(31)}) {
            assertThat(SchoolCode.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> SchoolCode.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SchoolCode.fromRealmName("platform")).isEmpty();
        assertThat(SchoolCode.fromRealmName("school-")).isEmpty();
        assertThat(SchoolCode.fromRealmName("school-Bad")).isEmpty();
    }
}
