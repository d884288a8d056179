package cn.campuspass.vehiclegate;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.tenancy.GroupCommit;
import cn.campuspass.platform.tenancy.SchoolConnections;
import cn.campuspass.platform.tenancy.SqlArrays;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.vehicle.RegistrationStatus;
import cn.campuspass.vehicle.VehicleType;
import cn.campuspass.vehicle.Vehicles;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Plate events as a group commit ({@link GroupCommit}), like the registrant side of pass verification: the events of
 * one school that arrive together are decided together — <b>one</b> query reads, per event, the earlier decision of
 * the same device event, the gate and whether it is a vehicle gate, the vehicle by plate, its registrant and the
 * registrant's access to the gate; the decisions are taken in Java; <b>one</b> statement writes the vehicle access
 * records; one commit — and every request is answered only after it. Plain JDBC, no ORM session.
 *
 * <p>The batch runs with generic plans ({@link SchoolConnections}), so the read's per-event look-ups are written as
 * {@code LATERAL … LIMIT 1}: whatever the table statistics say, each is an index look-up per event, never a join
 * over the whole vehicle table (which a generic plan chose once the statistics lagged behind a bulk import).
 *
 * <p>A device event seen before (same device credential and {@code eventId}, in an earlier batch, earlier in the same
 * batch, or committed by a concurrent batch of the same school) gets the first decision back, marked repeated, and
 * writes nothing.
 */
@Component
class PlateRecordBatch implements DisposableBean {

    /** One plate event, checked for form and with its snapshot (if any) already stored under {@code snapshotKey}. */
    record Item(
            String plate,
            Direction direction,
            BigDecimal confidence,
            Instant eventAt,
            String eventId,
            String deviceKeyId,
            long gateId,
            String snapshotKey,
            Instant at) {}

    /** The decision, or null when the device's gate no longer exists (nothing recorded). */
    record Outcome(PlateEvents.Decision decision) {}

    private static final String READ = """
            SELECT q.n, g.campus_id, vg.gate_id IS NOT NULL,
                   e.id, e.allowed, e.reason, e.plate, e.vehicle_type, e.gate_id, e.direction,
                   v.id, v.type, v.status, v.enabled, v.long_term, v.valid_until, v.registrant_id,
                   r.id, r.name, r.number, r.identity, r.department_id, r.managed_department_id, r.enabled,
                   EXISTS (SELECT 1 FROM registrant_gate_access a
                           WHERE a.registrant_id = v.registrant_id AND a.gate_id = q.gate_id)
            FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[])
                 WITH ORDINALITY AS q(plate, gate_id, device_key_id, event_id, n)
            JOIN gate g ON g.id = q.gate_id
            LEFT JOIN vehicle_gate vg ON vg.gate_id = q.gate_id
            LEFT JOIN LATERAL (
                SELECT id, allowed, reason, plate, vehicle_type, gate_id, direction FROM vehicle_access_record
                WHERE device_key_id = q.device_key_id AND event_id = q.event_id LIMIT 1) e ON true
            LEFT JOIN LATERAL (
                SELECT id, type, status, enabled, long_term, valid_until, registrant_id FROM vehicle
                WHERE plate = q.plate AND deleted_at IS NULL LIMIT 1) v ON true
            LEFT JOIN registrant r ON r.id = v.registrant_id
            """;

    private static final String EARLIER = """
            SELECT id, allowed, reason, plate, vehicle_type, gate_id, direction
            FROM vehicle_access_record WHERE device_key_id = ? AND event_id = ?""";

