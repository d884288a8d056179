package cn.campuspass.home;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.visitor.VisitorStatistics;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The home page's visitor part (A2): recent visitors and the 30-day trend, loaded apart from the counts. */
@RestController
class HomeVisitorsController {

    static final int RECENT = 6;

    private final VisitorStatistics statistics;

    HomeVisitorsController(VisitorStatistics statistics) {
        this.statistics = statistics;
    }

    record HomeVisitors(List<VisitorStatistics.RecentVisit> recent, List<VisitorStatistics.TrendDay> trend) {}

    @GetMapping("/admin/api/home/visitors")
    @RequiresPermission(HomePermissions.DASHBOARD_VIEW)
    HomeVisitors visitors(DataScope scope) {
        return new HomeVisitors(statistics.recent(scope, RECENT), statistics.trend(scope));
    }
}
