package cn.campuspass.platform.security;

import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import java.util.Optional;

/**
 * What the staff portal (S1, S4.1) ties to a school staff member's own account: their bound phone (unique in the
 * school, also a login name) and the WeChat account they opened the portal with. Implemented where staff accounts
 * are kept (the school's Keycloak realm); the portal proves the phone (SMS code) and the openid (WeChat OAuth) before
 * it calls.
 */
public interface StaffAccountLinks {

    /** The account as the portal's 我的 page shows it. */
    record Linked(String username, String name, String phone, boolean weChatBound) {}

    Linked linked(SchoolCode school, String userId);

    /** Makes {@code phone} the user's; refused (409) when another account of the school has it. */
    void bindPhone(SchoolCode school, String userId, PhoneNumber phone, String actor);

    /** Binds the openid to the user; refused (409) when another account of the school has it. */
    void bindWeChat(SchoolCode school, String userId, String openid, String actor);

    /**
     * A single-use ticket that signs the enabled account bound to this WeChat openid in to the school's realm (S1
     * "无需再次登录"): the staff portal passes it on its login redirect, the realm's login step checks it, the binding
     * again and then asks whatever else the account must pass (OTP, required actions). Empty when no enabled account
     * of the school is bound to the openid, or the realm has no ticket key yet.
     */
    Optional<WeChatSignIn> weChatSignIn(SchoolCode school, String openid);

    /**
     * A ticket for {@code username}, to be used within {@code expiresInSeconds} as the authorization request's
     * {@code parameter}.
     */
    record WeChatSignIn(String username, String ticket, String parameter, long expiresInSeconds) {}
}
