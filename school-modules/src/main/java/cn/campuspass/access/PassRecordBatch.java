package cn.campuspass.access;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.tenancy.GroupCommit;
import cn.campuspass.platform.tenancy.SchoolConnections;
import cn.campuspass.platform.tenancy.SqlArrays;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The registrant side of pass verification as a group commit ({@link GroupCommit}): the decisions of concurrent
 * verifications of one school are taken together — one query reads every person, gate, campus, rule and face of the
 * batch, one pipelined batch of inserts writes their access records, one commit — and each request is answered only
 * after that commit. Plain JDBC, no ORM session, no Spring transaction on the request thread.
 */
@Component
class PassRecordBatch implements DisposableBean {

    /** One verification: a redeemed registrant's pass ({@code registrantId} set) or a code that matched nothing. */
    record Item(
            Long registrantId,
            Long gateId,
            long claimGateId,
            Instant issuedAt,
            boolean gateChosen,
            VerificationMethod method,
            String verifiedBy,
            Instant at) {

        static Item unknown(Long gateId, VerificationMethod method, String verifiedBy, Instant at) {
            return new Item(null, gateId, 0, null, false, method, verifiedBy, at);
        }
    }

    enum Kind {
        /** The person was found at the gate; {@code reason} is null when they may pass. */
        DECIDED,
        /** No pass or no person behind it: a denied PASS_UNKNOWN record without a person. */
        UNKNOWN,
        /** A guard chose a gate that does not exist: nothing recorded. */
        GATE_NOT_FOUND
    }

    record Outcome(Kind kind, PassSubject subject, String faceKey, AccessDenial reason, long recordId, Instant at) {}

    private static final String SUBJECTS = """
            SELECT q.n, r.id, r.name, r.identity, r.identity_type_id, r.number, r.phone_masked,
                   r.department_id, d.name, r.managed_department_id, r.enabled,
                   g.id, g.name, g.enabled, c.id, c.name, c.enabled,
                   EXISTS (SELECT 1 FROM registrant_gate_access a WHERE a.registrant_id = r.id AND a.gate_id = g.id),
                   f.object_key
            FROM unnest(?::bigint[], ?::bigint[]) WITH ORDINALITY AS q(registrant_id, gate_id, n)
            JOIN registrant r ON r.id = q.registrant_id
            JOIN gate g ON g.id = q.gate_id
            JOIN campus c ON c.id = g.campus_id
            LEFT JOIN department d ON d.id = r.department_id
            LEFT JOIN registrant_face f ON f.registrant_id = r.id
            """;

    /**
     * The batch's decided records in one statement: one executor start and one partition routing for all of them
     * (a prepared single-row insert per record cost PostgreSQL about 2.5 times the CPU per row). Ids are drawn in the
     * materialised {@code q}, so each comes back with its item's ordinal.
     */
    private static final String RECORDS = """
            WITH q AS MATERIALIZED (
                SELECT n, nextval('access_record_id_seq') AS id, registrant_id, name, phone_masked, identity,
                       identity_type_id, number, department_id, managed_department_id, campus_id, gate_id, method,
                       allowed, reason, verified_by, passed_at::timestamptz AS passed_at
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[],
                            ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::boolean[], ?::text[], ?::text[],
                            ?::text[])
                     WITH ORDINALITY AS u(registrant_id, name, phone_masked, identity, identity_type_id, number,
                                          department_id, managed_department_id, campus_id, gate_id, method, allowed,
                                          reason, verified_by, passed_at, n)
            ), recorded AS (
                INSERT INTO access_record (id, registrant_id, name, phone_masked, identity, identity_type_id, number,
                    department_id, managed_department_id, campus_id, gate_id, method, allowed, reason, verified_by,
                    passed_at)
                SELECT id, registrant_id, name, phone_masked, identity, identity_type_id, number, department_id,
                       managed_department_id, campus_id, gate_id, method, allowed, reason, verified_by, passed_at
                FROM q
            )
            SELECT n, id FROM q
            """;

    private static final String RECORD_UNKNOWN = """
            INSERT INTO access_record (campus_id, gate_id, method, allowed, reason, verified_by, passed_at)
            SELECT g.campus_id, g.id, ?, false, ?, ?, ?
            FROM (SELECT 1) one LEFT JOIN gate g ON g.id = ?
            """;

