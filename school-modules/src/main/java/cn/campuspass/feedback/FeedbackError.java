package cn.campuspass.feedback;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the feedback module; messages in {@code i18n/feedback-errors*.properties}. */
public enum FeedbackError implements ErrorCode {
    FEEDBACK_NOT_FOUND(HttpStatus.NOT_FOUND),
    FEEDBACK_TYPE_NOT_FOUND(HttpStatus.NOT_FOUND),
    FEEDBACK_TYPE_NAME_TAKEN(HttpStatus.CONFLICT),
    /** Feedback of this type exists: disable the type instead. */
    FEEDBACK_TYPE_IN_USE(HttpStatus.CONFLICT),
    /** The chosen type is disabled or gone. */
    FEEDBACK_TYPE_UNAVAILABLE(HttpStatus.BAD_REQUEST),
    /** More than {@link Feedbacks#MAX_IMAGES} images. */
    FEEDBACK_TOO_MANY_IMAGES(HttpStatus.BAD_REQUEST),
    /** A reply is final: the registrant has read it. */
    FEEDBACK_ALREADY_REPLIED(HttpStatus.CONFLICT);

    private final HttpStatus status;

    FeedbackError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
