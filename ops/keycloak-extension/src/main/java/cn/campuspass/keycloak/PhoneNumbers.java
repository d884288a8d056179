package cn.campuspass.keycloak;

import java.util.regex.Pattern;

/**
 * Normalises what a person types as a mainland China mobile number.
 *
 * <p>Pure and dependency-free so that the backend can apply exactly the same rule when it stores the
 * {@code phone} user attribute. Accepted decorations: whitespace (including the ideographic space and
 * no-break space), ASCII and typographic dashes, full-width digits / plus / hyphen, and a leading
 * country code {@code +86}, {@code 0086} or {@code 86} when exactly 11 digits follow it.
 */
public final class PhoneNumbers {

    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private PhoneNumbers() {}

    /**
     * Returns the 11-digit mainland mobile number ({@code 1[3-9]xxxxxxxxx}) that {@code raw} denotes, or
     * the empty string when {@code raw} is {@code null} or is not such a number.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '\uFF10' && c <= '\uFF19') {
                // full-width digits ０-９
                sb.append((char) ('0' + (c - '\uFF10')));
            } else if (c == '\uFF0B') {
                // full-width plus ＋
                sb.append('+');
            } else if (isSeparator(c)) {
                // dropped
            } else {
                sb.append(c);
            }
        }
        String s = sb.toString();
        if (s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.startsWith("0086") && s.length() == 15) {
            s = s.substring(4);
        } else if (s.startsWith("86") && s.length() == 13) {
            s = s.substring(2);
        }
        return MAINLAND_MOBILE.matcher(s).matches() ? s : "";
    }

    /** {@code true} when {@code raw} normalises to a mainland mobile number. */
    public static boolean isPhoneNumber(String raw) {
        return !normalize(raw).isEmpty();
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c) // also no-break space U+00A0 and ideographic space U+3000
                || c == '-'
                || (c >= '\u2010' && c <= '\u2015') // hyphen, non-breaking hyphen, figure dash, en/em dash
                || c == '\u2212' // minus sign
                || c == '\uFF0D'; // full-width hyphen-minus
    }
}
