package cn.campuspass.visitor;

import static cn.campuspass.platform.security.PermissionMenu.VISITOR;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The console's visitor pages (A6.2 booking records, A6.3 department statistics, A6.4 leaderboard). Department
 * administrators see the bookings and figures of the host departments they run; the security office sees all.
 */
@Component
public class VisitorConsolePermissions implements ModulePermissions {

    public static final String BOOKING_LIST = "visitor:booking:list";
    public static final String BOOKING_VIEW = "visitor:booking:view";
    public static final String STATS_VIEW = "visitor:stats:view";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(
                        BOOKING_LIST, VISITOR, "访客预约记录查询", "List visitor bookings", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        BOOKING_VIEW,
                        VISITOR,
                        "访客预约详情",
                        "View visitor booking details",
                        SECURITY_OFFICER,
                        DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        STATS_VIEW,
                        VISITOR,
                        "访客统计与排行",
                        "Visitor statistics and leaderboard",
                        SECURITY_OFFICER,
                        DEPARTMENT_ADMIN));
    }
}
