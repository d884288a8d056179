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

    public static final String SCHOOL_USER = "SCHOOL_USER";

    private Roles() {}
}
