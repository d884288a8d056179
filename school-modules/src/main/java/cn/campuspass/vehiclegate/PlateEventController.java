package cn.campuspass.vehiclegate;

import cn.campuspass.access.GateDevices;
import cn.campuspass.platform.device.DeviceCall;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.security.OpenTo;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plate events from a gate's camera: HTTP Basic {@code keyId:secret} of a device credential of that gate, the plate
 * read, direction, confidence, the camera's time and optionally a snapshot as base64 in the JSON body (as plate
 * cameras push their pictures). The answer (allow or deny with its reason) comes at once; the record is already
 * committed when it does.
 */
@RestController
class PlateEventController implements DeviceCall<PlateEventController.PlateEventRequest> {

    /** 10 MB of image as base64. */
    private static final int MAX_SNAPSHOT_BASE64 = 14 * 1024 * 1024;

    private final GateDevices devices;
    private final PlateEvents events;

    PlateEventController(GateDevices devices, PlateEvents events) {
        this.devices = devices;
        this.events = events;
    }

    record PlateEventRequest(
            @Size(max = PlateEvents.MAX_PLATE) String plate,
            Direction direction,
            Double confidence,
            OffsetDateTime time,
            @Size(max = PlateEvents.MAX_EVENT_ID) String eventId,
            @Size(max = MAX_SNAPSHOT_BASE64) String snapshot) {}

    @Override
    public String operation() {
        return "plate-events";
    }

    @Override
    public Class<PlateEventRequest> bodyType() {
        return PlateEventRequest.class;
    }

    /** Events with a snapshot of more than 64 KB take the ordinary way. */
    @Override
    public int maxBodyBytes() {
        return 64 * 1024;
    }

    /** The fast lane's way in ({@code DeviceLane}), the body read and its constraints checked: {@link #post}. */
    @Override
    public PlateEvents.Decision handle(String authorization, PlateEventRequest body) {
        return post(authorization, body);
    }

    @PostMapping(value = "/device/{school}/api/plate-events", consumes = MediaType.APPLICATION_JSON_VALUE)
    @OpenTo(OpenTo.Audience.DEVICE_CREDENTIAL)
    PlateEvents.Decision post(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @jakarta.validation.Valid @RequestBody PlateEventRequest request) {
        // The body's form is checked before the credential, so refused input costs no database work (not even the
        // device's last-use touch).
        PlateEvents.requireWellFormed(request.plate(), request.direction(), request.confidence(), request.eventId());
        byte[] snapshot = null;
        if (request.snapshot() != null && !request.snapshot().isBlank()) {
            try {
                snapshot = Base64.getMimeDecoder().decode(request.snapshot());
            } catch (IllegalArgumentException e) {
                throw new ApiException(PlateError.PLATE_SNAPSHOT_INVALID);
            }
        }
        GateDevices.Authenticated device = devices.authenticateBasic(authorization);
        return events.decide(event(request, snapshot), device.gateId(), device.keyId());
    }

    private static PlateEvents.PlateEvent event(PlateEventRequest request, byte[] snapshot) {
        if (request == null) {
            throw new ApiException(PlateError.PLATE_EVENT_INVALID);
        }
        return new PlateEvents.PlateEvent(
                request.plate(),
                request.direction(),
                request.confidence(),
                request.time() == null ? null : request.time().toInstant(),
                request.eventId(),
                snapshot);
    }
}
