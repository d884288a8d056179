package cn.campuspass.registrant;

import cn.campuspass.platform.school.SchoolCode;

/**
 * Published after a registrant's WeChat binding is removed (by an admin, or because the registrant was deleted or
 * disabled): the portal signs that WeChat account out everywhere.
 */
public record RegistrantWeChatUnbound(SchoolCode school, long registrantId, String openid) {}
