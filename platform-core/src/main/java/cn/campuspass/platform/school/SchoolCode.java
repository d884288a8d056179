package cn.campuspass.platform.school;

import java.util.regex.Pattern;

/**
 * A school's short code, the key of the tenant everywhere: schema {@code school_<code>}, realm
 * {@code school-<code>}, storage prefix {@code schools/<code>/}. Restricted to lower-case ASCII so it is safe to
 * splice into identifiers after validation.
 */
public record SchoolCode(String value) {

    private static final Pattern VALID = Pattern.compile("^[a-z][a-z0-9]{1,29}$");
    private static final String REALM_PREFIX = "school-";

    public SchoolCode {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid school code: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    public static SchoolCode of(String value) {
        return new SchoolCode(value);
    }

    /** The school whose realm is {@code realmName}, if the name is a school realm's name at all. */
    public static java.util.Optional<SchoolCode> fromRealmName(String realmName) {
        if (realmName == null || !realmName.startsWith(REALM_PREFIX)) {
            return java.util.Optional.empty();
        }
        String code = realmName.substring(REALM_PREFIX.length());
        return isValid(code) ? java.util.Optional.of(new SchoolCode(code)) : java.util.Optional.empty();
    }

    public String schemaName() {
        return "school_" + value;
    }

    public String realmName() {
        return REALM_PREFIX + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
