package cn.campuspass.access;

import cn.campuspass.platform.security.RequiresPermission;
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

    AccessRuleController(AccessRules rules) {
        this.rules = rules;
    }

    record RulesView(List<CampusAccess> campuses) {}

    record ReplaceRules(List<Long> gateIds) {}

    @GetMapping("/admin/api/registrants/{id}/access-rules")
    @RequiresPermission(AccessPermissions.RULE_VIEW)
    RulesView get(@PathVariable long id) {
        return new RulesView(rules.rulesOf(id));
    }

    @PutMapping("/admin/api/registrants/{id}/access-rules")
    @RequiresPermission(AccessPermissions.RULE_MANAGE)
    RulesView replace(@PathVariable long id, @RequestBody ReplaceRules request) {
        return new RulesView(rules.replace(id, request.gateIds() == null ? List.of() : request.gateIds()));
    }
}
