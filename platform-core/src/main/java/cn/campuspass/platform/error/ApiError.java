package cn.campuspass.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error response. {@code fields} lists per-field problems of a rejected request; {@code errorId}
 * is set only on server errors, the same id the log line carries, so a support call can find the stack trace.
 */
public record ApiError(
        String code,
        String message,
        List<FieldProblem> fields,
        @JsonInclude(JsonInclude.Include.NON_NULL) String errorId) {

    public ApiError(String code, String message, List<FieldProblem> fields) {
        this(code, message, fields, null);
    }

    public record FieldProblem(String field, String message) {}
}
