package cn.campuspass.registrant.importing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The template's columns in template order, with the header texts the reader also accepts for each. */
enum TemplateColumn {
    NAME("姓名", true, false, "姓名"),
    IDENTITY("身份", true, false, "身份", "备案人身份"),
    IDENTITY_TYPE("身份类型", false, false, "身份类型"),
    NUMBER("学号/工号", true, true, "学号/工号", "学号", "工号", "学工号", "学号工号"),
    PHONE("手机号", true, true, "手机号", "手机", "手机号码"),
    ID_TAIL("身份证后六位", false, true, "身份证后六位", "身份证后6位", "身份证后六位数", "身份证号后六位"),
    DEPARTMENT("部门/单位", true, false, "部门/单位", "部门", "单位", "部门/单位及被分管部门", "所属部门"),
    MANAGED_DEPARTMENT("被分管部门", false, false, "被分管部门");

    private static final Map<String, TemplateColumn> BY_HEADER = new HashMap<>();

    static {
        for (TemplateColumn column : values()) {
            for (String alias : column.aliases) {
                BY_HEADER.put(normaliseHeader(alias), column);
            }
        }
    }

    final String label;
    final boolean required;
    /** Holds digits that Excel must keep as typed (leading zeros, no scientific notation). */
    final boolean textFormatted;

    private final List<String> aliases;

    TemplateColumn(String label, boolean required, boolean textFormatted, String... aliases) {
        this.label = label;
        this.required = required;
        this.textFormatted = textFormatted;
        this.aliases = Arrays.asList(aliases);
    }

    /** The header as the template writes it: required columns carry a trailing "*". */
    String header() {
        return required ? label + "*" : label;
    }

    static Optional<TemplateColumn> byHeader(String headerText) {
        return Optional.ofNullable(BY_HEADER.get(normaliseHeader(headerText)));
    }

    /**
     * Full-width to half-width, without any whitespace, without the "*" marking required columns and without a
     * "(必填)"/"(选填)" note, so that " 学号／工号 ＊" and "学号/工号*" compare equal.
     */
    static String normaliseHeader(String text) {
        String s = Text.halfWidthAscii(Text.clean(text));
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '*' && !Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString().replace("(必填)", "").replace("(选填)", "");
    }
}
