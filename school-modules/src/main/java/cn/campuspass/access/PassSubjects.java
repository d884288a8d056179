package cn.campuspass.access;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Loads a {@link PassSubject} in one indexed query: registrant, departments, gate, campus and the rule. */
@Component
class PassSubjects {

    private static final String QUERY = """
            SELECT r.id, r.name, r.identity, r.identity_type_id, r.number, r.phone_masked,
                   r.department_id, d.name, r.managed_department_id, r.enabled,
                   g.id, g.name, g.enabled, c.id, c.name, c.enabled,
                   EXISTS (SELECT 1 FROM registrant_gate_access a WHERE a.registrant_id = r.id AND a.gate_id = g.id)
            FROM registrant r
            JOIN gate g ON g.id = ?
            JOIN campus c ON c.id = g.campus_id
            LEFT JOIN department d ON d.id = r.department_id
            WHERE r.id = ?
            """;

    private final SchoolJdbc jdbc;

    PassSubjects(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the registrant or the gate does not exist. Call inside a transaction. */
    Optional<PassSubject> find(long registrantId, long gateId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                ps.setLong(1, gateId);
                ps.setLong(2, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs, 0)) : Optional.empty();
                }
            }
        });
    }

    /** A gate as a visitor's pass sees it: no registrant, no rule (the booking is the visitor's permission). */
    record GateState(long id, String name, boolean enabled, long campusId, String campusName, boolean campusEnabled) {

        boolean open() {
            return enabled && campusEnabled;
        }

        IssuedPass.GateView view() {
            return new IssuedPass.GateView(id, name, campusName);
        }
    }

    /** Empty when the gate does not exist. Call inside a transaction. */
    Optional<GateState> gate(long gateId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT g.id, g.name, g.enabled, c.id, c.name, c.enabled
                    FROM gate g JOIN campus c ON c.id = g.campus_id
                    WHERE g.id = ?
                    """)) {
                ps.setLong(1, gateId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new GateState(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getBoolean(3),
                                    rs.getLong(4),
                                    rs.getString(5),
                                    rs.getBoolean(6)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The subject in the row's columns {@code offset + 1 ..} in {@link #QUERY}'s order. */
    static PassSubject map(ResultSet rs, int offset) throws SQLException {
        int o = offset;
        return new PassSubject(
                rs.getLong(o + 1),
                rs.getString(o + 2),
                Identity.valueOf(rs.getString(o + 3)),
                nullableLong(rs, o + 4),
                rs.getString(o + 5),
                rs.getString(o + 6),
                nullableLong(rs, o + 7),
                rs.getString(o + 8),
                nullableLong(rs, o + 9),
                rs.getBoolean(o + 10),
                rs.getLong(o + 11),
                rs.getString(o + 12),
                rs.getBoolean(o + 13),
                rs.getLong(o + 14),
                rs.getString(o + 15),
                rs.getBoolean(o + 16),
                rs.getBoolean(o + 17));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
