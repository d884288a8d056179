package cn.campuspass.visitor;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the visitor module; messages in {@code i18n/visitor-errors*.properties}. */
public enum VisitorError implements ErrorCode {
    /** The caller is not signed in as a visitor (or the session is a registrant's). */
    VISITOR_NOT_SIGNED_IN(HttpStatus.UNAUTHORIZED),
    VISITOR_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** One or more profile fields are wrong; {@code fields} says which and why. */
    VISITOR_INVALID(HttpStatus.BAD_REQUEST),
    /** A first booking (or confirming an invitation) needs name, phone and ID card number. */
    VISITOR_DETAILS_REQUIRED(HttpStatus.BAD_REQUEST),
    /** The visitor's personal data was erased when the school's retention ran out. */
    VISITOR_ID_PURGED(HttpStatus.GONE),
    /** The visitor never gave an ID card number. */
    VISITOR_ID_NOT_RECORDED(HttpStatus.NOT_FOUND),
    /** One or more booking fields are wrong; {@code fields} says which and why. */
    BOOKING_INVALID(HttpStatus.BAD_REQUEST),
    BOOKING_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The host is not a teacher with visitor authorization (any more). */
    BOOKING_HOST_NOT_AUTHORIZED(HttpStatus.CONFLICT),
    /** The visitor already has a not-yet-visited booking in this slot of this day (at most three a day). */
    BOOKING_SLOT_TAKEN(HttpStatus.CONFLICT),
    /** The date is in the past, the slot is over, or it is too far ahead. */
    BOOKING_DATE_INVALID(HttpStatus.BAD_REQUEST),
    /** The visitor must accept the pledge (承诺事项). */
    BOOKING_PLEDGE_REQUIRED(HttpStatus.BAD_REQUEST),
    /** The booking is not in a state that allows this (e.g. approving a cancelled one). */
    BOOKING_STATE_CONFLICT(HttpStatus.CONFLICT),
    /** A rejection needs a reason the visitor can read. */
    BOOKING_REJECT_REASON_REQUIRED(HttpStatus.BAD_REQUEST),
    /** The visitor has no effective booking for now at this gate's school: the pass is not open (yet). */
    BOOKING_PASS_NOT_OPEN(HttpStatus.CONFLICT);

    private final HttpStatus status;

    VisitorError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
