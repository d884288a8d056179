package cn.campuspass.wechat.portal;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.wechat.mp.SchoolWxMpServices;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a WeChat portal page needs before login (R1, P5): the school's name, the identity entries it opened and
 * whether it signs people in through WeChat. The school comes from the URL and was checked and bound by the
 * security filter chain.
 */
@RestController
class PortalInfoController {

    private final SchoolDirectory directory;
    private final SchoolSettingsProvider settings;
    private final SchoolWxMpServices wechat;

    PortalInfoController(SchoolDirectory directory, SchoolSettingsProvider settings, SchoolWxMpServices wechat) {
        this.directory = directory;
        this.settings = settings;
        this.wechat = wechat;
    }

    record PortalInfo(
            String school, String name, List<Identity> identities, List<Identity> faceRequired, boolean wechatLogin) {}

    @GetMapping("/portal/{school}/api/info")
    @OpenTo(OpenTo.Audience.PUBLIC)
    PortalInfo info() {
        SchoolCode code = SchoolContext.require();
        SchoolEntry entry = directory.find(code).orElseThrow();
        SchoolSettings s = settings.settingsOf(code);
        return new PortalInfo(
                code.value(),
                entry.name(),
                Arrays.stream(Identity.values()).filter(s::isOpen).toList(),
                Arrays.stream(Identity.values()).filter(s::faceRequiredFor).toList(),
                wechat.hasApp(code));
    }
}
