package cn.campuspass.violation;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The school's ticket items (罚单项目管理, A5.1): name, points, description, status, created. A ticket copies its item's
 * name and points when issued, so editing an item never rewrites past tickets; an item that tickets use is disabled,
 * not deleted.
 */
@Service
public class TicketItems {

    private final SchoolJdbc jdbc;

    TicketItems(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Item(
            long id,
            String name,
            int points,
            String description,
            boolean enabled,
            long ticketCount,
            String updatedBy,
            Instant createdAt,
            Instant updatedAt) {}

    public record Draft(String name, int points, String description, Boolean enabled) {}

    private static final String COLUMNS = "SELECT i.id, i.name, i.points, i.description, i.enabled,"
            + " (SELECT count(*) FROM ticket t WHERE t.item_id = i.id), i.updated_by, i.created_at, i.updated_at"
            + " FROM ticket_item i";

    @Transactional(readOnly = true)
    public List<Item> list(String nameContains, Boolean enabled) {
        String needle = nameContains == null ? "" : nameContains.strip();
        return jdbc.run(c -> {
            StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE TRUE");
            List<Object> params = new ArrayList<>();
            if (!needle.isEmpty()) {
                sql.append(" AND i.name LIKE ? ESCAPE '\\'");
                params.add(
                        "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (enabled != null) {
                sql.append(" AND i.enabled = ?");
                params.add(enabled);
            }
            sql.append(" ORDER BY i.id");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                return read(ps);
            }
        });
    }

    @Transactional(readOnly = true)
    public Item get(long id) {
        return find(id).orElseThrow(() -> new ApiException(ViolationError.TICKET_ITEM_NOT_FOUND));
    }

    Optional<Item> find(long id) {
        return jdbc.run(c -> find(c, id));
    }

    private static Optional<Item> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE i.id = ?")) {
            ps.setLong(1, id);
            return read(ps).stream().findFirst();
        }
    }

    @Transactional
    public Item create(Draft draft, String actor) {
        String name = draft.name().strip();
        long id = jdbc.run(c -> {
            lockNames(c);
            requireNameFree(c, name, -1);
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO ticket_item (name, points, description, enabled, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, name);
                ps.setInt(2, draft.points());
                ps.setString(3, blankToNull(draft.description()));
                ps.setBoolean(4, draft.enabled() == null || draft.enabled());
                ps.setString(5, actor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return get(id);
    }

    @Transactional
    public Item update(long id, Draft draft, String actor) {
        Item current = get(id);
        String name = draft.name().strip();
        jdbc.run(c -> {
            lockNames(c);
            requireNameFree(c, name, id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket_item SET name = ?, points = ?,"
                    + " description = ?, enabled = ?, updated_by = ?, updated_at = now() WHERE id = ?")) {
                ps.setString(1, name);
                ps.setInt(2, draft.points());
                ps.setString(3, blankToNull(draft.description()));
                ps.setBoolean(4, draft.enabled() == null ? current.enabled() : draft.enabled());
                ps.setString(5, actor);
                ps.setLong(6, id);
                return ps.executeUpdate();
            }
        });
        return get(id);
    }

    @Transactional
    public Item setEnabled(long id, boolean enabled, String actor) {
        get(id);
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE ticket_item SET enabled = ?, updated_by = ?, updated_at = now() WHERE id = ?")) {
                ps.setBoolean(1, enabled);
                ps.setString(2, actor);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        Item item = get(id);
        if (item.ticketCount() > 0) {
            throw new ApiException(ViolationError.TICKET_ITEM_IN_USE);
        }
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM ticket_item WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    /** The item a new ticket uses, locked against a concurrent disable; refused when disabled or gone. */
    Item requireEnabled(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ticket_item WHERE id = ? FOR SHARE")) {
            ps.setLong(1, id);
            ps.executeQuery().close();
        }
        Item item = find(c, id).orElseThrow(() -> new ApiException(ViolationError.TICKET_ITEM_UNAVAILABLE));
        if (!item.enabled()) {
            throw new ApiException(ViolationError.TICKET_ITEM_UNAVAILABLE);
        }
        return item;
    }

    /** Item names are unique: writers of names take turns (items change rarely), so a race gets 409, not 500. */
    private static void lockNames(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('ticket_item.name'))")) {
            ps.executeQuery().close();
        }
    }

    private static void requireNameFree(Connection c, String name, long exceptId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT EXISTS (SELECT 1 FROM ticket_item WHERE name = ? AND id <> ?)")) {
            ps.setString(1, name);
            ps.setLong(2, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new ApiException(ViolationError.TICKET_ITEM_NAME_TAKEN, name);
                }
            }
        }
    }

    private static List<Item> read(PreparedStatement ps) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(new Item(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant()));
            }
        }
        return items;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
