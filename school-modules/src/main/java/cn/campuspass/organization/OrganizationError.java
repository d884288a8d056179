package cn.campuspass.organization;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

public enum OrganizationError implements ErrorCode {
    CAMPUS_NOT_FOUND(HttpStatus.NOT_FOUND),
    CAMPUS_NAME_TAKEN(HttpStatus.CONFLICT),
    CAMPUS_IN_USE(HttpStatus.CONFLICT),
    GATE_NOT_FOUND(HttpStatus.NOT_FOUND),
    GATE_NAME_TAKEN(HttpStatus.CONFLICT),
    GATE_IN_USE(HttpStatus.CONFLICT),
    DEPARTMENT_NOT_FOUND(HttpStatus.NOT_FOUND),
    DEPARTMENT_NAME_TAKEN(HttpStatus.CONFLICT),
    DEPARTMENT_IN_USE(HttpStatus.CONFLICT),
    DEPARTMENT_CYCLE(HttpStatus.BAD_REQUEST);

    private final HttpStatus status;

    OrganizationError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