    /**
     * The batch's records in one statement. Ids are drawn in the materialised {@code q}; a row the unique index turns
     * away (the device event is already recorded, by a concurrent batch) is missing from {@code recorded}.
     */
    private static final String RECORDS = """
            WITH q AS MATERIALIZED (
                SELECT n, nextval('vehicle_access_record_id_seq') AS id, plate, direction, confidence, vehicle_id,
                       vehicle_type, registrant_id, name, number, identity, department_id, managed_department_id,
                       campus_id, gate_id, device_key_id, event_id, allowed, reason, snapshot_key,
                       event_at::timestamptz AS event_at, recorded_at::timestamptz AS recorded_at
                FROM unnest(?::text[], ?::text[], ?::numeric[], ?::bigint[], ?::text[], ?::bigint[], ?::text[],
                            ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[],
                            ?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[])
                     WITH ORDINALITY AS u(plate, direction, confidence, vehicle_id, vehicle_type, registrant_id, name,
                                          number, identity, department_id, managed_department_id, campus_id, gate_id,
                                          device_key_id, event_id, allowed, reason, snapshot_key, event_at,
                                          recorded_at, n)
            ), recorded AS (
                INSERT INTO vehicle_access_record (id, plate, direction, confidence, vehicle_id, vehicle_type,
                    registrant_id, name, number, identity, department_id, managed_department_id, campus_id, gate_id,
                    device_key_id, event_id, allowed, reason, snapshot_key, event_at, recorded_at)
                SELECT id, plate, direction, confidence, vehicle_id, vehicle_type, registrant_id, name, number,
                       identity, department_id, managed_department_id, campus_id, gate_id, device_key_id, event_id,
                       allowed, reason, snapshot_key, event_at, recorded_at
                FROM q
                ON CONFLICT (device_key_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
                RETURNING id
            )
            SELECT q.n, q.id FROM q JOIN recorded ON recorded.id = q.id
            """;

    /** What the one read found for an event. */
    private record Found(
            long campusId,
            boolean vehicleGate,
            PlateEvents.Decision earlier,
            Vehicles.PlateStatus vehicle,
            Long registrantId,
            String name,
            String number,
            String identity,
            Long departmentId,
            Long managedDepartmentId,
            boolean personEnabled,
            boolean gateAccess) {}

    private final BigDecimal minConfidence;
    private final GroupCommit<Item, Outcome> commits;

    PlateRecordBatch(
            SchoolConnections connections,
            MeterRegistry meters,
            @Value("${campuspass.vehicle-gates.min-confidence:0.85}") BigDecimal minConfidence,
            @Value("${campuspass.vehicle-gates.group-commit.max-batch:256}") int maxBatch,
            @Value("${campuspass.vehicle-gates.group-commit.drainers-per-school:2}") int drainers,
            @Value("${campuspass.vehicle-gates.group-commit.threads:4}") int threads) {
        this.minConfidence = minConfidence;
        this.commits = GroupCommit.onOwnThreads(
                        "plate records", "plate-records", threads, connections, this::run, maxBatch, drainers)
                .measuredBy(meters);
    }

    /** Decides and records the event with the school's concurrent events; returns after the commit. */
    Outcome decide(SchoolCode school, Item item) {
        return commits.submitAndWait(school, item);
    }

    @Override
    public void destroy() {
        commits.close();
    }