    private static final String[] KEYS = {"id", "passed_at"};

    private final Clock clock;
    private final Duration validity;
    private final GroupCommit<Item, Outcome> commits;

    PassRecordBatch(
            SchoolConnections connections,
            MeterRegistry meters,
            Clock clock,
            @Value("${campuspass.pass.rotation:PT30S}") Duration rotation,
            @Value("${campuspass.pass.grace:PT5S}") Duration grace,
            @Value("${campuspass.pass.group-commit.max-batch:256}") int maxBatch,
            @Value("${campuspass.pass.group-commit.drainers-per-school:2}") int drainers,
            @Value("${campuspass.pass.group-commit.threads:4}") int threads) {
        this.clock = clock;
        this.validity = rotation.plus(grace);
        this.commits = GroupCommit.onOwnThreads(
                        "pass records", "pass-records", threads, connections, this::run, maxBatch, drainers)
                .measuredBy(meters);
    }

    /** Decides and records the item with the school's concurrent verifications; returns after the commit. */
    Outcome decide(SchoolCode school, Item item) {
        return commits.submitAndWait(school, item);
    }

    @Override
    public void destroy() {
        commits.close();
    }

    private List<Outcome> run(Connection c, List<Item> items) throws SQLException {
        PassSubject[] subjects = new PassSubject[items.size()];
        String[] faces = new String[items.size()];
        readSubjects(c, items, subjects, faces);

        Kind[] kinds = new Kind[items.size()];
        AccessDenial[] reasons = new AccessDenial[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.registrantId() == null) {
                kinds[i] = Kind.UNKNOWN;
            } else if (subjects[i] == null) {
                // A guard's chosen gate that does not exist, or the registrant deleted after the pass was issued.
                kinds[i] = item.gateChosen() && exists(c, item.registrantId(), item.claimGateId())
                        ? Kind.GATE_NOT_FOUND
                        : Kind.UNKNOWN;
            } else {
                kinds[i] = Kind.DECIDED;
                reasons[i] = item.issuedAt() != null
                                && item.at().isAfter(item.issuedAt().plus(validity))
                        ? AccessDenial.PASS_EXPIRED
                        : item.claimGateId() != item.gateId() ? AccessDenial.PASS_WRONG_GATE : subjects[i].denial();
            }
        }

