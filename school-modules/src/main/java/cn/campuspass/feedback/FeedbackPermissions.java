package cn.campuspass.feedback;

import static cn.campuspass.platform.security.PermissionMenu.SYSTEM;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** Registrant feedback (A3.4): reading it, replying to it, and the school's feedback types. */
@Component
public class FeedbackPermissions implements ModulePermissions {

    public static final String VIEW = "feedback:feedback:view";
    public static final String REPLY = "feedback:feedback:reply";
    public static final String TYPE_MANAGE = "feedback:type:manage";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(VIEW, SYSTEM, "建议反馈查询", "View feedback", SECURITY_OFFICER),
                PermissionDefinition.of(REPLY, SYSTEM, "建议反馈回复", "Reply to feedback", SECURITY_OFFICER),
                PermissionDefinition.of(TYPE_MANAGE, SYSTEM, "建议类型管理", "Manage feedback types", SECURITY_OFFICER));
    }
}
