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
