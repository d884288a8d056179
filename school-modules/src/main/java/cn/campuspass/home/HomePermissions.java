package cn.campuspass.home;

import static cn.campuspass.platform.security.PermissionMenu.HOME;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** The console's home page (A2) and the staff portal's workbench (S2). */
@Component
public class HomePermissions implements ModulePermissions {

    public static final String DASHBOARD_VIEW = "home:dashboard:view";
    public static final String WORKBENCH_VIEW = "home:workbench:view";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(
                        DASHBOARD_VIEW, HOME, "首页统计", "Home page figures", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        WORKBENCH_VIEW, HOME, "微信端工作台", "Staff portal workbench", SECURITY_OFFICER, DEPARTMENT_ADMIN));
    }
}
