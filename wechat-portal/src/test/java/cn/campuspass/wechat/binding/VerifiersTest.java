package cn.campuspass.wechat.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class VerifiersTest {

    /** Stands in for the cipher's keyed index: any deterministic function shows the comparison. */
    private static final UnaryOperator<String> INDEX = s -> "idx(" + s + ")";

    /** The tail's index function differs from the phone's, as {@code IdTails.index} prefixes its input. */
    private static final UnaryOperator<String> TAIL_INDEX = s -> "tail(" + s + ")";

    private static final String PHONE_INDEX = INDEX.apply("13900000001");

    private static String tail(String storedTail) {
        return TAIL_INDEX.apply(storedTail);
    }

    private static boolean matches(String verifier, String tailIndex, String phoneIndex) {
        return Verifiers.matches(verifier, tailIndex, phoneIndex, TAIL_INDEX, INDEX);
    }

    @Test
    void theIdTailMatchesThroughItsIndexWithEitherCaseOfX() {
        assertThat(matches("12345X", tail("12345X"), PHONE_INDEX)).isTrue();
        assertThat(matches("12345x", tail("12345X"), PHONE_INDEX)).isTrue();
        assertThat(matches(" 12345x ", tail("12345X"), PHONE_INDEX)).isTrue();
        assertThat(matches("123456", tail("123456"), PHONE_INDEX)).isTrue();
    }

    @Test
    void aWrongOrMissingIdTailDoesNotMatch() {
        assertThat(matches("12345Y", tail("12345X"), PHONE_INDEX)).isFalse();
        assertThat(matches("123450", tail("12345X"), PHONE_INDEX)).isFalse();
        assertThat(matches("12345X", null, PHONE_INDEX)).isFalse();
        // The plaintext tail in the index column (a row no migration sealed) is no match either.
        assertThat(matches("12345X", "12345X", PHONE_INDEX)).isFalse();
    }

    @Test
    void thePhoneMatchesInAnyCommonSpelling() {
        assertThat(matches("13900000001", null, PHONE_INDEX)).isTrue();
        assertThat(matches("+86 139-0000-0001", null, PHONE_INDEX)).isTrue();
        assertThat(matches("１３９００００００01", null, PHONE_INDEX)).isTrue();
        assertThat(matches("008613900000001", tail("12345X"), PHONE_INDEX)).isTrue();
    }

    @Test
    void anotherPhoneOrGarbageDoesNotMatch() {
        assertThat(matches("13900000002", tail("12345X"), PHONE_INDEX)).isFalse();
        assertThat(matches("1390000000", tail("12345X"), PHONE_INDEX)).isFalse();
        assertThat(matches("abc", tail("12345X"), PHONE_INDEX)).isFalse();
        assertThat(matches("", tail("12345X"), PHONE_INDEX)).isFalse();
        assertThat(matches(null, tail("12345X"), PHONE_INDEX)).isFalse();
        assertThat(matches("13900000001", tail("12345X"), null)).isFalse();
    }

    @Test
    void theLastSixDigitsOfThePhoneAreNotTheIdTail() {
        assertThat(matches("000001", null, PHONE_INDEX)).isFalse();
    }
}