        long[] ids = new long[items.size()];
        Instant[] times = new Instant[items.size()];
        insertDecided(c, items, kinds, subjects, reasons, ids, times);
        insertUnknown(c, items, kinds, ids, times);

        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            outcomes.add(
                    switch (kinds[i]) {
                        case DECIDED -> new Outcome(Kind.DECIDED, subjects[i], faces[i], reasons[i], ids[i], times[i]);
                        case UNKNOWN ->
                            new Outcome(Kind.UNKNOWN, null, null, AccessDenial.PASS_UNKNOWN, ids[i], times[i]);
                        case GATE_NOT_FOUND -> new Outcome(Kind.GATE_NOT_FOUND, null, null, null, 0, null);
                    });
        }
        return outcomes;
    }

    private static void readSubjects(Connection c, List<Item> items, PassSubject[] subjects, String[] faces)
            throws SQLException {
        Long[] registrants = new Long[items.size()];
        Long[] gates = new Long[items.size()];
        int asked = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.registrantId() != null) {
                registrants[i] = item.registrantId();
                gates[i] = item.gateId();
                asked++;
            }
        }
        if (asked == 0) {
            return;
        }
        // Unknown codes stay in the arrays as nulls (they join nothing), so ordinality n is the item's index + 1.
        try (PreparedStatement ps = c.prepareStatement(SUBJECTS);
                SqlArrays ignored =
                        SqlArrays.bind(c, ps, new String[] {"bigint", "bigint"}, new Object[][] {registrants, gates});
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int index = (int) rs.getLong(1) - 1;
                subjects[index] = PassSubjects.map(rs, 1);
                faces[index] = rs.getString(19);
            }
        }
    }

    /** Whether the registrant exists at the gate the pass was issued for (then the chosen gate is what is missing). */
    private static boolean exists(Connection c, long registrantId, long gateId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM registrant r JOIN gate g ON g.id = ? JOIN campus ca ON ca.id = g.campus_id"
                        + " WHERE r.id = ?")) {
            ps.setLong(1, gateId);
            ps.setLong(2, registrantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insertDecided(
            Connection c,
            List<Item> items,
            Kind[] kinds,
            PassSubject[] subjects,
            AccessDenial[] reasons,
            long[] ids,
            Instant[] times)
            throws SQLException {
        int[] rows = indexesOf(kinds, Kind.DECIDED);
        if (rows.length == 0) {
            return;
        }
        int k = rows.length;
        Long[] registrant = new Long[k];
        String[] name = new String[k];
        String[] phone = new String[k];
        String[] identity = new String[k];
        Long[] identityType = new Long[k];
        String[] number = new String[k];
        Long[] department = new Long[k];
        Long[] managedDepartment = new Long[k];
        Long[] campus = new Long[k];
        Long[] gate = new Long[k];
        String[] method = new String[k];
        Boolean[] allowed = new Boolean[k];
        String[] reason = new String[k];
        String[] verifiedBy = new String[k];
        String[] passedAt = new String[k];
        for (int j = 0; j < k; j++) {
            int i = rows[j];
            PassSubject s = subjects[i];
            Item item = items.get(i);
            registrant[j] = s.registrantId();
            name[j] = s.name();
            phone[j] = s.phoneMasked();
            identity[j] = s.identity().name();
            identityType[j] = s.identityTypeId();
            number[j] = s.number();
            department[j] = s.departmentId();
            managedDepartment[j] = s.managedDepartmentId();
            campus[j] = s.campusId();
            gate[j] = s.gateId();
            method[j] = item.method().name();
            allowed[j] = reasons[i] == null;
            reason[j] = reasons[i] == null ? null : reasons[i].name();
            verifiedBy[j] = item.verifiedBy();
            // PostgreSQL keeps microseconds: the time answered is the time stored.
            times[i] = item.at().truncatedTo(ChronoUnit.MICROS);
            passedAt[j] = times[i].toString();
        }
        Object[][] columns = {
            registrant,
            name,
            phone,
            identity,
            identityType,
            number,
            department,
            managedDepartment,
            campus,
            gate,
            method,
            allowed,
            reason,
            verifiedBy,
            passedAt
        };
        String[] types = {
            "bigint", "text", "text", "text", "bigint", "text", "bigint", "bigint", "bigint", "bigint", "text",
            "boolean", "text", "text", "text"
        };
        try (PreparedStatement ps = c.prepareStatement(RECORDS);
                SqlArrays ignored = SqlArrays.bind(c, ps, types, columns);
                ResultSet rs = ps.executeQuery()) {
            int read = 0;
            while (rs.next()) {
                ids[rows[(int) rs.getLong(1) - 1]] = rs.getLong(2);
                read++;
            }
            if (read != k) {
                throw new SQLException("Access records: " + read + " ids for " + k + " records");
            }
        }
    }

    private void insertUnknown(Connection c, List<Item> items, Kind[] kinds, long[] ids, Instant[] times)
            throws SQLException {
        int[] rows = indexesOf(kinds, Kind.UNKNOWN);
        if (rows.length == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(RECORD_UNKNOWN, KEYS)) {
            for (int i : rows) {
                Item item = items.get(i);
                ps.setString(1, item.method().name());
                ps.setString(2, AccessDenial.PASS_UNKNOWN.name());
                ps.setString(3, item.verifiedBy());
                ps.setObject(4, OffsetDateTime.ofInstant(item.at(), clock.getZone()));
                ps.setObject(5, item.gateId(), Types.BIGINT);
                ps.addBatch();
            }
            executeAndCollect(ps, rows, ids, times);
        }
    }

    /** Runs the batch (one round trip) and reads each row's id and time, in the batch's order. */
    private static void executeAndCollect(PreparedStatement ps, int[] rows, long[] ids, Instant[] times)
            throws SQLException {
        ps.executeBatch();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            for (int i : rows) {
                if (!keys.next()) {
                    throw new SQLException("Fewer generated keys than access records");
                }
                ids[i] = keys.getLong(1);
                times[i] = keys.getTimestamp(2).toInstant();
            }
        }
    }

    private static int[] indexesOf(Kind[] kinds, Kind kind) {
        int[] rows = new int[kinds.length];
        int n = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == kind) {
                rows[n++] = i;
            }
        }
        return Arrays.copyOf(rows, n);
    }
}
