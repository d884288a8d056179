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

    /**
     * The longest text a single-line JSON field may carry (names, numbers, keywords, passwords): far above any real
     * value, low enough that a megabyte of text never reaches a service, a log line or a database column.
     */
    public static final int MAX_SINGLE_LINE = 2_000;

    /** The longest text of a {@link MultiLine} field (a certificate, a note). */
    public static final int MAX_MULTI_LINE = 65_536;

    /** Raised while reading a JSON body; the error handler answers {@code VALUE_TOO_LONG} naming the field. */
    public static final class TooLong extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        TooLong(JsonParser parser, int length, int max) {
            super(parser, "Text field of " + length + " characters, at most " + max + " allowed", String.class);
        }
    }

    /** Raised while reading a JSON body; the error handler answers {@code CONTROL_CHARACTERS} naming the field. */
    public static final class Refused extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        Refused(JsonParser parser, int index) {
            super(parser, "Control character at index " + index + " of a text field", String.class);
        }
    }
}
