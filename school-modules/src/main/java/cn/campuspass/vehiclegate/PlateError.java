package cn.campuspass.vehiclegate;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the vehicle-gate module; messages in {@code i18n/vehiclegate-errors*.properties}. */
public enum PlateError implements ErrorCode {
    /** The plate event is incomplete or out of range (plate, direction, confidence 0..1, time). */
    PLATE_EVENT_INVALID(HttpStatus.BAD_REQUEST),
    /** The snapshot is not a JPEG or PNG image of at most 10 MB (or not valid base64). */
    PLATE_SNAPSHOT_INVALID(HttpStatus.BAD_REQUEST),
    /** A portal registration needs a photo of the vehicle, and for a car one of its licence (行驶证). */
    PLATE_PHOTOS_REQUIRED(HttpStatus.BAD_REQUEST);

    private final HttpStatus status;

    PlateError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
