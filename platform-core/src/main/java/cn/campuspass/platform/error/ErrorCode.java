package cn.campuspass.platform.error;

import org.springframework.http.HttpStatus;

/**
 * A stable, documented error: {@link #code()} never changes once published; the message comes from
 * {@code i18n/errors*.properties} under {@code error.<code>} (zh-CN by default, English beside it).
 */
public interface ErrorCode {

    /** Implemented by every enum: the constant's name is the code. */
    String name();

    HttpStatus status();

    default String code() {
        return name();
    }
}
