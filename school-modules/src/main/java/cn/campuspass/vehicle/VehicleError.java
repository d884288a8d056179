package cn.campuspass.vehicle;

import cn.campuspass.platform.error.ErrorCode;
import org.springframework.http.HttpStatus;

/** Errors of the vehicle module; messages in {@code i18n/vehicle-errors*.properties}. */
public enum VehicleError implements ErrorCode {
    VEHICLE_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The plate is not a valid plate of the vehicle's type. */
    VEHICLE_PLATE_INVALID(HttpStatus.BAD_REQUEST),
    /** Another vehicle of the school has this plate. */
    VEHICLE_PLATE_TAKEN(HttpStatus.CONFLICT),
    /** One or more fields are wrong; {@code fields} says which and why. */
    VEHICLE_INVALID(HttpStatus.BAD_REQUEST),
    /** The registrant does not exist or is outside the caller's scope. */
    VEHICLE_REGISTRANT_NOT_FOUND(HttpStatus.BAD_REQUEST),
    /** Only a pending registration can be approved or rejected. */
    VEHICLE_NOT_PENDING(HttpStatus.CONFLICT),
    /** A rejection needs a reason the registrant can act on. */
    VEHICLE_REJECT_REASON_REQUIRED(HttpStatus.BAD_REQUEST),
    /** An e-bike is approved with a validity: long-term, or until a date that is not in the past. */
    VEHICLE_VALIDITY_INVALID(HttpStatus.BAD_REQUEST),
    /** The vehicle is not linked to a registrant. */
    VEHICLE_NOT_LINKED(HttpStatus.CONFLICT),
    /** Labels are printed for e-bikes only. */
    VEHICLE_LABEL_EBIKES_ONLY(HttpStatus.BAD_REQUEST),
    /** Too many or no vehicles chosen for one label sheet. */
    VEHICLE_LABEL_SELECTION_INVALID(HttpStatus.BAD_REQUEST),
    /** The scanned label's signature does not hold. */
    VEHICLE_LABEL_INVALID(HttpStatus.NOT_FOUND),
    VEHICLE_IMPORT_JOB_NOT_FOUND(HttpStatus.NOT_FOUND);

    private final HttpStatus status;

    VehicleError(HttpStatus status) {
        this.status = status;
    }

    @Override
    public HttpStatus status() {
        return status;
    }
}
