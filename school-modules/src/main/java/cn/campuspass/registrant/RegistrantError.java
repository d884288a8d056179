package cn.campuspass.registrant;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

public enum RegistrantError implements ErrorCode {
    REGISTRANT_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** One or more fields are wrong; {@code fields} says which and why. */
    REGISTRANT_INVALID(HttpStatus.BAD_REQUEST),
    REGISTRANT_NUMBER_TAKEN(HttpStatus.CONFLICT),
    REGISTRANT_PHONE_TAKEN(HttpStatus.CONFLICT),
    VISITOR_AUTHORIZATION_TEACHERS_ONLY(HttpStatus.BAD_REQUEST),
    IMPORT_JOB_NOT_FOUND(HttpStatus.NOT_FOUND),
    IDENTITY_TYPE_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** One or more fields are wrong; {@code fields} says which and why. */
    IDENTITY_TYPE_INVALID(HttpStatus.BAD_REQUEST),
    IDENTITY_TYPE_NAME_TAKEN(HttpStatus.CONFLICT),
    /** Registrants still hold the type. */
    IDENTITY_TYPE_IN_USE(HttpStatus.CONFLICT),
    /** The registrant changed their avatar the allowed number of times (R4.10: at most twice). */
    AVATAR_CHANGE_LIMIT(HttpStatus.CONFLICT);

    private final HttpStatus status;

    RegistrantError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
