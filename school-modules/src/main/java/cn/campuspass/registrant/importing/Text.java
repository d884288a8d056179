package cn.campuspass.registrant.importing;

/** Normalising what people type into Excel cells. */
final class Text {

    private Text() {}

    /**
     * Trims, turns every kind of space (ideographic U+3000, no-break, tab, line breaks) into one plain space,
     * collapses runs of spaces and drops zero-width characters and the byte-order mark.
     */
    static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        if (alreadyClean(s)) {
            return s; // the common case; keeps sharing the reader's string instead of copying it
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF') {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean alreadyClean(String s) {
        char previous = ' ';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if ((space && (c != ' ' || previous == ' '))
                    || c == '\u200B'
                    || c == '\u200C'
                    || c == '\u200D'
                    || c == '\u2060'
                    || c == '\uFEFF') {
                return false;
            }
            previous = c;
        }
        return previous != ' ';
    }

    /**
     * Full-width letters and digits (ＡＢＣ１２３) to their half-width forms; everything else, notably Chinese
     * full-width punctuation such as （ ）, stays, because department names legitimately use it.
     */
    static String halfWidthAlnum(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c - 0xFEE0));
            }
        }
        return b == null ? s : b.toString();
    }

    /** The whole full-width ASCII block (U+FF01..U+FF5E) to ASCII; for codes such as 学号, phones and headers. */
    static String halfWidthAscii(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c - 0xFEE0));
            }
        }
        return b == null ? s : b.toString();
    }

    /** A value echoed inside a message, cut so one absurd cell cannot bloat the report. */
    static String echo(String value) {
        int max = 30;
        return value.codePointCount(0, value.length()) <= max
                ? value
                : value.substring(0, value.offsetByCodePoints(0, max)) + "…";
    }

    /** Whether a spreadsheet program could take this text for a formula (or a DDE payload). */
    static boolean looksLikeFormula(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
