package cn.campuspass.tenant.user;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.tenant.TenantError;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The {@code staff_user} mirror and its role and department rows: the console's list (filtered and paged in one
 * query plus one per related table for the page), and the write-through of the users API. Callers hold the
 * transaction.
 */
@Component
public class StaffUserMirror {

    private final SchoolJdbc jdbc;

    StaffUserMirror(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Named(long id, String name) {}

    public record User(
            String id,
            String username,
            String name,
            String phone,
            Named position,
            List<Named> roles,
            List<Named> departments,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy,
            boolean weChatBound) {

        public List<Long> roleIds() {
            return roles.stream().map(Named::id).toList();
        }
    }

    /** {@code text} matches account, name or phone (substring); the other filters are exact; nulls do not filter. */
    public record Filter(String text, Long roleId, Long departmentId, Boolean enabled) {}

    public record Page(List<User> items, long total) {}

    private static final String COLUMNS = "SELECT u.id, u.username, u.name, u.phone, u.position_id, p.name,"
            + " u.enabled, u.created_at, u.updated_at, u.updated_by, u.wechat_bound"
            + " FROM staff_user u LEFT JOIN job_position p ON p.id = u.position_id";

    public Page list(Filter filter, int page, int size) {
        return jdbc.run(c -> {
            StringBuilder where = new StringBuilder(" WHERE true");
            List<Object> params = new ArrayList<>();
            if (filter.text() != null && !filter.text().isBlank()) {
                String like = "%"
                        + filter.text()
                                .strip()
                                .replace("\\", "\\\\")
                                .replace("%", "\\%")
                                .replace("_", "\\_") + "%";
                where.append(" AND (u.username ILIKE ? OR u.name ILIKE ? OR u.phone LIKE ?)");
                params.add(like);
                params.add(like);
                params.add(like);
            }
            if (filter.roleId() != null) {
                where.append(" AND EXISTS (SELECT 1 FROM staff_user_role r WHERE r.user_id = u.id AND r.role_id = ?)");
                params.add(filter.roleId());
            }
            if (filter.departmentId() != null) {
                where.append(" AND EXISTS (SELECT 1 FROM staff_user_department d"
                        + " WHERE d.user_id = u.id AND d.department_id = ?)");
                params.add(filter.departmentId());
            }
            if (filter.enabled() != null) {
                where.append(" AND u.enabled = ?");
                params.add(filter.enabled());
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM staff_user u" + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<User> users;
            try (PreparedStatement ps =
                    c.prepareStatement(COLUMNS + where + " ORDER BY u.created_at DESC, u.id LIMIT ? OFFSET ?")) {
                List<Object> all = new ArrayList<>(params);
                all.add(size);
                all.add((long) page * size);
                bind(ps, all);
                users = read(c, ps);
            }
            return new Page(users, total);
        });
    }

    public User get(String id) {
        return find(id).orElseThrow(() -> new ApiException(TenantError.USER_NOT_FOUND));
    }

    public java.util.Optional<User> find(String id) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE u.id = ?")) {
                ps.setString(1, id);
                return read(c, ps).stream().findFirst();
            }
        });
    }

    public boolean usernameTaken(String username) {
        return exists("SELECT 1 FROM staff_user WHERE username = ?", username, null);
    }

    public boolean phoneTaken(String phone, String exceptId) {
        return exists("SELECT 1 FROM staff_user WHERE phone = ?", phone, exceptId);
    }

    public void checkPosition(Long positionId) {
        if (positionId != null && !exists("SELECT 1 FROM job_position WHERE id = ?", positionId, null)) {
            throw new ApiException(TenantError.POSITION_UNKNOWN, positionId);
        }
    }

    public Set<Long> checkDepartments(Collection<Long> departmentIds) {
        Set<Long> ids = new LinkedHashSet<>();
        if (departmentIds != null) {
            for (Long id : departmentIds) {
                if (id == null || !exists("SELECT 1 FROM department WHERE id = ?", id, null)) {
                    throw new ApiException(TenantError.DEPARTMENT_UNKNOWN, String.valueOf(id));
                }
                ids.add(id);
            }
        }
        return ids;
    }

    public void insert(String id, String username, String name, String phone, Long positionId, String actor) {
        update(
                "INSERT INTO staff_user (id, username, name, phone, position_id, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                username,
                name,
                phone,
                positionId,
                actor);
    }

    public void update(String id, String name, String phone, Long positionId, String actor) {
        update(
                "UPDATE staff_user SET name = ?, phone = ?, position_id = ?, updated_at = now(), updated_by = ?"
                        + " WHERE id = ?",
                name,
                phone,
                positionId,
                actor,
                id);
    }

    public void updateContact(String id, String name, String phone, String actor) {
        update(
                "UPDATE staff_user SET name = ?, phone = ?, updated_at = now(), updated_by = ? WHERE id = ?",
                name,
                phone,
                actor,
                id);
    }

    public void setEnabled(String id, boolean enabled, String actor) {
        update(
                "UPDATE staff_user SET enabled = ?, updated_at = now(), updated_by = ? WHERE id = ?",
                enabled,
                actor,
                id);
    }

    /** Records whether the user bound WeChat in the staff portal (S1). */
    public void setWeChatBound(String id, boolean bound, String actor) {
        update(
                "UPDATE staff_user SET wechat_bound = ?, updated_at = now(), updated_by = ? WHERE id = ?",
                bound,
                actor,
                id);
    }

    public void touch(String id, String actor) {
        update("UPDATE staff_user SET updated_at = now(), updated_by = ? WHERE id = ?", actor, id);
    }

    public void delete(String id) {
        update("DELETE FROM staff_user WHERE id = ?", id);
    }

    public void setRoles(String id, Collection<Long> roleIds) {
        update("DELETE FROM staff_user_role WHERE user_id = ?", id);
        for (Long roleId : roleIds) {
            update("INSERT INTO staff_user_role (user_id, role_id) VALUES (?, ?)", id, roleId);
        }
    }

    public void setDepartments(String id, Collection<Long> departmentIds) {
        update("DELETE FROM staff_user_department WHERE user_id = ?", id);
        for (Long departmentId : departmentIds) {
            update("INSERT INTO staff_user_department (user_id, department_id) VALUES (?, ?)", id, departmentId);
        }
    }

    private boolean exists(String sql, Object value, String exceptId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql + (exceptId == null ? "" : " AND id <> ?"))) {
                ps.setObject(1, value);
                if (exceptId != null) {
                    ps.setString(2, exceptId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private void update(String sql, Object... params) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, java.util.Arrays.asList(params));
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** The page's rows, then their roles and departments in one query each. */
    private static List<User> read(Connection c, PreparedStatement ps) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long positionId = rs.getLong(5);
                Named position = rs.wasNull() ? null : new Named(positionId, rs.getString(6));
                rows.put(rs.getString(1), new Object[] {
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    position,
                    rs.getBoolean(7),
                    instant(rs.getTimestamp(8)),
                    instant(rs.getTimestamp(9)),
                    rs.getString(10),
                    rs.getBoolean(11)
                });
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Array ids = c.createArrayOf("varchar", rows.keySet().toArray());
        Map<String, List<Named>> roles = related(
                c,
                "SELECT ur.user_id, r.id, r.name FROM staff_user_role ur JOIN staff_role r ON r.id = ur.role_id"
                        + " WHERE ur.user_id = ANY (?) ORDER BY r.id",
                ids);
        Map<String, List<Named>> departments = related(
                c,
                "SELECT ud.user_id, d.id, d.name FROM staff_user_department ud"
                        + " JOIN department d ON d.id = ud.department_id WHERE ud.user_id = ANY (?) ORDER BY d.id",
                ids);
        List<User> users = new ArrayList<>(rows.size());
        rows.forEach((id, r) -> users.add(new User(
                id,
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (Named) r[3],
                roles.getOrDefault(id, List.of()),
                departments.getOrDefault(id, List.of()),
                (Boolean) r[4],
                (Instant) r[5],
                (Instant) r[6],
                (String) r[7],
                (Boolean) r[8])));
        return users;
    }

    private static Map<String, List<Named>> related(Connection c, String sql, Array ids) throws SQLException {
        Map<String, List<Named>> result = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Named(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return result;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
