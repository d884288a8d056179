package cn.campuspass.access;

import static cn.campuspass.platform.security.PermissionMenu.ACCESS;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.GATE_GUARD;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** Access records (A6.1), access rules, pass verification at the gate, gate devices. */
@Component
public class AccessPermissions implements ModulePermissions {

    public static final String RECORD_VIEW = "access:record:view";
    public static final String RULE_VIEW = "access:rule:view";
    public static final String RULE_MANAGE = "access:rule:manage";
    public static final String PASS_VERIFY = "access:pass:verify";
    public static final String DEVICE_MANAGE = "access:device:manage";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(
                        RECORD_VIEW, ACCESS, "通行记录查询", "View access records", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(
                        RULE_VIEW, ACCESS, "通行权限查询", "View access rules", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(RULE_MANAGE, ACCESS, "通行权限设置", "Change access rules", SECURITY_OFFICER),
                PermissionDefinition.of(
                        PASS_VERIFY, ACCESS, "门岗核验通行码", "Verify passes at the gate", SECURITY_OFFICER, GATE_GUARD),
                PermissionDefinition.of(DEVICE_MANAGE, ACCESS, "门岗设备管理", "Manage gate devices", SECURITY_OFFICER));
    }
}
