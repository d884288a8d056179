package cn.campuspass.wechat.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class VerifiersTest {

    /** Stands in for the cipher's keyed index: any deterministic function shows the comparison. */
    private static final UnaryOperator<String> INDEX = s -> "idx(" + s + ")";

    private static final String PHONE_INDEX = INDEX.apply("13900000001");

    @Test
    void theIdTailMatchesWithEitherCaseOfX() {
        assertThat(Verifiers.matches("12345X", "12345X", PHONE_INDEX, INDEX)).isTrue();
        assertThat(Verifiers.matches("12345x", "12345X", PHONE_INDEX, INDEX)).isTrue();
        assertThat(Verifiers.matches(" 12345x ", "12345x", PHONE_INDEX, INDEX)).isTrue();
        assertThat(Verifiers.matches("123456", "123456", PHONE_INDEX, INDEX)).isTrue();
    }

    @Test
    void aWrongOrMissingIdTailDoesNotMatch() {
        assertThat(Verifiers.matches("12345Y", "12345X", PHONE_INDEX, INDEX)).isFalse();
        assertThat(Verifiers.matches("123450", "12345X", PHONE_INDEX, INDEX)).isFalse();
        assertThat(Verifiers.matches("12345X", null, PHONE_INDEX, INDEX)).isFalse();
    }

    @Test
    void thePhoneMatchesInAnyCommonSpelling() {
        assertThat(Verifiers.matches("13900000001", null, PHONE_INDEX, INDEX)).isTrue();
        assertThat(Verifiers.matches("+86 139-0000-0001", null, PHONE_INDEX, INDEX))
                .isTrue();
        assertThat(Verifiers.matches("１３９００００００01", null, PHONE_INDEX, INDEX)).isTrue();
        assertThat(Verifiers.matches("008613900000001", "12345X", PHONE_INDEX, INDEX))
                .isTrue();
    }

    @Test
    void anotherPhoneOrGarbageDoesNotMatch() {
        assertThat(Verifiers.matches("13900000002", "12345X", PHONE_INDEX, INDEX))
                .isFalse();
        assertThat(Verifiers.matches("1390000000", "12345X", PHONE_INDEX, INDEX))
                .isFalse();
        assertThat(Verifiers.matches("abc", "12345X", PHONE_INDEX, INDEX)).isFalse();
        assertThat(Verifiers.matches("", "12345X", PHONE_INDEX, INDEX)).isFalse();
        assertThat(Verifiers.matches(null, "12345X", PHONE_INDEX, INDEX)).isFalse();
        assertThat(Verifiers.matches("13900000001", "12345X", null, INDEX)).isFalse();
    }

    @Test
    void theLastSixDigitsOfThePhoneAreNotTheIdTail() {
        assertThat(Verifiers.matches("000001", null, PHONE_INDEX, INDEX)).isFalse();
    }
}
