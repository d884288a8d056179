package cn.campuspass.home;

import static cn.campuspass.platform.security.PermissionMenu.HOME;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** The console's home page (A2). */
@Component
public class HomePermissions implements ModulePermissions {

    public static final String DASHBOARD_VIEW = "home:dashboard:view";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(PermissionDefinition.of(
                DASHBOARD_VIEW, HOME, "首页统计", "Home page figures", SECURITY_OFFICER, DEPARTMENT_ADMIN));
    }
}
