package cn.campuspass.access;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.registrant.Registrants;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Bulk access rules for everyone a registrant search matches (A4.2 f). */
@RestController
class AccessRuleBulkController {

    private final Registrants registrants;
    private final AccessRules rules;

    AccessRuleBulkController(Registrants registrants, AccessRules rules) {
        this.registrants = registrants;
        this.rules = rules;
    }

    /** The registrant list's filters; {@code all} must be set explicitly to change everyone. */
    record BulkFilter(
            Identity identity, Long departmentId, String q, Boolean enabled, Boolean registered, Boolean all) {

        boolean isEmpty() {
            return identity == null
                    && departmentId == null
                    && (q == null || q.isBlank())
                    && enabled == null
                    && registered == null;
        }
    }

    record BulkChange(BulkFilter filter, List<Long> gateIds, AccessRules.BulkMode mode) {}

    record BulkResult(int affected) {}

    @PostMapping("/admin/api/access-rules/bulk")
    @RequiresPermission(AccessPermissions.RULE_MANAGE)
    BulkResult change(@RequestBody BulkChange request, DataScope scope) {
        BulkFilter f = request.filter() == null ? new BulkFilter(null, null, null, null, null, null) : request.filter();
        if (f.isEmpty() && !Boolean.TRUE.equals(f.all())) {
            throw new ApiException(AccessError.BULK_FILTER_EMPTY);
        }
        long[] ids = registrants.idsMatching(
                new Registrants.Filter(f.identity(), f.departmentId(), f.q(), f.enabled(), f.registered()), scope);
        AccessRules.BulkMode mode = request.mode() == null ? AccessRules.BulkMode.GRANT : request.mode();
        return new BulkResult(rules.change(ids, request.gateIds() == null ? List.of() : request.gateIds(), mode));
    }
}
