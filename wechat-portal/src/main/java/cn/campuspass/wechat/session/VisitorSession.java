package cn.campuspass.wechat.session;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.web.ServerResolved;

/**
 * A visitor signed in to one school's portal with WeChat alone (V1): the WeChat account and the visitor it made.
 * Kept apart from {@link PortalSession} — its own header ({@value VisitorSessions#HEADER}) and its own Redis keys —
 * so a visitor's token never opens a registrant's endpoint, nor a registrant's token a visitor's.
 */
@ServerResolved
public record VisitorSession(String token, SchoolCode school, String openid, long visitorId) {

    @Override
    public String toString() {
        return "VisitorSession[school=" + school + ", visitorId=" + visitorId + "]";
    }
}
