package cn.campuspass.wechat.binding;

import cn.campuspass.platform.school.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What proves a registrant at identity login (R1): the last six characters of their ID card number (an {@code x}
 * counts as {@code X}) or their phone number in any common spelling. The phone is compared through its blind index,
 * so the stored ciphertext is never decrypted for a login.
 */
public final class Verifiers {

    private Verifiers() {}

    /**
     * @param idTail the stored ID tail, or null
     * @param phoneIndex the stored blind index of the normalised phone
     * @param blindIndex the blind index function of the field cipher
     */
    public static boolean matches(String verifier, String idTail, String phoneIndex, UnaryOperator<String> blindIndex) {
        if (verifier == null) {
            return false;
        }
        String typed = verifier.strip();
        if (typed.isEmpty() || typed.length() > 32) {
            return false;
        }
        if (typed.length() == 6) {
            return idTail != null && equal(typed.toUpperCase(Locale.ROOT), idTail.toUpperCase(Locale.ROOT));
        }
        Optional<PhoneNumber> phone = PhoneNumber.parse(typed);
        return phone.isPresent()
                && phoneIndex != null
                && equal(blindIndex.apply(phone.get().value()), phoneIndex);
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
