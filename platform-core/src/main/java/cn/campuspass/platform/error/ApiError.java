package cn.campuspass.platform.error;

import java.util.List;

/** The body of every error response. {@code fields} lists per-field problems of a rejected request. */
public record ApiError(String code, String message, List<FieldProblem> fields) {

    public record FieldProblem(String field, String message) {}
}
