package cn.campuspass.access;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.registrant.RegistrantError;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which gates each registrant may pass (A4.2 f, R4.4). A registrant passes exactly the gates listed for them;
 * imported people start with none. Set one registrant at a time or in bulk for everyone a search matches.
 */
@Service
public class AccessRules {

    /** How a bulk change treats the registrants' existing rules. */
    public enum BulkMode {
        /** The chosen gates become the registrants' only gates. */
        REPLACE,
        /** The chosen gates are added to what they may already pass. */
        GRANT,
        /** The chosen gates are taken away; others stay. */
        REVOKE
    }

    private final SchoolJdbc jdbc;

    AccessRules(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Every campus and gate of the school, each gate marked allowed or not for this registrant. */
    @Transactional(readOnly = true)
    public List<CampusAccess> rulesOf(long registrantId) {
        requireRegistrant(registrantId);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.id, c.name, c.enabled, g.id, g.name, g.enabled, a.gate_id IS NOT NULL
                    FROM campus c
                    LEFT JOIN gate g ON g.campus_id = c.id
                    LEFT JOIN registrant_gate_access a ON a.gate_id = g.id AND a.registrant_id = ?
                    ORDER BY c.sort_order, c.id, g.sort_order, g.id
                    """)) {
                ps.setLong(1, registrantId);
                Map<Long, CampusAccess> campuses = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CampusAccess campus = campuses.computeIfAbsent(rs.getLong(1), id -> campusOf(id, rs));
                        long gateId = rs.getLong(4);
                        if (!rs.wasNull()) {
                            campus.gates()
                                    .add(new CampusAccess.GateAccess(
                                            gateId, rs.getString(5), rs.getBoolean(6), rs.getBoolean(7)));
                        }
                    }
                }
                return List.copyOf(campuses.values());
            }
        });
    }

    /** Whether the registrant may pass the gate according to their rules (gate and person state aside). */
    @Transactional(readOnly = true)
    public boolean allows(long registrantId, long gateId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM registrant_gate_access WHERE registrant_id = ? AND gate_id = ?")) {
                ps.setLong(1, registrantId);
                ps.setLong(2, gateId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Makes {@code gateIds} the registrant's gates, exactly. */
    @Transactional
    public List<CampusAccess> replace(long registrantId, Collection<Long> gateIds) {
        requireRegistrant(registrantId);
        change(new long[] {registrantId}, gateIds, BulkMode.REPLACE);
        return rulesOf(registrantId);
    }

    /**
     * Applies one change to many registrants in a few set-based statements.
     *
     * @return how many registrants the change was applied to
     */
    @Transactional
    public int change(long[] registrantIds, Collection<Long> gateIds, BulkMode mode) {
        long[] gates = requireGates(gateIds);
        if (registrantIds.length == 0) {
            return 0;
        }
        return jdbc.run(c -> {
            Array people = c.createArrayOf("bigint", boxed(registrantIds));
            Array chosen = c.createArrayOf("bigint", boxed(gates));
            if (mode == BulkMode.REPLACE) {
                try (PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM registrant_gate_access
                        WHERE registrant_id = ANY (?) AND NOT (gate_id = ANY (?))
                        """)) {
                    ps.setArray(1, people);
                    ps.setArray(2, chosen);
                    ps.executeUpdate();
                }
            }
            if (mode == BulkMode.REVOKE) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM registrant_gate_access WHERE registrant_id = ANY (?) AND gate_id = ANY (?)")) {
                    ps.setArray(1, people);
                    ps.setArray(2, chosen);
                    ps.executeUpdate();
                }
            } else if (gates.length > 0) {
                // Only registrants that exist: ids from a search may have been deleted since.
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO registrant_gate_access (registrant_id, gate_id)
                        SELECT r.id, g.id
                        FROM registrant r CROSS JOIN unnest(?::bigint[]) AS g (id)
                        WHERE r.id = ANY (?)
                        ON CONFLICT DO NOTHING
                        """)) {
                    ps.setArray(1, chosen);
                    ps.setArray(2, people);
                    ps.executeUpdate();
                }
            }
            return registrantIds.length;
        });
    }

    private void requireRegistrant(long registrantId) {
        boolean exists = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM registrant WHERE id = ?")) {
                ps.setLong(1, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!exists) {
            throw new ApiException(RegistrantError.REGISTRANT_NOT_FOUND);
        }
    }

    /** The distinct gate ids, all of which must exist; else 400 naming the unknown ones. */
    private long[] requireGates(Collection<Long> gateIds) {
        long[] ids = gateIds == null
                ? new long[0]
                : gateIds.stream()
                        .filter(java.util.Objects::nonNull)
                        .mapToLong(Long::longValue)
                        .distinct()
                        .toArray();
        if (ids.length == 0) {
            return ids;
        }
        List<Long> known = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM gate WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", boxed(ids)));
                List<Long> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
                return found;
            }
        });
        if (known.size() != ids.length) {
            List<Long> unknown = java.util.Arrays.stream(ids)
                    .filter(id -> !known.contains(id))
                    .boxed()
                    .toList();
            throw new ApiException(AccessError.UNKNOWN_GATES, unknown.toString());
        }
        return ids;
    }

    private static CampusAccess campusOf(long id, ResultSet rs) {
        try {
            return new CampusAccess(id, rs.getString(2), rs.getBoolean(3), new ArrayList<>());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Long[] boxed(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
