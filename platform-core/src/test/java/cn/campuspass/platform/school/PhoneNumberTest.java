package cn.campuspass.platform.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "13800138000",
                " 138 0013 8000 ",
                "138-0013-8000",
                "+86 13800138000",
                "+8613800138000",
                "008613800138000",
                "8613800138000",
                "１３８００１３８０００"
            })
    void acceptsWhatPeopleTypeAndNormalises(String input) {
        assertThat(PhoneNumber.parse(input)).contains(new PhoneNumber("13800138000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12800138000", "1380013800", "138001380001", "abc13800138000", "+1 13800138000x"})
    void rejectsWhatIsNotAMainlandMobile(String input) {
        assertThat(PhoneNumber.parse(input)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void masksTheMiddleFourDigits() {
        assertThat(new PhoneNumber("13800138000").masked()).isEqualTo("138****8000");
        assertThat(new PhoneNumber("13800138000").toString()).doesNotContain("0013");
        assertThatThrownBy(() -> new PhoneNumber("138 0013 8000")).isInstanceOf(IllegalArgumentException.class);
    }
}
