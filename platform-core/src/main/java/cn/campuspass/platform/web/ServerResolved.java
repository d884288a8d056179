package cn.campuspass.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A type that controllers take as a method parameter but that the server resolves itself (from the bearer token or
 * the portal session header), never from the request's parameters or body: the signed-in staff member, their data
 * scope, the portal session. The API description ({@link ApiDocsConfiguration}) leaves such parameters out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerResolved {}
