package cn.campuspass.organization.poster;

/**
 * What a gate's poster shows: the school, campus and gate names and the signed entry link encoded in the QR code.
 * The campus may be blank for a school with a single campus; the other fields are required.
 */
public record GatePoster(String schoolName, String campusName, String gateName, String link) {

    /** Long links make dense QR codes that cheap phone cameras misread from a distance. */
    static final int MAX_LINK_LENGTH = 512;

    static final int MAX_NAME_LENGTH = 64;

    public GatePoster {
        schoolName = required(schoolName, "schoolName");
        gateName = required(gateName, "gateName");
        campusName = campusName == null ? "" : campusName.strip();
        if (campusName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("campusName is longer than " + MAX_NAME_LENGTH + " characters");
        }
        link = required(link, "link");
        if (link.length() > MAX_LINK_LENGTH) {
            throw new IllegalArgumentException("The link is longer than " + MAX_LINK_LENGTH + " characters");
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_NAME_LENGTH && !name.equals("link")) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return stripped;
    }
}
