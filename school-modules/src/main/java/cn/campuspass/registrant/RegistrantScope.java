package cn.campuspass.registrant;

import cn.campuspass.platform.security.DataScope;
import java.util.List;

/**
 * Which registrants a staff member's {@link DataScope} admits, as an SQL condition over a {@code registrant} row
 * alias, for modules whose own records belong to registrants (vehicles) and must be scoped exactly like the
 * registrant list: a department administrator sees those whose department, or managing department, they run; a scope
 * of own records sees none (registrants are nobody's own records); the whole school sees all.
 *
 * @param sql the condition, e.g. {@code (r.department_id = ANY (?) OR r.managed_department_id = ANY (?))}
 * @param params its parameters in order; department id sets are {@code Long[]} (bind as {@code bigint[]})
 */
public record RegistrantScope(String sql, List<Object> params) {

    public RegistrantScope {
        params = List.copyOf(params);
    }

    public static RegistrantScope of(DataScope scope, String alias) {
        if (scope instanceof DataScope.Departments departments) {
            Long[] ids = departments.departmentIds().toArray(Long[]::new);
            return new RegistrantScope(
                    "(" + alias + ".department_id = ANY (?) OR " + alias + ".managed_department_id = ANY (?))",
                    List.of(ids, ids));
        }
        if (scope instanceof DataScope.OwnRecords) {
            return new RegistrantScope("FALSE", List.of());
        }
        return new RegistrantScope("TRUE", List.of());
    }
}
