package cn.campuspass.platform.error;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Turns an error code into the caller's language: zh-CN unless the request asks for English. The locale is
 * resolved from the request itself, because errors raised in servlet filters (authentication, school binding,
 * rate limits) happen before the dispatcher has set the request's locale.
 */
@Component
public class ErrorMessages {

    private final MessageSource messages;
    private final LocaleResolver locales;

    public ErrorMessages(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    public String of(ErrorCode error, Object... args) {
        return messages.getMessage("error." + error.code(), args, error.code(), locale());
    }

    /** Any text of the message bundles by key, in the request's language (for texts that are not errors). */
    public String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale());
    }

    private Locale locale() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            return locales.resolveLocale(request.getRequest());
        }
        return Locale.SIMPLIFIED_CHINESE;
    }
}
