package cn.campuspass.registrant;

import cn.campuspass.platform.crypto.FieldCipher;
import java.util.Locale;

/**
 * 身份证后六位 at rest: half of the portal's identity login, so it is personal data guarded like the phone — sealed
 * for its school and column, found through a blind index, shown masked ({@code ****5X}) in lists, whole only in an
 * audited view. The index is taken over a prefixed value so that it can never equal the phone index of the same
 * digits.
 */
public final class IdTails {

    /** The field the tail is sealed for (the school is the other half of the binding). */
    public static final String FIELD = "registrant.id_tail";

    private IdTails() {}

    /** What the row stores for {@code tail} ({@code [0-9]{5}[0-9X]}); all null for no tail. */
    public record Sealed(String encrypted, String index, String masked) {

        static final Sealed NONE = new Sealed(null, null, null);
    }

    public static Sealed seal(FieldCipher cipher, String school, String tail) {
        if (tail == null) {
            return Sealed.NONE;
        }
        String upper = tail.toUpperCase(Locale.ROOT);
        return new Sealed(cipher.encrypt(school, FIELD, upper), index(cipher, upper), masked(upper));
    }

    /** The blind index a typed tail is looked up by ({@code x} counts as {@code X}). */
    public static String index(FieldCipher cipher, String tail) {
        return cipher.blindIndex("id_tail:" + tail.toUpperCase(Locale.ROOT));
    }

    /** {@code ****5X}: the last two characters, enough to tell two people apart at the desk, not to log in. */
    public static String masked(String tail) {
        return "****" + tail.substring(tail.length() - 2);
    }
}
