package cn.campuspass.access;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

public enum AccessError implements ErrorCode {
    UNKNOWN_GATES(HttpStatus.BAD_REQUEST),
    NO_ACCESS(HttpStatus.FORBIDDEN),
    GATE_DISABLED(HttpStatus.FORBIDDEN),
    REGISTRANT_DISABLED(HttpStatus.FORBIDDEN),
    GATE_LINK_INVALID(HttpStatus.BAD_REQUEST),
    PASS_CODE_MALFORMED(HttpStatus.BAD_REQUEST),
    GATE_DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND),
    DEVICE_UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    BULK_FILTER_EMPTY(HttpStatus.BAD_REQUEST);

    private final HttpStatus status;

    AccessError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
