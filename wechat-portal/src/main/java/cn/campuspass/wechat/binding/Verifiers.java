package cn.campuspass.wechat.binding;

import cn.campuspass.platform.school.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What proves a registrant at identity login (R1): the last six characters of their ID card number (an {@code x}
 * counts as {@code X}) or their phone number in any common spelling. Both are compared through their blind indexes,
 * so no stored ciphertext is decrypted for a login.
 */
public final class Verifiers {

    private Verifiers() {}

    /**
     * @param idTailIndex the stored blind index of the ID tail, or null
     * @param phoneIndex the stored blind index of the normalised phone
     * @param idTailIndexOf the ID tail's blind index function ({@code IdTails.index})
     * @param phoneIndexOf the phone's blind index function (the field cipher's)
     */
    public static boolean matches(
            String verifier,
            String idTailIndex,
            String phoneIndex,
            UnaryOperator<String> idTailIndexOf,
            UnaryOperator<String> phoneIndexOf) {
        if (verifier == null) {
            return false;
        }
        String typed = verifier.strip();
        if (typed.isEmpty() || typed.length() > 32) {
            return false;
        }
        if (typed.length() == 6) {
            return idTailIndex != null && equal(idTailIndexOf.apply(typed.toUpperCase(Locale.ROOT)), idTailIndex);
        }
        Optional<PhoneNumber> phone = PhoneNumber.parse(typed);
        return phone.isPresent()
                && phoneIndex != null
                && equal(phoneIndexOf.apply(phone.get().value()), phoneIndex);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