    private List<Outcome> run(Connection c, List<Item> items) throws SQLException {
        int size = items.size();
        Found[] found = read(c, items);
        PlateEvents.Decision[] decisions = new PlateEvents.Decision[size];
        PlateDenial[] reasons = new PlateDenial[size];
        boolean[] insert = new boolean[size];
        // The first item of each device event in this batch; a later one repeats its decision.
        Map<String, Integer> firstOfEvent = new HashMap<>();
        int[] sameAs = new int[size];
        for (int i = 0; i < size; i++) {
            sameAs[i] = -1;
            Item item = items.get(i);
            Found f = found[i];
            if (f == null) {
                continue; // the gate is gone: nothing to decide or record
            }
            if (f.earlier() != null) {
                decisions[i] = f.earlier();
                continue;
            }
            if (item.eventId() != null) {
                Integer first = firstOfEvent.putIfAbsent(item.deviceKeyId() + '\n' + item.eventId(), i);
                if (first != null) {
                    sameAs[i] = first;
                    continue;
                }
            }
            reasons[i] = denial(item, f);
            insert[i] = true;
        }

        long[] ids = insert(c, items, found, reasons, insert);
        for (int i = 0; i < size; i++) {
            if (!insert[i]) {
                continue;
            }
            Item item = items.get(i);
            if (ids[i] == 0) {
                // A concurrent batch of this school recorded the same device event first: its decision stands.
                decisions[i] = earlier(c, item.deviceKeyId(), item.eventId());
                continue;
            }
            boolean vehicleRead =
                    reasons[i] != PlateDenial.NOT_VEHICLE_GATE && reasons[i] != PlateDenial.LOW_CONFIDENCE;
            decisions[i] = new PlateEvents.Decision(
                    ids[i],
                    reasons[i] == null,
                    reasons[i],
                    reasons[i] == null ? PlateEvents.ALLOWED_LABEL : reasons[i].label(),
                    item.plate(),
                    vehicleRead && found[i].vehicle() != null
                            ? found[i].vehicle().type()
                            : null,
                    item.gateId(),
                    item.direction(),
                    false);
        }

        List<Outcome> outcomes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            PlateEvents.Decision d = sameAs[i] >= 0 ? repeated(decisions[sameAs[i]]) : decisions[i];
            outcomes.add(new Outcome(d));
        }
        return outcomes;
    }

    /** The order a guard would ask in: vehicle gate, a sure read, registered, approved, enabled, valid, may pass. */
    private PlateDenial denial(Item item, Found f) {
        if (!f.vehicleGate()) {
            return PlateDenial.NOT_VEHICLE_GATE;
        }
        if (item.confidence().compareTo(minConfidence) < 0) {
            return PlateDenial.LOW_CONFIDENCE;
        }
        Vehicles.PlateStatus vehicle = f.vehicle();
        if (vehicle == null) {
            return PlateDenial.UNREGISTERED;
        }
        if (vehicle.status() == RegistrationStatus.PENDING) {
            return PlateDenial.PENDING;
        }
        if (vehicle.status() == RegistrationStatus.REJECTED) {
            return PlateDenial.REJECTED;
        }
        if (!vehicle.enabled()) {
            return PlateDenial.DISABLED;
        }
        if (!vehicle.validOn(LocalDate.ofInstant(item.at(), SchoolTime.ZONE))) {
            return PlateDenial.EXPIRED;
        }
        if (f.registrantId() != null) {
            if (!f.personEnabled()) {
                return PlateDenial.DISABLED;
            }
            if (!f.gateAccess()) {
                return PlateDenial.NO_GATE_ACCESS;
            }
        }
        return null;
    }

    private static Found[] read(Connection c, List<Item> items) throws SQLException {
        int size = items.size();
        String[] plates = new String[size];
        Long[] gates = new Long[size];
        String[] devices = new String[size];
        String[] events = new String[size];
        for (int i = 0; i < size; i++) {
            Item item = items.get(i);
            plates[i] = item.plate();
            gates[i] = item.gateId();
            devices[i] = item.deviceKeyId();
            events[i] = item.eventId();
        }
        Found[] found = new Found[size];
        try (PreparedStatement ps = c.prepareStatement(READ);
                SqlArrays ignored =
                        SqlArrays.bind(c, ps, new String[] {"text", "bigint", "text", "text"}, new Object[][] {
                            plates, gates, devices, events
                        });
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found[(int) rs.getLong(1) - 1] = found(rs);
            }
        }
        return found;
    }

    private static Found found(ResultSet rs) throws SQLException {
        PlateEvents.Decision earlier = null;
        long earlierId = rs.getLong(4);
        if (!rs.wasNull()) {
            earlier = decision(
                    earlierId,
                    rs.getBoolean(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getLong(9),
                    rs.getString(10));
        }
        Vehicles.PlateStatus vehicle = null;
        long vehicleId = rs.getLong(11);
        if (!rs.wasNull()) {
            Date until = rs.getDate(16);
            vehicle = new Vehicles.PlateStatus(
                    vehicleId,
                    VehicleType.valueOf(rs.getString(12)),
                    null,
                    RegistrationStatus.valueOf(rs.getString(13)),
                    rs.getBoolean(14),
                    rs.getBoolean(15),
                    until == null ? null : until.toLocalDate(),
                    rs.getObject(17, Long.class));
        }
        return new Found(
                rs.getLong(2),
                rs.getBoolean(3),
                earlier,
                vehicle,
                rs.getObject(18, Long.class),
                rs.getString(19),
                rs.getString(20),
                rs.getString(21),
                rs.getObject(22, Long.class),
                rs.getObject(23, Long.class),
                rs.getBoolean(24),
                rs.getBoolean(25));
    }

    /** One statement; the id of each inserted row, 0 where the device event was already recorded. */
    private static long[] insert(Connection c, List<Item> items, Found[] found, PlateDenial[] reasons, boolean[] insert)
            throws SQLException {
        long[] ids = new long[items.size()];
        int[] rows = new int[items.size()];
        int k = 0;
        for (int i = 0; i < items.size(); i++) {
            if (insert[i]) {
                rows[k++] = i;
            }
        }
        if (k == 0) {
            return ids;
        }
        String[] plate = new String[k];
        String[] direction = new String[k];
        BigDecimal[] confidence = new BigDecimal[k];
        Long[] vehicleId = new Long[k];
        String[] vehicleType = new String[k];
        Long[] registrant = new Long[k];
        String[] name = new String[k];
        String[] number = new String[k];
        String[] identity = new String[k];
        Long[] department = new Long[k];
        Long[] managedDepartment = new Long[k];
        Long[] campus = new Long[k];
        Long[] gate = new Long[k];
        String[] device = new String[k];
        String[] event = new String[k];
        Boolean[] allowed = new Boolean[k];
        String[] reason = new String[k];
        String[] snapshot = new String[k];
        String[] eventAt = new String[k];
        String[] recordedAt = new String[k];
        for (int j = 0; j < k; j++) {
            int i = rows[j];
            Item item = items.get(i);
            Found f = found[i];
            PlateDenial denial = reasons[i];
            // A vehicle (and its registrant) belongs to the record only once the plate was looked up.
            boolean vehicleRead = denial != PlateDenial.NOT_VEHICLE_GATE && denial != PlateDenial.LOW_CONFIDENCE;
            boolean person = vehicleRead && f.registrantId() != null;
            Vehicles.PlateStatus vehicle = vehicleRead ? f.vehicle() : null;
            plate[j] = item.plate();
            direction[j] = item.direction().name();
            confidence[j] = item.confidence();
            vehicleId[j] = vehicle == null ? null : vehicle.vehicleId();
            vehicleType[j] = vehicle == null ? null : vehicle.type().name();
            registrant[j] = person ? f.registrantId() : null;
            name[j] = person ? f.name() : null;
            number[j] = person ? f.number() : null;
            identity[j] = person ? f.identity() : null;
            department[j] = person ? f.departmentId() : null;
            managedDepartment[j] = person ? f.managedDepartmentId() : null;
            campus[j] = f.campusId();
            gate[j] = item.gateId();
            device[j] = item.deviceKeyId();
            event[j] = item.eventId();
            allowed[j] = denial == null;
            reason[j] = denial == null ? null : denial.name();
            snapshot[j] = item.snapshotKey();
            eventAt[j] = (item.eventAt() == null ? item.at() : item.eventAt()).toString();
            recordedAt[j] = item.at().toString();
        }
        Object[][] columns = {
            plate, direction, confidence, vehicleId, vehicleType, registrant, name, number, identity, department,
            managedDepartment, campus, gate, device, event, allowed, reason, snapshot, eventAt, recordedAt
        };
        String[] types = {
            "text", "text", "numeric", "bigint", "text", "bigint", "text", "text", "text", "bigint", "bigint", "bigint",
            "bigint", "text", "text", "boolean", "text", "text", "text", "text"
        };
        try (PreparedStatement ps = c.prepareStatement(RECORDS);
                SqlArrays ignored = SqlArrays.bind(c, ps, types, columns);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids[rows[(int) rs.getLong(1) - 1]] = rs.getLong(2);
            }
        }
        for (int j = 0; j < k; j++) {
            if (ids[rows[j]] == 0 && items.get(rows[j]).eventId() == null) {
                throw new SQLException("A vehicle access record without an event id was not written");
            }
        }
        return ids;
    }

    private static PlateEvents.Decision earlier(Connection c, String deviceKeyId, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EARLIER)) {
            ps.setString(1, deviceKeyId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The device event " + eventId + " was turned away but is not recorded");
                }
                return decision(
                        rs.getLong(1),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getString(7));
            }
        }
    }

    private static PlateEvents.Decision decision(
            long id, boolean allowed, String reason, String plate, String type, long gateId, String direction) {
        PlateDenial denial = reason == null ? null : PlateDenial.valueOf(reason);
        return new PlateEvents.Decision(
                id,
                allowed,
                denial,
                denial == null ? PlateEvents.ALLOWED_LABEL : denial.label(),
                plate,
                type == null ? null : VehicleType.valueOf(type),
                gateId,
                Direction.valueOf(direction),
                true);
    }

    private static PlateEvents.Decision repeated(PlateEvents.Decision first) {
        return first == null
                ? null
                : new PlateEvents.Decision(
                        first.recordId(),
                        first.allowed(),
                        first.reason(),
                        first.reasonLabel(),
                        first.plate(),
                        first.vehicleType(),
                        first.gateId(),
                        first.direction(),
                        true);
    }
}
