package cn.campuspass.wechat.binding;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * SQL over the school's {@code registrant} table for the WeChat binding (R1): find by openid or by identity and
 * number, bind atomically, read the profile. Runs on the current transaction's Hibernate connection, which the
 * multi-tenant provider has pointed at the school's schema (a plain DataSource would land on {@code no_school}).
 * Callers must be inside a transaction.
 */
@Component
class WeChatBindings {

    /** A registrant as login and session checks see them. */
    record Person(long id, boolean enabled, String idTailIndex, String phoneIndex, String openid) {}

    private static final String PERSON =
            "SELECT id, enabled, id_tail_index, phone_index, wechat_openid FROM registrant ";

    private final SchoolJdbc jdbc;

    WeChatBindings(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Person> byOpenid(String openid) {
        return run(c -> one(c, PERSON + "WHERE wechat_openid = ?", openid));
    }

    Optional<Person> byNumber(Identity identity, String number) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(PERSON + "WHERE number = ? AND identity = ?")) {
                ps.setString(1, number);
                ps.setString(2, identity.name());
                return person(ps);
            }
        });
    }

    Optional<Person> byId(long id) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(PERSON + "WHERE id = ?")) {
                ps.setLong(1, id);
                return person(ps);
            }
        });
    }

    /** The registrant's phone as stored (encrypted), if any. */
    Optional<String> phoneEncrypted(long registrantId) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT phone_encrypted FROM registrant WHERE id = ?")) {
                ps.setLong(1, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Binds the openid to the registrant if they have none yet; false when someone bound them first. The openid's
     * own uniqueness is the table's constraint.
     */
    boolean bind(long registrantId, String openid) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE registrant SET wechat_openid = ?, updated_at = now() WHERE id = ? AND wechat_openid IS NULL")) {
                ps.setString(1, openid);
                ps.setLong(2, registrantId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    Optional<RegistrantProfile> profile(long registrantId) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.name, r.identity, r.number, d.name, m.name, r.phone_masked,
                           r.identity_type_id, t.name
                    FROM registrant r
                    LEFT JOIN department d ON d.id = r.department_id
                    LEFT JOIN department m ON m.id = r.managed_department_id
                    LEFT JOIN identity_type t ON t.id = r.identity_type_id
                    WHERE r.id = ?
                    """)) {
                ps.setLong(1, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RegistrantProfile(
                            rs.getLong(1),
                            rs.getString(2),
                            Identity.valueOf(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getObject(8, Long.class),
                            rs.getString(9),
                            false));
                }
            }
        });
    }

    private static Optional<Person> one(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            return person(ps);
        }
    }

    private static Optional<Person> person(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Person(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
    }

    private <T> T run(SchoolJdbc.Work<T> work) {
        return jdbc.run(work);
    }
}
