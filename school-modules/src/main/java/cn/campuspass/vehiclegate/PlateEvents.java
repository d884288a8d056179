package cn.campuspass.vehiclegate;

import cn.campuspass.access.AccessRules;
import cn.campuspass.organization.Gate;
import cn.campuspass.organization.Gates;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import cn.campuspass.vehicle.PlateNumber;
import cn.campuspass.vehicle.RegistrationStatus;
import cn.campuspass.vehicle.VehicleType;
import cn.campuspass.vehicle.Vehicles;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    private final SchoolJdbc jdbc;
    private final VehicleGates vehicleGates;
    private final Vehicles vehicles;
    private final Registrants registrants;
    private final AccessRules rules;
    private final Gates gates;
    private final ObjectStore storage;
    private final Clock clock;
    private final BigDecimal minConfidence;

    PlateEvents(
            SchoolJdbc jdbc,
            VehicleGates vehicleGates,
            Vehicles vehicles,
            Registrants registrants,
            AccessRules rules,
            Gates gates,
            ObjectStore storage,
            Clock clock,
            @Value("${campuspass.vehicle-gates.min-confidence:0.85}") BigDecimal minConfidence) {
        this.jdbc = jdbc;
        this.vehicleGates = vehicleGates;
        this.vehicles = vehicles;
        this.registrants = registrants;
        this.rules = rules;
        this.gates = gates;
        this.storage = storage;
        this.clock = clock;
        this.minConfidence = minConfidence;
    }

    @Transactional
    public Decision decide(PlateEvent event, long gateId, String deviceKeyId) {
        requireWellFormed(event.plate(), event.direction(), event.confidence(), event.eventId());
        String raw = event.plate().strip();
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
        if (event.eventId() != null) {
            Optional<Decision> earlier = earlier(deviceKeyId, event.eventId());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant now = clock.instant();
        BigDecimal confidence = BigDecimal.valueOf(event.confidence()).setScale(3, RoundingMode.DOWN);
        String plate = PlateNumber.normalise(raw);
        Gate gate = gates.get(gateId);

        PlateDenial denial = null;
        Optional<Vehicles.PlateStatus> vehicle = Optional.empty();
        Registrants.Summary person = null;
        if (!vehicleGates.isVehicleGate(gateId)) {
            denial = PlateDenial.NOT_VEHICLE_GATE;
        } else if (confidence.compareTo(minConfidence) < 0) {
            denial = PlateDenial.LOW_CONFIDENCE;
        } else {
            vehicle = vehicles.findByPlate(plate);
            // The registrant is read once, for the decision and for the record.
            person = vehicle.map(Vehicles.PlateStatus::registrantId)
                    .map(registrants::get)
                    .orElse(null);
            denial = vehicle.isEmpty() ? PlateDenial.UNREGISTERED : check(vehicle.get(), person, gateId, now);
        }

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
        PlateDenial reason = denial;
        Optional<Vehicles.PlateStatus> found = vehicle;
        Registrants.Summary who = person;
        String key = snapshotKey;
        Long id = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO vehicle_access_record (plate, direction, confidence, vehicle_id, vehicle_type,
                        registrant_id, name, number, identity, department_id, managed_department_id, campus_id, gate_id,
                        device_key_id, event_id, allowed, reason, snapshot_key, event_at, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (device_key_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
                    RETURNING id""")) {
                ps.setString(1, plate);
                ps.setString(2, event.direction().name());
                ps.setBigDecimal(3, confidence);
                ps.setObject(4, found.map(Vehicles.PlateStatus::vehicleId).orElse(null));
                ps.setString(5, found.map(v -> v.type().name()).orElse(null));
                ps.setObject(6, who == null ? null : who.id());
                ps.setString(7, who == null ? null : who.name());
                ps.setString(8, who == null ? null : who.number());
                ps.setString(9, who == null ? null : who.identity().name());
                ps.setObject(10, who == null ? null : who.departmentId());
                ps.setObject(11, who == null ? null : who.managedDepartmentId());
                ps.setLong(12, gate.getCampusId());
                ps.setLong(13, gateId);
                ps.setString(14, deviceKeyId);
                ps.setString(15, event.eventId());
                ps.setBoolean(16, reason == null);
                ps.setString(17, reason == null ? null : reason.name());
                ps.setString(18, key);
                ps.setTimestamp(19, Timestamp.from(event.time() == null ? now : event.time()));
                ps.setTimestamp(20, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
        if (id == null) {
            // The same event raced in on another connection and won: its decision stands, this snapshot goes.
            if (key != null) {
                storage.delete(school, key);
            }
            return earlier(deviceKeyId, event.eventId()).orElseThrow();
        }
        return new Decision(
                id,
                reason == null,
                reason,
                reason == null ? "允许通行" : reason.label(),
                plate,
                found.map(Vehicles.PlateStatus::type).orElse(null),
                gateId,
                event.direction(),
                false);
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

    private PlateDenial check(Vehicles.PlateStatus vehicle, Registrants.Summary person, long gateId, Instant now) {
        if (vehicle.status() == RegistrationStatus.PENDING) {
            return PlateDenial.PENDING;
        }
        if (vehicle.status() == RegistrationStatus.REJECTED) {
            return PlateDenial.REJECTED;
        }
        if (!vehicle.enabled()) {
            return PlateDenial.DISABLED;
        }
        if (!vehicle.validOn(LocalDate.ofInstant(now, SchoolTime.ZONE))) {
            return PlateDenial.EXPIRED;
        }
        if (person != null) {
            if (!person.enabled()) {
                return PlateDenial.DISABLED;
            }
            if (!rules.allows(vehicle.registrantId(), gateId)) {
                return PlateDenial.NO_GATE_ACCESS;
            }
        }
        return null;
    }

    private Optional<Decision> earlier(String deviceKeyId, String eventId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, allowed, reason, plate, vehicle_type, gate_id, direction
                    FROM vehicle_access_record WHERE device_key_id = ? AND event_id = ?""")) {
                ps.setString(1, deviceKeyId);
                ps.setString(2, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String reason = rs.getString(3);
                    PlateDenial denial = reason == null ? null : PlateDenial.valueOf(reason);
                    String type = rs.getString(5);
                    return Optional.of(new Decision(
                            rs.getLong(1),
                            rs.getBoolean(2),
                            denial,
                            denial == null ? "允许通行" : denial.label(),
                            rs.getString(4),
                            type == null ? null : VehicleType.valueOf(type),
                            rs.getLong(6),
                            Direction.valueOf(rs.getString(7)),
                            true));
                }
            }
        });
    }
}
