package cn.campuspass.platform.error;

import java.util.List;

/**
 * A refusal the client can act on: rendered as {@code {code, message, fields}} with the code's HTTP status.
 * {@code fields} names the request fields at fault, when there are any.
 */
public class ApiException extends RuntimeException {

    private final transient ErrorCode error;
    private final transient Object[] args;
    private final transient List<ApiError.FieldProblem> fields;

    public ApiException(ErrorCode error, Object... args) {
        this(error, List.of(), args);
    }

    private ApiException(ErrorCode error, List<ApiError.FieldProblem> fields, Object... args) {
        super(error.code());
        this.error = error;
        this.args = args;
        this.fields = List.copyOf(fields);
    }

    /** A refusal that points at request fields, each with its own (already localised) message. */
    public static ApiException withFields(ErrorCode error, List<ApiError.FieldProblem> fields, Object... args) {
        return new ApiException(error, fields, args);
    }

    public List<ApiError.FieldProblem> fields() {
        return fields;
    }

    public ErrorCode error() {
        return error;
    }

    public Object[] args() {
        return args.clone();
    }
}
