package cn.campuspass.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that needs no staff permission because another credential guards it (or none is needed). Every handler
 * method carries either this or {@link RequiresPermission}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OpenTo {

    Audience value();

    enum Audience {
        /** Any signed-in staff member of the school who holds at least one enabled role (e.g. their own profile). */
        SIGNED_IN_STAFF,
        /** A registrant or visitor with a portal session of the school in the path (checked by the portal). */
        PORTAL_SESSION,
        /** A gate device with its own credential (checked by the device API). */
        DEVICE_CREDENTIAL,
        /** Anyone: public pages, scanned labels, health. */
        PUBLIC
    }
}
