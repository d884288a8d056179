package cn.campuspass.visitor;

import static cn.campuspass.platform.security.PermissionMenu.VISITOR;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** The visitor's personal data in the console: the whole ID card number, each view written to the access log. */
@Component
public class VisitorPrivacyPermissions implements ModulePermissions {

    public static final String REVEAL_ID = "visitor:visitor:reveal-id";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(PermissionDefinition.of(
                REVEAL_ID, VISITOR, "查看访客完整身份证号", "View a visitor's full ID card number", SECURITY_OFFICER));
    }
}
