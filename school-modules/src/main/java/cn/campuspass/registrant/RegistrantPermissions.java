package cn.campuspass.registrant;

import static cn.campuspass.platform.security.PermissionMenu.REGISTRANT;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** Registrants (A4.1, A4.2): identity types, the list, changes, imports, the audited full personal data, visitor authorization. */
@Component
public class RegistrantPermissions implements ModulePermissions {

    public static final String VIEW = "registrant:registrant:view";
    public static final String MANAGE = "registrant:registrant:manage";
    public static final String IMPORT = "registrant:registrant:import";
    /** The whole phone number and ID tail of one registrant, each view written to the personal-data log. */
    public static final String PERSONAL_DATA_VIEW = "registrant:personal-data:view";

    public static final String VISITOR_AUTHORIZATION = "registrant:visitor-authorization:manage";

    /** Identity types (A4.1): reading them (the registrant form's choices) and changing them. */
    public static final String IDENTITY_TYPE_VIEW = "registrant:identity-type:view";

    public static final String IDENTITY_TYPE_MANAGE = "registrant:identity-type:manage";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(
                        VIEW, REGISTRANT, "人员查询", "View registrants", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(MANAGE, REGISTRANT, "人员新增/编辑/启停/删除", "Manage registrants", SECURITY_OFFICER),
                PermissionDefinition.of(IMPORT, REGISTRANT, "人员导入", "Import registrants", SECURITY_OFFICER),
                PermissionDefinition.of(
                        PERSONAL_DATA_VIEW,
                        REGISTRANT,
                        "查看完整手机号/身份证后六位",
                        "View full phone and ID tail",
                        SECURITY_OFFICER),
                PermissionDefinition.of(
                        VISITOR_AUTHORIZATION,
                        REGISTRANT,
                        "访客授权",
                        "Authorize teachers to receive visitors",
                        SECURITY_OFFICER),
                PermissionDefinition.of(
                        IDENTITY_TYPE_VIEW,
                        REGISTRANT,
                        "身份类型查询",
                        "View identity types",
                        SECURITY_OFFICER,
                        DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        IDENTITY_TYPE_MANAGE, REGISTRANT, "身份类型管理", "Manage identity types", SECURITY_OFFICER));
    }
}
