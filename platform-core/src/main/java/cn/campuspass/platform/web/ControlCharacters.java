package cn.campuspass.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Which characters request text may not carry. NUL is refused by PostgreSQL (a 500 before this existed); the other
 * C0 controls, DEL and the C1 controls are invisible in lists and exports and can forge lines in logs and CSV; the
 * Unicode line and paragraph separators break single-line display. Tab, CR and LF are allowed only where a field is
 * {@link MultiLine}.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** The index of the first refused character of {@code text}, or -1 when it is clean. */
    public static int firstRefused(CharSequence text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (refused(c, multiLine)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean refused(char c, boolean multiLine) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return !multiLine;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /** Raised while reading a JSON body; the error handler answers {@code CONTROL_CHARACTERS} naming the field. */
    public static final class Refused extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        Refused(JsonParser parser, int index) {
            super(parser, "Control character at index " + index + " of a text field", String.class);
        }
    }
}
