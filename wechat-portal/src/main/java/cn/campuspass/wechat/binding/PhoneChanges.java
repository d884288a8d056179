package cn.campuspass.wechat.binding;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.wechat.PortalError;
import cn.campuspass.wechat.session.PortalSession;
import cn.campuspass.wechat.sms.SmsCodes;
import org.springframework.stereotype.Service;

/**
 * A signed-in registrant binds a new phone (R4.1): a code goes to the new number, and only whoever reads it there
 * can make it theirs. Whether the number already belongs to someone else is checked when the code comes back, not
 * before it is sent, so the send endpoint tells nobody which numbers the school knows. The code's scope is the
 * registrant, so a code asked for by one person is worth nothing to another.
 */
@Service
public class PhoneChanges {

    static final String TEXT = "【校园人车通】您的验证码为{code}，5分钟内有效，用于更换绑定手机号，请勿告诉他人。";

    private final PortalAccounts accounts;
    private final Registrants registrants;
    private final SmsCodes codes;

    PhoneChanges(PortalAccounts accounts, Registrants registrants, SmsCodes codes) {
        this.accounts = accounts;
        this.registrants = registrants;
        this.codes = codes;
    }

    /** Sends a code to {@code rawPhone}; 400 {@code NEW_PHONE_INVALID}, 409 {@code PHONE_UNCHANGED}, 429 past the limits. */
    public PhoneNumber sendCode(PortalSession session, String rawPhone, String clientAddress) {
        long registrantId = accounts.requireActive(session);
        PhoneNumber phone = parse(rawPhone);
        if (phone.value().equals(currentPhone(registrantId))) {
            throw new ApiException(PortalError.PHONE_UNCHANGED);
        }
        codes.send(SchoolContext.require(), scope(registrantId), phone, clientAddress, TEXT);
        return phone;
    }

    /** Checks the code sent to {@code rawPhone} and makes the number the registrant's own. */
    public void confirm(PortalSession session, String rawPhone, String code) {
        long registrantId = accounts.requireActive(session);
        PhoneNumber phone = parse(rawPhone);
        SchoolCode school = SchoolContext.require();
        SmsCodes.Check check = codes.verify(school, scope(registrantId), phone, code);
        if (check != SmsCodes.Check.OK) {
            throw new ApiException(
                    switch (check) {
                        case WRONG -> PortalError.SMS_CODE_INVALID;
                        case EXHAUSTED -> PortalError.SMS_CODE_EXHAUSTED;
                        default -> PortalError.SMS_CODE_EXPIRED;
                    });
        }
        registrants.changePhone(registrantId, phone);
    }

    private String currentPhone(long registrantId) {
        return registrants.ownPhone(registrantId);
    }

    private static PhoneNumber parse(String rawPhone) {
        return PhoneNumber.parse(rawPhone).orElseThrow(() -> new ApiException(PortalError.NEW_PHONE_INVALID));
    }

    private static String scope(long registrantId) {
        return "phone:" + registrantId;
    }
}
