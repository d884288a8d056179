package cn.campuspass.violation;

import static cn.campuspass.platform.security.PermissionMenu.STATISTICS;
import static cn.campuspass.platform.security.PermissionMenu.VIOLATION;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ticket items (A5.1) and tickets (A5.2). The seeded gate guard gets none of them: a school that wants its guards to
 * issue tickets grants that to the role in the console (A3.6).
 */
@Component
public class ViolationPermissions implements ModulePermissions {

    public static final String ITEM_VIEW = "violation:item:view";
    public static final String ITEM_MANAGE = "violation:item:manage";
    public static final String TICKET_LIST = "violation:ticket:list";
    public static final String TICKET_VIEW = "violation:ticket:view";
    public static final String TICKET_ISSUE = "violation:ticket:issue";
    public static final String TICKET_REVOKE = "violation:ticket:revoke";
    public static final String TICKET_EXPORT = "violation:ticket:export";
    public static final String APPEAL_LIST = "violation:appeal:list";
    public static final String APPEAL_REVIEW = "violation:appeal:review";
    /** The violator and violating-vehicle leaderboards (A6.5, A6.6). */
    public static final String STATS_VIEW = "violation:stats:view";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(ITEM_VIEW, VIOLATION, "罚单项目查询", "View ticket items", SECURITY_OFFICER),
                PermissionDefinition.of(ITEM_MANAGE, VIOLATION, "罚单项目管理", "Manage ticket items", SECURITY_OFFICER),
                PermissionDefinition.of(
                        TICKET_LIST, VIOLATION, "罚单列表", "List tickets", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        TICKET_VIEW, VIOLATION, "罚单详情", "View tickets", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(TICKET_ISSUE, VIOLATION, "开具罚单", "Issue tickets", SECURITY_OFFICER),
                PermissionDefinition.of(TICKET_REVOKE, VIOLATION, "撤销罚单", "Revoke tickets", SECURITY_OFFICER),
                PermissionDefinition.of(TICKET_EXPORT, VIOLATION, "导出罚单", "Export tickets", SECURITY_OFFICER),
                PermissionDefinition.of(
                        APPEAL_LIST, VIOLATION, "申诉单查询", "View appeals", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(APPEAL_REVIEW, VIOLATION, "申诉单审核", "Review appeals", SECURITY_OFFICER),
                PermissionDefinition.of(
                        STATS_VIEW,
                        STATISTICS,
                        "违章排行榜",
                        "Violator and violating-vehicle leaderboards",
                        SECURITY_OFFICER,
                        DEPARTMENT_ADMIN));
    }
}
