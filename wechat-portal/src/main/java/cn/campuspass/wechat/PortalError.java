package cn.campuspass.wechat;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the WeChat portals; messages in {@code i18n/portal-errors*.properties}. */
public enum PortalError implements ErrorCode {
    /** No portal session, an expired or dropped one, or one of another school. */
    PORTAL_SESSION_REQUIRED(HttpStatus.UNAUTHORIZED),
    /** The session has a WeChat account but no registrant yet: identity login first. */
    PORTAL_LOGIN_REQUIRED(HttpStatus.FORBIDDEN),
    WECHAT_LOGIN_UNAVAILABLE(HttpStatus.NOT_FOUND),
    OAUTH_STATE_INVALID(HttpStatus.BAD_REQUEST),
    WECHAT_OAUTH_FAILED(HttpStatus.BAD_GATEWAY),
    LOGIN_TICKET_INVALID(HttpStatus.BAD_REQUEST),
    /** The staff portal's WeChat sign-in: no enabled staff account of the school is bound to this WeChat. */
    STAFF_WECHAT_NOT_BOUND(HttpStatus.NOT_FOUND),
    /** One answer for an unknown number and a wrong verifier: never says which part was wrong. */
    LOGIN_FAILED(HttpStatus.BAD_REQUEST),
    IDENTITY_CLOSED(HttpStatus.FORBIDDEN),
    /** The registrant is bound to another WeChat account; an admin must unbind it first. */
    ALREADY_BOUND(HttpStatus.CONFLICT),
    /** This WeChat account is bound to another registrant of the school. */
    WECHAT_ALREADY_BOUND(HttpStatus.CONFLICT),
    ALREADY_SIGNED_IN(HttpStatus.CONFLICT),
    TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS),
    /** The school requires an SMS code at first binding and the registrant has no usable phone on record. */
    PHONE_MISSING(HttpStatus.CONFLICT),
    /** Not a mainland mobile number (11 digits starting 13–19). */
    NEW_PHONE_INVALID(HttpStatus.BAD_REQUEST),
    /** The new phone is the one already bound. */
    PHONE_UNCHANGED(HttpStatus.CONFLICT),
    /** Wrong SMS code; tries remain. */
    SMS_CODE_INVALID(HttpStatus.BAD_REQUEST),
    /** No SMS code pending: never sent, expired (5 minutes) or used. */
    SMS_CODE_EXPIRED(HttpStatus.BAD_REQUEST),
    /** Five wrong tries: the code is void, a new one must be sent. */
    SMS_CODE_EXHAUSTED(HttpStatus.TOO_MANY_REQUESTS),
    /** Sent too recently or too often (per phone or per address). */
    SMS_SEND_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    SMS_SEND_FAILED(HttpStatus.BAD_GATEWAY),
    /** No SMS provider is configured. */
    SMS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    PortalError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
