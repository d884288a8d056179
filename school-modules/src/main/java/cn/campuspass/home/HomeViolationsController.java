package cn.campuspass.home;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.violation.Tickets;
import cn.campuspass.violation.ViolationHome;
import cn.campuspass.violation.ViolationPermissions;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The home page's violation part (A2): the 30-day ticket trend and recent tickets for those who may list tickets, and
 * the count of appeals waiting for review for those who may see appeals (null otherwise), all within the caller's
 * data scope; loaded apart from the counts.
 */
@RestController
class HomeViolationsController {

    static final int RECENT = 6;

    private final ViolationHome violations;

    HomeViolationsController(ViolationHome violations) {
        this.violations = violations;
    }

    record HomeViolations(List<ViolationHome.TrendDay> trend, List<Tickets.Ticket> recent, Long pendingAppeals) {}

    @GetMapping("/admin/api/home/violations")
    @RequiresPermission(HomePermissions.DASHBOARD_VIEW)
    HomeViolations violations(DataScope scope, StaffPrincipal principal) {
        boolean tickets = principal.has(ViolationPermissions.TICKET_LIST);
        return new HomeViolations(
                tickets ? violations.trend(scope) : List.of(),
                tickets ? violations.recent(scope, RECENT) : List.of(),
                principal.has(ViolationPermissions.APPEAL_LIST) ? violations.pendingAppeals(scope) : null);
    }
}
