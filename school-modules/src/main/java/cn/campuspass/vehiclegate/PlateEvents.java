package cn.campuspass.vehiclegate;

import cn.campuspass.organization.Gates;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import cn.campuspass.vehicle.PlateNumber;
import cn.campuspass.vehicle.VehicleType;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Decides a plate event at a gate and writes its vehicle access record in the same transaction, so every answer a
 * barrier got has its record and no record exists without an answer. A device that repeats an event (same
 * {@code eventId}, e.g. after a lost answer) gets the first decision back and no second record.
 *
 * <p>The order of the checks is the order a guard would ask: is this a vehicle gate, is the plate read surely
 * enough (below {@code campuspass.vehicle-gates.min-confidence}, default 0.85, the plate is not even looked up —
 * never guessed), is the vehicle registered, approved, enabled, valid today (school time, never the device's
 * clock), and may its registrant pass this gate.
 */
@Service
public class PlateEvents {

    public static final int MAX_PLATE = 32;
    public static final int MAX_EVENT_ID = 64;

    /** What a device reported. {@code time} is the camera's; null means now. */
    public record PlateEvent(
            String plate, Direction direction, Double confidence, Instant time, String eventId, byte[] snapshot) {}

    /** The answer to the barrier. */
    public record Decision(
            long recordId,
            boolean allowed,
            PlateDenial reason,
            String reasonLabel,
            String plate,
            VehicleType vehicleType,
            long gateId,
            Direction direction,
            boolean repeated) {}

    /** The label of an allowed event. */
    static final String ALLOWED_LABEL = "允许通行";

    private final PlateRecordBatch batch;
    private final Gates gates;
    private final ObjectStore storage;
    private final Clock clock;

    PlateEvents(PlateRecordBatch batch, Gates gates, ObjectStore storage, Clock clock) {
        this.batch = batch;
        this.gates = gates;
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Decides the event with the school's concurrent events ({@link PlateRecordBatch}: one read, one batched insert,
     * one commit) and answers after its record is committed.
     */
    public Decision decide(PlateEvent event, long gateId, String deviceKeyId) {
        requireWellFormed(event.plate(), event.direction(), event.confidence(), event.eventId());
        String snapshotType = null;
        if (event.snapshot() != null) {
            try {
                snapshotType = UploadPolicy.IMAGE.sniff(
                        event.snapshot().length,
                        Arrays.copyOf(event.snapshot(), Math.min(event.snapshot().length, UploadPolicy.HEAD_BYTES)));
            } catch (ApiException e) {
                throw new ApiException(PlateError.PLATE_SNAPSHOT_INVALID);
            }
        }
        Instant now = clock.instant();
        BigDecimal confidence = BigDecimal.valueOf(event.confidence()).setScale(3, RoundingMode.DOWN);
        String plate = PlateNumber.normalise(event.plate().strip());

        SchoolCode school = SchoolContext.require();
        String snapshotKey = null;
        if (snapshotType != null) {
            snapshotKey = "vehicle-snapshots/" + LocalDate.ofInstant(now, SchoolTime.ZONE) + "/" + UUID.randomUUID()
                    + "." + UploadPolicy.extension(snapshotType);
            storage.prepareSchool(school);
            storage.put(
                    school,
                    snapshotKey,
                    new ByteArrayInputStream(event.snapshot()),
                    event.snapshot().length,
                    snapshotType);
        }
        PlateRecordBatch.Outcome outcome = batch.decide(
                school,
                new PlateRecordBatch.Item(
                        plate,
                        event.direction(),
                        confidence,
                        event.time(),
                        event.eventId(),
                        deviceKeyId,
                        gateId,
                        snapshotKey,
                        now));
        Decision decision = outcome.decision();
        if ((decision == null || decision.repeated()) && snapshotKey != null) {
            // Nothing recorded this snapshot (a repeated event keeps the first one's): it goes again.
            storage.delete(school, snapshotKey);
        }
        if (decision == null) {
            gates.get(gateId); // the device's gate is gone: GATE_NOT_FOUND
            throw new ApiException(PlateError.PLATE_EVENT_INVALID);
        }
        return decision;
    }

    /** The event's form, checked before anything is read: {@code PLATE_EVENT_INVALID} otherwise. */
    public static void requireWellFormed(String plate, Direction direction, Double confidence, String eventId) {
        String raw = plate == null ? "" : plate.strip();
        if (raw.isEmpty()
                || raw.length() > MAX_PLATE
                || direction == null
                || confidence == null
                || !(confidence >= 0 && confidence <= 1)
                || (eventId != null && (eventId.isBlank() || eventId.length() > MAX_EVENT_ID))) {
            throw new ApiException(PlateError.PLATE_EVENT_INVALID);
        }
    }
}
