package cn.campuspass.platform.error;

/** A refusal the client can act on: rendered as {@code {code, message}} with the code's HTTP status. */
public class ApiException extends RuntimeException {

    private final transient ErrorCode error;
    private final transient Object[] args;

    public ApiException(ErrorCode error, Object... args) {
        super(error.code());
        this.error = error;
        this.args = args;
    }

    public ErrorCode error() {
        return error;
    }

    public Object[] args() {
        return args.clone();
    }
}
