package cn.campuspass.tenant.settings;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.tenant.role.SystemPermissions;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A school admin's view of the school's own configuration (A4.2 a, b); the school comes from the token. */
@RestController
class SchoolSettingsController {

    private final SchoolSettingsService settings;

    SchoolSettingsController(SchoolSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping("/admin/api/school/settings")
    @RequiresPermission(SystemPermissions.SETTINGS_VIEW)
    SchoolSettings get() {
        return settings.settingsOf(SchoolContext.require());
    }

    record UpdateSettings(
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            Boolean smsAtFirstBinding,
            Integer visitorRetentionDays,
            Integer accessRetentionMonths) {}

    @PutMapping("/admin/api/school/settings")
    @RequiresPermission(SystemPermissions.SETTINGS_MANAGE)
    SchoolSettings update(@RequestBody UpdateSettings request) {
        return settings.update(
                SchoolContext.require(),
                request.openIdentities(),
                request.faceRequired(),
                request.faceRequiredByTeacherType(),
                request.smsAtFirstBinding(),
                request.visitorRetentionDays(),
                request.accessRetentionMonths());
    }
}
