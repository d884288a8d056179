package cn.campuspass.organization;

import static cn.campuspass.platform.security.PermissionMenu.ORGANIZATION;
import static cn.campuspass.platform.security.PermissionMenu.SYSTEM;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** Campuses, gates, gate posters, departments and positions (A3.1, A3.2); academic years and terms (A3.5). */
@Component
public class OrganizationPermissions implements ModulePermissions {

    public static final String CAMPUS_VIEW = "organization:campus:view";
    public static final String CAMPUS_MANAGE = "organization:campus:manage";
    public static final String GATE_VIEW = "organization:gate:view";
    public static final String GATE_MANAGE = "organization:gate:manage";
    public static final String GATE_POSTER = "organization:gate:poster";
    public static final String DEPARTMENT_VIEW = "organization:department:view";
    public static final String DEPARTMENT_MANAGE = "organization:department:manage";
    public static final String POSITION_VIEW = "organization:position:view";
    public static final String POSITION_MANAGE = "organization:position:manage";
    /** Academic years and their terms. */
    public static final String TERM_VIEW = "organization:term:view";

    public static final String TERM_MANAGE = "organization:term:manage";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(
                        CAMPUS_VIEW, ORGANIZATION, "校区查询", "View campuses", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(CAMPUS_MANAGE, ORGANIZATION, "校区管理", "Manage campuses", SECURITY_OFFICER),
                PermissionDefinition.of(
                        GATE_VIEW, ORGANIZATION, "校门查询", "View gates", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(GATE_MANAGE, ORGANIZATION, "校门管理", "Manage gates", SECURITY_OFFICER),
                PermissionDefinition.of(GATE_POSTER, ORGANIZATION, "校门海报下载", "Download gate posters", SECURITY_OFFICER),
                PermissionDefinition.of(
                        DEPARTMENT_VIEW, ORGANIZATION, "部门查询", "View departments", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        DEPARTMENT_MANAGE, ORGANIZATION, "部门管理", "Manage departments", SECURITY_OFFICER),
                PermissionDefinition.of(
                        POSITION_VIEW, ORGANIZATION, "职位查询", "View positions", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(POSITION_MANAGE, ORGANIZATION, "职位管理", "Manage positions", SECURITY_OFFICER),
                PermissionDefinition.of(
                        TERM_VIEW,
                        SYSTEM,
                        "学年学期查询",
                        "View academic years and terms",
                        SECURITY_OFFICER,
                        DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        TERM_MANAGE, SYSTEM, "学年学期管理", "Manage academic years and terms", SECURITY_OFFICER));
    }
}
