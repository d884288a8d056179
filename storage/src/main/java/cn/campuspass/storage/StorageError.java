package cn.campuspass.storage;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

public enum StorageError implements ErrorCode {
    FILE_TYPE_NOT_ALLOWED(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    FILE_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    FILE_EMPTY(HttpStatus.BAD_REQUEST),
    INVALID_KEY(HttpStatus.BAD_REQUEST),
    STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    StorageError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
