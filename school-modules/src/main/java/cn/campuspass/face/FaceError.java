package cn.campuspass.face;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * Errors of the face module; messages in {@code i18n/face-errors*.properties}. Each refusal of a photo has its own
 * code so the portal can tell the person what to change (more light, hold still, only you in the picture...).
 */
public enum FaceError implements ErrorCode {
    /** Not a JPEG or PNG by its first bytes (whatever its name or declared type). */
    FACE_TYPE_NOT_ALLOWED(HttpStatus.BAD_REQUEST),
    FACE_FILE_EMPTY(HttpStatus.BAD_REQUEST),
    FACE_FILE_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
    /** The header cannot be read or the image cannot be decoded. */
    FACE_IMAGE_UNREADABLE(HttpStatus.BAD_REQUEST),
    /** More pixels than we decode (a decompression bomb, or a panorama): refused before decoding. */
    FACE_IMAGE_TOO_LARGE(HttpStatus.BAD_REQUEST),
    /** Too few pixels to see a face in. */
    FACE_IMAGE_TOO_SMALL(HttpStatus.BAD_REQUEST),
    FACE_NOT_FOUND(HttpStatus.UNPROCESSABLE_CONTENT),
    FACE_MULTIPLE(HttpStatus.UNPROCESSABLE_CONTENT),
    /** The face is too small in the picture: come closer. */
    FACE_TOO_SMALL(HttpStatus.UNPROCESSABLE_CONTENT),
    FACE_TOO_DARK(HttpStatus.UNPROCESSABLE_CONTENT),
    FACE_TOO_BRIGHT(HttpStatus.UNPROCESSABLE_CONTENT),
    FACE_BLURRED(HttpStatus.UNPROCESSABLE_CONTENT),
    /** The school requires a face photo of this registrant before a pass is issued. */
    FACE_REQUIRED(HttpStatus.FORBIDDEN),
    /** The registrant has no face photo yet. */
    FACE_MISSING(HttpStatus.NOT_FOUND),
    /** No such registrant, or one outside the staff member's data scope. */
    FACE_REGISTRANT_NOT_FOUND(HttpStatus.NOT_FOUND),
    FACE_EXPORT_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The export is still running or failed: there is nothing to download. */
    FACE_EXPORT_NOT_READY(HttpStatus.CONFLICT);

    private final HttpStatus status;

    FaceError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
