package cn.campuspass.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission ({@code module:resource:action}, declared by the module in a {@link ModulePermissions} bean) a staff
 * or operator endpoint needs. On a method it wins over one on the class. Every handler method carries either this or
 * {@link OpenTo}; the application refuses to start otherwise ({@link EndpointDeclarations}).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {

    /** The permission code, e.g. {@code registrant:registrant:import}. */
    String value();
}
