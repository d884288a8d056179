package cn.campuspass.tenant;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

public enum TenantError implements ErrorCode {
    SCHOOL_CODE_INVALID(HttpStatus.BAD_REQUEST),
    SCHOOL_CODE_TAKEN(HttpStatus.CONFLICT),
    SCHOOL_STATE_CONFLICT(HttpStatus.CONFLICT),
    PHONE_INVALID(HttpStatus.BAD_REQUEST),
    PHONE_TAKEN(HttpStatus.CONFLICT),
    PASSWORD_TOO_WEAK(HttpStatus.BAD_REQUEST),
    TEACHER_ALWAYS_OPEN(HttpStatus.BAD_REQUEST),
    /** A face setting names something that is not an identity-type id. */
    FACE_SETTING_KEY_INVALID(HttpStatus.BAD_REQUEST),
    /** The visitor data retention is outside the allowed number of days. */
    VISITOR_RETENTION_DAYS_INVALID(HttpStatus.BAD_REQUEST),
    ACCESS_RETENTION_MONTHS_INVALID(HttpStatus.BAD_REQUEST),
    SSO_CONFIG_INVALID(HttpStatus.BAD_REQUEST),
    CONFIRMATION_MISMATCH(HttpStatus.BAD_REQUEST),
    NAME_INVALID(HttpStatus.BAD_REQUEST),
    ROLE_NOT_FOUND(HttpStatus.NOT_FOUND),
    ROLE_NAME_INVALID(HttpStatus.BAD_REQUEST),
    ROLE_NAME_TAKEN(HttpStatus.CONFLICT),
    ROLE_DESCRIPTION_INVALID(HttpStatus.BAD_REQUEST),
    ROLE_SCOPE_INVALID(HttpStatus.BAD_REQUEST),
    PERMISSION_UNKNOWN(HttpStatus.BAD_REQUEST),
    ROLE_PROTECTED(HttpStatus.CONFLICT),
    ROLE_IN_USE(HttpStatus.CONFLICT),
    GRANT_BEYOND_CALLER(HttpStatus.FORBIDDEN),
    USER_NOT_FOUND(HttpStatus.NOT_FOUND),
    USERNAME_INVALID(HttpStatus.BAD_REQUEST),
    USERNAME_TAKEN(HttpStatus.CONFLICT),
    USER_ROLES_REQUIRED(HttpStatus.BAD_REQUEST),
    USER_ROLE_UNKNOWN(HttpStatus.BAD_REQUEST),
    DEPARTMENT_UNKNOWN(HttpStatus.BAD_REQUEST),
    POSITION_UNKNOWN(HttpStatus.BAD_REQUEST),
    PASSWORD_REQUIRED(HttpStatus.BAD_REQUEST),
    USER_SELF(HttpStatus.CONFLICT),
    /** The WeChat account is bound to another staff account of the school (S1); unbind that one first. */
    STAFF_PORTAL_WECHAT_TAKEN(HttpStatus.CONFLICT);

    private final HttpStatus status;

    TenantError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
