package cn.campuspass.vehicle;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.registrant.RegistrantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WHERE} clause of a vehicle list over {@code vehicle v LEFT JOIN registrant r}, with its parameters in
 * order. Deleted vehicles never match. A department administrator sees the vehicles of the registrants their
 * departments hold (the registrant list's own scope), so a vehicle unlinked from its registrant is seen by the
 * whole-school roles only.
 */
final class VehicleQuery {

    /**
     * Conditions of the vehicle, review and label lists; each is optional.
     *
     * @param text a substring of the plate (in normal form), the owner, the registrant's name or 学号/工号
     * @param submittedFrom school-local day of submission, inclusive; likewise {@code submittedTo}
     * @param labelPrinted whether the e-bike's label was printed at least once
     */
    record Filter(
            VehicleType type,
            RegistrationStatus status,
            Boolean enabled,
            String text,
            Identity identity,
            Long identityTypeId,
            Long departmentId,
            LocalDate submittedFrom,
            LocalDate submittedTo,
            Boolean labelPrinted) {

        static Filter all() {
            return new Filter(null, null, null, null, null, null, null, null, null, null);
        }

        Filter withStatus(RegistrationStatus s) {
            return new Filter(
                    type,
                    s,
                    enabled,
                    text,
                    identity,
                    identityTypeId,
                    departmentId,
                    submittedFrom,
                    submittedTo,
                    labelPrinted);
        }

        /** What the personal-data log records of an export's filter. */
        String describe() {
            return "type=" + type + ", status=" + status + ", enabled=" + enabled + ", text=" + text + ", identity="
                    + identity + ", identityTypeId=" + identityTypeId + ", departmentId=" + departmentId + ", from="
                    + submittedFrom + ", to=" + submittedTo;
        }
    }

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    private VehicleQuery() {}

    static VehicleQuery of(Filter filter, DataScope scope) {
        VehicleQuery q = new VehicleQuery();
        q.add("v.deleted_at IS NULL");
        RegistrantScope registrants = RegistrantScope.of(scope, "r");
        if (!registrants.sql().equals("TRUE")) {
            q.add(registrants.sql(), registrants.params().toArray());
        }
        if (filter.type() != null) {
            q.add("v.type = ?", filter.type().name());
        }
        if (filter.status() != null) {
            q.add("v.status = ?", filter.status().name());
        }
        if (filter.enabled() != null) {
            q.add("v.enabled = ?", filter.enabled());
        }
        String text = filter.text() == null ? "" : filter.text().strip();
        if (!text.isEmpty()) {
            String like = "%" + escapeLike(text) + "%";
            String plate = "%" + escapeLike(PlateNumber.normalise(text)) + "%";
            q.add(
                    "(v.plate LIKE ? OR v.owner_name LIKE ? OR r.name LIKE ? OR r.number ILIKE ?)",
                    plate,
                    like,
                    like,
                    like);
        }
        if (filter.identity() != null) {
            q.add("r.identity = ?", filter.identity().name());
        }
        if (filter.identityTypeId() != null) {
            q.add("r.identity_type_id = ?", filter.identityTypeId());
        }
        if (filter.departmentId() != null) {
            q.add("(r.department_id = ? OR r.managed_department_id = ?)", filter.departmentId(), filter.departmentId());
        }
        if (filter.submittedFrom() != null) {
            q.add(
                    "v.submitted_at >= ?",
                    filter.submittedFrom().atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        if (filter.submittedTo() != null) {
            q.add(
                    "v.submitted_at < ?",
                    filter.submittedTo()
                            .plusDays(1)
                            .atStartOfDay(SchoolTime.ZONE)
                            .toOffsetDateTime());
        }
        if (filter.labelPrinted() != null) {
            q.add(filter.labelPrinted() ? "v.label_print_count > 0" : "v.label_print_count = 0");
        }
        return q;
    }

    VehicleQuery and(String condition, Object... values) {
        add(condition, values);
        return this;
    }

    private void add(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
    }

    String where() {
        return " WHERE " + String.join(" AND ", conditions);
    }

    /** Sets the parameters from index 1; answers the next free index. */
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

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
