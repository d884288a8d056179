package cn.campuspass.face;

import static cn.campuspass.platform.security.PermissionMenu.REGISTRANT;
import static cn.campuspass.platform.security.SeededRole.DEPARTMENT_ADMIN;
import static cn.campuspass.platform.security.SeededRole.SECURITY_OFFICER;

import cn.campuspass.platform.security.ModulePermissions;
import cn.campuspass.platform.security.PermissionDefinition;
import java.util.List;
import org.springframework.stereotype.Component;

/** Face update records (A4.5): seeing them (faces are personal data, each view is logged) and exporting faces. */
@Component
public class FacePermissions implements ModulePermissions {

    public static final String LIST = "registrant:face:list";
    public static final String EXPORT = "registrant:face:export";
    public static final String UPLOAD = "registrant:face:upload";

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                PermissionDefinition.of(
                        LIST, REGISTRANT, "人脸更新记录查询", "View face update records", SECURITY_OFFICER, DEPARTMENT_ADMIN),
                PermissionDefinition.of(EXPORT, REGISTRANT, "人脸导出", "Export faces", SECURITY_OFFICER),
                PermissionDefinition.of(UPLOAD, REGISTRANT, "后台上传人脸", "Upload a registrant's face", SECURITY_OFFICER));
    }
}
