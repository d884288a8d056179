package cn.campuspass.platform.security;

/**
 * Authorities the application grants. Platform-realm roles and school-realm roles map to different prefixes, so a
 * school realm that happened to define a role called {@code platform-operator} still grants nothing on the
 * operator side.
 */
public final class Roles {

    /** Realm role in the {@code platform} realm. */
    public static final String PLATFORM_OPERATOR_ROLE = "platform-operator";

    public static final String OPERATOR = "OPERATOR";

    /** Realm roles created in every school realm. */
    public static final String SCHOOL_ADMIN_ROLE = "school-admin";

    public static final String SECURITY_OFFICER_ROLE = "security-officer";
    public static final String DEPARTMENT_ADMIN_ROLE = "department-admin";
    public static final String GATE_GUARD_ROLE = "gate-guard";

    /**
     * Authority names of school roles: {@code SCHOOL_<ROLE>} upper-cased with underscores, a leading
     * {@code school-} dropped ({@code school-admin} → {@code SCHOOL_ADMIN}, {@code gate-guard} →
     * {@code SCHOOL_GATE_GUARD}).
     */
    public static final String SCHOOL_ADMIN = "SCHOOL_ADMIN";

    public static final String SCHOOL_USER = "SCHOOL_USER";

    /** Authorities that open the school admin API; each feature narrows further with its own checks. */
    public static final String[] STAFF_ROLES = {
        SCHOOL_ADMIN, "SCHOOL_SECURITY_OFFICER", "SCHOOL_DEPARTMENT_ADMIN", "SCHOOL_GATE_GUARD"
    };

    private Roles() {}

    public static String schoolAuthority(String realmRole) {
        String role = realmRole.startsWith("school-") ? realmRole.substring("school-".length()) : realmRole;
        return "SCHOOL_" + role.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
