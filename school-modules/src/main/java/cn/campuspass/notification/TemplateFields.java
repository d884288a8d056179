package cn.campuspass.notification;

/** Values shaped the way WeChat template and subscribe message fields accept them. */
public final class TemplateFields {

    /** A {@code thing} field holds at most 20 characters. */
    static final int THING_LENGTH = 20;

    private TemplateFields() {}

    /** Whitespace collapsed and trimmed; longer than 20 characters, cut to 19 and an ellipsis. Null becomes empty. */
    public static String thing(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= THING_LENGTH ? flat : flat.substring(0, THING_LENGTH - 1) + "…";
    }
}
