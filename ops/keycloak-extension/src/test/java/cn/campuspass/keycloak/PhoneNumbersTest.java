package cn.campuspass.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "13800138000",
                " 13800138000 ",
                "138 0013 8000",
                "138-0013-8000",
                "+86 138-0013-8000",
                "+8613800138000",
                "008613800138000",
                "0086 138 0013 8000",
                "8613800138000",
                "86 138 0013 8000",
                "１３８００１３８０００", // full-width digits
                "＋８６ １３８－００１３－８０００", // full-width plus, digits and hyphen
                "138\u30000013\u30008000", // ideographic spaces
                "138\u00A00013\u00A08000", // no-break spaces
                "138\u20140013\u20138000", // em dash, en dash
                "\t13800138000\n",
            })
    void normalisesDecoratedMainlandMobile(String raw) {
        assertThat(PhoneNumbers.normalize(raw)).isEqualTo("13800138000");
        assertThat(PhoneNumbers.isPhoneNumber(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13000000000", "14512345678", "15912345678", "16612345678", "17712345678", "19912345678"})
    void acceptsEveryMobilePrefix(String raw) {
        assertThat(PhoneNumbers.normalize(raw)).isEqualTo(raw);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "zhangsan",
                "teacher01",
                "user@example.edu.cn",
                "1380013800", // 10 digits
                "138001380001", // 12 digits
                "12800138000", // second digit 2
                "10086",
                "23800138000", // does not start with 1
                "010-12345678", // Beijing landline
                "+1 415 555 0100", // another country
                "+85213800138000", // Hong Kong prefix
                "+86 010 1234 5678", // +86 landline
                "8613800138000x",
                "138.0013.8000", // dots are not stripped
                "(138)00138000", // neither are parentheses
                "１３８００１３８００", // 10 full-width digits
            })
    void rejectsWhatIsNotAMainlandMobile(String raw) {
        assertThat(PhoneNumbers.normalize(raw)).isEmpty();
        assertThat(PhoneNumbers.isPhoneNumber(raw)).isFalse();
    }

    @Test
    void countryCodeWithoutPlusOnlyStrippedWhenElevenDigitsFollow() {
        // "86" followed by 9 digits is not a country code: stays 11 digits starting with 8 -> not a mobile
        assertThat(PhoneNumbers.normalize("86138001380")).isEmpty();
        // "0086" must be followed by exactly 11 digits
        assertThat(PhoneNumbers.normalize("00861380013800")).isEmpty();
    }

    @Test
    void masksPhoneForLogs() {
        assertThat(UserByAccountOrPhone.mask("13800138000")).isEqualTo("138****8000");
        assertThat(UserByAccountOrPhone.mask("123")).isEqualTo("***");
    }
}
