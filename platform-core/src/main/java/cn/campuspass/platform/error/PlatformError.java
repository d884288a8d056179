package cn.campuspass.platform.error;

import org.springframework.http.HttpStatus;

/** Errors of the platform kernel. Each module keeps its own enum of codes. */
public enum PlatformError implements ErrorCode {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    NO_SCHOOL(HttpStatus.FORBIDDEN),
    SCHOOL_NOT_FOUND(HttpStatus.NOT_FOUND),
    SCHOOL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    MISSING_PARAMETER(HttpStatus.BAD_REQUEST),
    CONTROL_CHARACTERS(HttpStatus.BAD_REQUEST),
    VALUE_TOO_LONG(HttpStatus.BAD_REQUEST),
    DATA_CONFLICT(HttpStatus.CONFLICT),
    PAGING_INVALID(HttpStatus.BAD_REQUEST),
    PATH_NOT_CANONICAL(HttpStatus.BAD_REQUEST),
    UPSTREAM_REFUSED(HttpStatus.BAD_REQUEST),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    PlatformError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
