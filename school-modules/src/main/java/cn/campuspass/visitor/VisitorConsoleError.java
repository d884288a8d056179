package cn.campuspass.visitor;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the console's visitor pages; messages in {@code i18n/visitor-console-errors*.properties}. */
public enum VisitorConsoleError implements ErrorCode {
    /** A custom range needs both dates, in order, at most {@link StatsPeriod#MAX_DAYS} days apart. */
    VISITOR_STATS_RANGE_INVALID(HttpStatus.BAD_REQUEST),
    /** No such booking, or not one of the caller's departments. */
    VISITOR_RECORD_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The date range of the record filter is reversed. */
    VISITOR_RECORD_FILTER_INVALID(HttpStatus.BAD_REQUEST);

    private final HttpStatus status;

    VisitorConsoleError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
