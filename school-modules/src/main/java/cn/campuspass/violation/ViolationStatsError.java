package cn.campuspass.violation;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the violation leaderboards (A6.5, A6.6); messages in {@code i18n/violation-stats-errors*.properties}. */
public enum ViolationStatsError implements ErrorCode {
    /** The term asked for does not exist. */
    VIOLATION_STATS_TERM_NOT_FOUND(HttpStatus.BAD_REQUEST),
    /** The academic year asked for does not exist. */
    VIOLATION_STATS_YEAR_NOT_FOUND(HttpStatus.BAD_REQUEST),
    /** A date is malformed, or the start is after the end. */
    VIOLATION_STATS_RANGE_INVALID(HttpStatus.BAD_REQUEST),
    /** An identity, vehicle type, registration status or id that is not one of the known values. */
    VIOLATION_STATS_FILTER_INVALID(HttpStatus.BAD_REQUEST),
    /** The number of rows is 1 to {@link ViolationStats#MAX_LIMIT}. */
    VIOLATION_STATS_LIMIT_INVALID(HttpStatus.BAD_REQUEST);

    private final HttpStatus status;

    ViolationStatsError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
