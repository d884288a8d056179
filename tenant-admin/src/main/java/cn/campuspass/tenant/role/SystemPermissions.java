package cn.campuspass.tenant.role;

import static cn.campuspass.platform.security.PermissionMenu.SYSTEM;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** 系统管理 (A3): school settings, login security, roles (A3.6), system users (A3.3). */
@Component
public class SystemPermissions implements ModulePermissions {

    public static final String SETTINGS_VIEW = "system:settings:view";
    public static final String SETTINGS_MANAGE = "system:settings:manage";
    public static final String LOGIN_SECURITY_MANAGE = "system:login-security:manage";
    public static final String ROLE_VIEW = "system:role:view";
    public static final String ROLE_MANAGE = "system:role:manage";
    public static final String USER_VIEW = "system:user:view";
    public static final String USER_MANAGE = "system:user:manage";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(SETTINGS_VIEW, SYSTEM, "学校设置查询", "View school settings", SECURITY_OFFICER),
                PermissionDefinition.of(SETTINGS_MANAGE, SYSTEM, "学校设置修改", "Change school settings"),
                PermissionDefinition.of(LOGIN_SECURITY_MANAGE, SYSTEM, "登录安全设置", "Login security"),
                PermissionDefinition.of(ROLE_VIEW, SYSTEM, "角色查询", "View roles", SECURITY_OFFICER),
                PermissionDefinition.of(ROLE_MANAGE, SYSTEM, "角色管理", "Manage roles"),
                PermissionDefinition.of(USER_VIEW, SYSTEM, "系统用户查询", "View system users", SECURITY_OFFICER),
                PermissionDefinition.of(USER_MANAGE, SYSTEM, "系统用户管理", "Manage system users"));
    }
}
