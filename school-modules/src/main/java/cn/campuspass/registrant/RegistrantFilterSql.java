package cn.campuspass.registrant;

import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.security.DataScope;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code WHERE} clause of a {@link Registrants.Filter} over {@code registrant r}, with its parameters in order.
 * Text matches a substring of the name or 学号/工号; text that is a whole mobile number also matches the phone,
 * through its blind index (the phone itself is encrypted and cannot be searched).
 */
record RegistrantFilterSql(String where, List<Object> params) {

    static RegistrantFilterSql of(Registrants.Filter filter, DataScope scope, UnaryOperator<String> blindIndex) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        scope(scope, conditions, params);
        if (filter.identity() != null) {
            conditions.add("r.identity = ?");
            params.add(filter.identity().name());
        }
        if (filter.departmentId() != null) {
            conditions.add("(r.department_id = ? OR r.managed_department_id = ?)");
            params.add(filter.departmentId());
            params.add(filter.departmentId());
        }
        String text = filter.text() == null ? "" : filter.text().strip();
        if (!text.isEmpty()) {
            String like = "%" + escapeLike(text) + "%";
            Optional<PhoneNumber> phone = PhoneNumber.parse(text);
            if (phone.isPresent()) {
                conditions.add("(r.phone_index = ? OR r.name LIKE ? OR r.number ILIKE ?)");
                params.add(blindIndex.apply(phone.get().value()));
            } else {
                conditions.add("(r.name LIKE ? OR r.number ILIKE ?)");
            }
            params.add(like);
            params.add(like);
        }
        if (filter.enabled() != null) {
            conditions.add("r.enabled = ?");
            params.add(filter.enabled());
        }
        if (filter.registered() != null) {
            conditions.add(filter.registered() ? "r.wechat_openid IS NOT NULL" : "r.wechat_openid IS NULL");
        }
        return new RegistrantFilterSql(
                conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions), List.copyOf(params));
    }

    /**
     * Whose registrants the caller may see: a department administrator those whose department, or the department
     * that manages them, is one they run; a scope of own records none (registrants are nobody's own records).
     */
    static void scope(DataScope scope, List<String> conditions, List<Object> params) {
        RegistrantScope sql = RegistrantScope.of(scope, "r");
        if (!sql.sql().equals("TRUE")) {
            conditions.add(sql.sql());
            params.addAll(sql.params());
        }
    }

    /** Sets the parameters from index {@code first}; answers the next free index. */
    int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object param : params) {
            if (param instanceof Long[] ids) {
                ps.setArray(i++, ps.getConnection().createArrayOf("bigint", ids));
            } else {
                ps.setObject(i++, param);
            }
        }
        return i;
    }

    /** Makes {@code %}, {@code _} and the escape character itself match literally (PostgreSQL's default escape). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
