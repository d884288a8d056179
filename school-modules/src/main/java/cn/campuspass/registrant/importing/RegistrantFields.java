package cn.campuspass.registrant.importing;

import cn.campuspass.platform.school.Identity;
import java.util.regex.Pattern;

/**
 * The field rules every way of creating or editing a registrant shares (the import and the admin console): how a
 * typed value is normalised and when it is refused. Each check answers the normalised value or a Chinese problem.
 */
public final class RegistrantFields {

    public static final int MAX_NAME = 50;
    public static final int MAX_NUMBER = 32;

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern ID_TAIL = Pattern.compile("[0-9]{5}[0-9X]");

    private RegistrantFields() {}

    /** The Chinese name of an identity as the template and the consoles show it (学生, 教师, …). */
    public static String label(Identity identity) {
        return IdentityLabels.label(identity);
    }

    /** A normalised value (null when an optional field is left empty), or the problem that refuses it. */
    public record Checked(String value, String problem) {

        static Checked ok(String value) {
            return new Checked(value, null);
        }

        static Checked refused(String problem) {
            return new Checked(null, problem);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    public static Checked name(String input) {
        String name = Text.clean(Text.halfWidthAlnum(input == null ? "" : input));
        if (name.isEmpty()) {
            return Checked.refused("姓名不能为空");
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            return Checked.refused("姓名不能超过 " + MAX_NAME + " 个字符");
        } else if (Text.looksLikeFormula(name)) {
            // Never a real name, and a trap for whoever opens an export of it in a spreadsheet.
            return Checked.refused("姓名不能以 =、+、-、@ 开头");
        } else if (Text.hasControlCharacter(name)) {
            return Checked.refused("姓名包含不可见的控制字符");
        }
        return Checked.ok(name);
    }

    /** 学号/工号: letters, digits, - and _, starting with a letter or digit. */
    public static Checked number(String input) {
        String number = Text.clean(Text.halfWidthAscii(input == null ? "" : input));
        if (number.isEmpty()) {
            return Checked.refused("学号/工号不能为空");
        } else if (number.length() > MAX_NUMBER) {
            return Checked.refused("学号/工号不能超过 " + MAX_NUMBER + " 个字符");
        } else if (!NUMBER.matcher(number).matches()) {
            return Checked.refused("学号/工号只能包含字母、数字、-、_，且须以字母或数字开头");
        }
        return Checked.ok(number);
    }

    /** The last six characters of the ID card number; optional (an empty input is a null value). */
    public static Checked idTail(String input) {
        String tail = Text.clean(Text.halfWidthAscii(input == null ? "" : input));
        if (tail.isEmpty()) {
            return Checked.ok(null);
        }
        tail = tail.replace('x', 'X');
        return ID_TAIL.matcher(tail).matches() ? Checked.ok(tail) : Checked.refused("身份证后六位应为 6 位：前 5 位为数字，最后一位为数字或 X");
    }
}
