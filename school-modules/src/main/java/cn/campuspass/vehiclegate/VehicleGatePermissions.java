package cn.campuspass.vehiclegate;

import static cn.campuspass.platform.security.PermissionMenu.ACCESS;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** Vehicle access records and the choice of vehicle gates. */
@Component
public class VehicleGatePermissions implements ModulePermissions {

    public static final String RECORD_VIEW = "vehiclegate:record:view";
    public static final String GATE_VIEW = "vehiclegate:gate:view";
    public static final String GATE_MANAGE = "vehiclegate:gate:manage";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(
                        RECORD_VIEW,
                        ACCESS,
                        "车辆通行记录查询",
                        "View vehicle access records",
                        SECURITY_OFFICER,
                        DEPARTMENT_ADMIN),
                PermissionDefinition.of(GATE_VIEW, ACCESS, "车辆门岗查询", "View vehicle gates", SECURITY_OFFICER),
                PermissionDefinition.of(GATE_MANAGE, ACCESS, "车辆门岗设置", "Mark vehicle gates", SECURITY_OFFICER));
    }
}
