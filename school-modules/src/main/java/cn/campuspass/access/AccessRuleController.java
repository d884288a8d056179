package cn.campuspass.access;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.registrant.Registrants;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A registrant's access rules, one registrant at a time (A4.2 f). */
@RestController
class AccessRuleController {

    private final AccessRules rules;
    private final Registrants registrants;

    AccessRuleController(AccessRules rules, Registrants registrants) {
        this.rules = rules;
        this.registrants = registrants;
    }

    record RulesView(List<CampusAccess> campuses) {}

    record ReplaceRules(List<Long> gateIds) {}

    @GetMapping("/admin/api/registrants/{id}/access-rules")
    @RequiresPermission(AccessPermissions.RULE_VIEW)
    RulesView get(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return new RulesView(rules.rulesOf(id));
    }

    @PutMapping("/admin/api/registrants/{id}/access-rules")
    @RequiresPermission(AccessPermissions.RULE_MANAGE)
    RulesView replace(@PathVariable long id, DataScope scope, @RequestBody ReplaceRules request) {
        registrants.requireInScope(id, scope);
        return new RulesView(rules.replace(id, request.gateIds() == null ? List.of() : request.gateIds()));
    }
}
