package cn.campuspass.violation;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.vehicle.PlateNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a ticket list: the caller's data scope first (a department administrator sees tickets of
 * registrants of the departments they run — the department the registrant had when ticketed; a scope of own records
 * sees the tickets its holder issued), then the filter.
 */
final class TicketQuery {

    /**
     * @param text ticket number, plate or the target's name or number (part of any)
     * @param from first school day of issue, inclusive
     * @param to last school day of issue, inclusive
     * @param issuedBy only the tickets this account issued (the staff portal's 本人所开的罚单)
     */
    record Filter(
            String text,
            Long itemId,
            TicketStatus status,
            TicketTarget target,
            Long registrantId,
            Long vehicleId,
            LocalDate from,
            LocalDate to,
            String issuedBy) {

        Filter(
                String text,
                Long itemId,
                TicketStatus status,
                TicketTarget target,
                Long registrantId,
                Long vehicleId,
                LocalDate from,
                LocalDate to) {
            this(text, itemId, status, target, registrantId, vehicleId, from, to, null);
        }

        static Filter all() {
            return new Filter(null, null, null, null, null, null, null, null);
        }
    }

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    private TicketQuery() {}

    static TicketQuery of(Filter filter, DataScope scope) {
        TicketQuery q = new TicketQuery();
        if (scope instanceof DataScope.Departments departments) {
            Long[] ids = departments.departmentIds().toArray(Long[]::new);
            q.add("(t.department_id = ANY (?) OR t.managed_department_id = ANY (?))", ids, ids);
        } else if (scope instanceof DataScope.OwnRecords own) {
            q.add("t.issued_by = ?", own.account());
        }
        String text = filter.text() == null ? "" : filter.text().strip();
        if (!text.isEmpty()) {
            String like = "%" + escapeLike(text) + "%";
            String plate = "%" + escapeLike(PlateNumber.normalise(text)) + "%";
            q.add(
                    "(t.ticket_no ILIKE ? OR t.plate LIKE ? OR t.target_name LIKE ? OR t.target_number ILIKE ?)",
                    like,
                    plate,
                    like,
                    like);
        }
        if (filter.itemId() != null) {
            q.add("t.item_id = ?", filter.itemId());
        }
        if (filter.status() != null) {
            q.add("t.status = ?", filter.status().name());
        }
        if (filter.target() != null) {
            q.add("t.target_kind = ?", filter.target().name());
        }
        if (filter.registrantId() != null) {
            q.add("t.registrant_id = ?", filter.registrantId());
        }
        if (filter.vehicleId() != null) {
            q.add("t.vehicle_id = ?", filter.vehicleId());
        }
        if (filter.issuedBy() != null) {
            q.add("t.issued_by = ?", filter.issuedBy());
        }
        if (filter.from() != null) {
            q.add(
                    "t.issued_at >= ?",
                    filter.from().atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        if (filter.to() != null) {
            q.add(
                    "t.issued_at < ?",
                    filter.to().plusDays(1).atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        return q;
    }

    TicketQuery and(String condition, Object... values) {
        add(condition, values);
        return this;
    }

    private void add(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(Connection c, PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Long[] ids) {
                ps.setArray(i++, c.createArrayOf("bigint", ids));
            } else {
                ps.setObject(i++, p);
            }
        }
        return i;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
