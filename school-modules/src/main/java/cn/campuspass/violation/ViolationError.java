package cn.campuspass.violation;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the violation module; messages in {@code i18n/violation-errors*.properties}. */
public enum ViolationError implements ErrorCode {
    TICKET_ITEM_NOT_FOUND(HttpStatus.NOT_FOUND),
    TICKET_ITEM_NAME_TAKEN(HttpStatus.CONFLICT),
    /** Tickets of this item exist: disable the item instead. */
    TICKET_ITEM_IN_USE(HttpStatus.CONFLICT),
    /** The chosen item is disabled or gone. */
    TICKET_ITEM_UNAVAILABLE(HttpStatus.BAD_REQUEST),
    TICKET_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** Neither a registered vehicle with this plate nor the named registrant or visitor. */
    TICKET_TARGET_NOT_FOUND(HttpStatus.BAD_REQUEST),
    /** Name a plate, a registrant or a visitor. */
    TICKET_TARGET_REQUIRED(HttpStatus.BAD_REQUEST),
    /** The front, side and back photos are all required. */
    TICKET_PHOTOS_REQUIRED(HttpStatus.BAD_REQUEST),
    TICKET_ALREADY_REVOKED(HttpStatus.CONFLICT),
    APPEAL_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** Only an effective ticket of the registrant's own can be appealed. */
    APPEAL_TICKET_NOT_APPEALABLE(HttpStatus.CONFLICT),
    /** A ticket is appealed once. */
    APPEAL_EXISTS(HttpStatus.CONFLICT),
    /** At most {@link TicketAppeals#MAX_IMAGES} images. */
    APPEAL_TOO_MANY_IMAGES(HttpStatus.BAD_REQUEST),
    /** The appeal was decided already. */
    APPEAL_ALREADY_DECIDED(HttpStatus.CONFLICT);

    private final HttpStatus status;

    ViolationError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
