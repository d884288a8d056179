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
    DEPARTMENT_CYCLE(HttpStatus.BAD_REQUEST),
    DEPARTMENT_REFERENCED(HttpStatus.CONFLICT),
    POSITION_NOT_FOUND(HttpStatus.NOT_FOUND),
    POSITION_NAME_TAKEN(HttpStatus.CONFLICT),
    POSITION_IN_USE(HttpStatus.CONFLICT),
    ACADEMIC_YEAR_NOT_FOUND(HttpStatus.NOT_FOUND),
    ACADEMIC_YEAR_NAME_TAKEN(HttpStatus.CONFLICT),
    ACADEMIC_YEAR_OVERLAP(HttpStatus.CONFLICT),
    ACADEMIC_YEAR_IN_USE(HttpStatus.CONFLICT),
    ACADEMIC_YEAR_TERMS_OUTSIDE(HttpStatus.CONFLICT),
    TERM_NOT_FOUND(HttpStatus.NOT_FOUND),
    TERM_NAME_TAKEN(HttpStatus.CONFLICT),
    TERM_OUTSIDE_YEAR(HttpStatus.BAD_REQUEST),
    TERM_OVERLAP(HttpStatus.CONFLICT),
    NO_TERM_ON_DATE(HttpStatus.NOT_FOUND),
    DATES_REVERSED(HttpStatus.BAD_REQUEST);

    private final HttpStatus status;

    OrganizationError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
