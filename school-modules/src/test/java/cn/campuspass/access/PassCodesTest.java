package cn.campuspass.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassCodesTest {

    @Test
    void randomCodesAreEightDigitsWithLeadingZerosKept() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = PassCodes.random();
            assertThat(code).matches("[0-9]{8}");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(1_990);
    }

    @Test
    void payloadCarriesSchoolAndCode() {
        assertThat(PassCodes.payload("demo", "01234567")).isEqualTo("CP1:demo:01234567");
        assertThat(PassCodes.parse("CP1:demo:01234567", "demo")).contains("01234567");
    }

    @Test
    void anotherSchoolsPayloadIsNoCodeOfOurs() {
        assertThat(PassCodes.parse("CP1:other:01234567", "demo")).isEmpty();
    }

    @Test
    void typedCodesTolerateSpacesDashesAndFullWidthDigits() {
        assertThat(PassCodes.parse(" 0123 4567 ", "demo")).contains("01234567");
        assertThat(PassCodes.parse("0123-4567", "demo")).contains("01234567");
        assertThat(PassCodes.parse("０１２３４５６７", "demo")).contains("01234567");
    }

    @Test
    void anythingElseIsMalformed() {
        for (String bad : new String[] {"", "1234567", "123456789", "abcdefgh", "CP1:demo", "CP1:demo:12", null}) {
            assertThatThrownBy(() -> PassCodes.parse(bad, "demo"))
                    .as(String.valueOf(bad))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.error()).isEqualTo(AccessError.PASS_CODE_MALFORMED));
        }
    }
}
