package cn.campuspass.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request text field that may span lines (a certificate, a note): it accepts tab, CR and LF. Every other
 * JSON text field is single-line and refuses them; all refuse the other control characters (see
 * {@link ControlCharacters}).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLine {}
