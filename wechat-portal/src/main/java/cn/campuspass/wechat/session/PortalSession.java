package cn.campuspass.wechat.session;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.web.ServerResolved;

/**
 * A signed-in WeChat user of one school's portal: the WeChat account (openid of the school's app) and, once the
 * identity login bound it, the registrant. Controllers receive it as a parameter (see {@link PortalSessions}).
 */
@ServerResolved
public record PortalSession(String token, SchoolCode school, String openid, Long registrantId) {

    public boolean bound() {
        return registrantId != null;
    }

    @Override
    public String toString() {
        return "PortalSession[school=" + school + ", registrantId=" + registrantId + "]";
    }
}
