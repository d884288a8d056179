package cn.campuspass.tenant.operator;

import static cn.campuspass.platform.security.PermissionMenu.PLATFORM;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** The operator console's permissions; every platform operator holds them all, no school role ever does. */
@Component
public class PlatformPermissions implements ModulePermissions {

    public static final String SCHOOL_VIEW = "platform:school:view";
    public static final String SCHOOL_MANAGE = "platform:school:manage";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(SCHOOL_VIEW, PLATFORM, "学校查询", "View schools"),
                PermissionDefinition.of(SCHOOL_MANAGE, PLATFORM, "学校开通与配置", "Onboard and configure schools"));
    }
}
