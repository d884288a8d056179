package cn.campuspass.platform.error;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Turns an error code into the caller's language; zh-CN unless the request asks for English. */
@Component
public class ErrorMessages {

    private final MessageSource messages;

    public ErrorMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String of(ErrorCode error, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage("error." + error.code(), args, error.code(), locale);
    }
}
