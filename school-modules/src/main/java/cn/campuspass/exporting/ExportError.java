package cn.campuspass.exporting;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of background exports; messages in {@code i18n/exporting-errors*.properties}. */
public enum ExportError implements ErrorCode {
    EXPORT_JOB_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The export is still running or failed: there is no file to download. */
    EXPORT_NOT_READY(HttpStatus.CONFLICT);

    private final HttpStatus status;

    ExportError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
