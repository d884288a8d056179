package cn.campuspass.wechat.binding;

import cn.campuspass.access.AccessError;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.registrant.IdTails;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.wechat.PortalError;
import cn.campuspass.wechat.session.PortalSession;
import cn.campuspass.wechat.session.PortalSessions;
import cn.campuspass.wechat.sms.SmsCodes;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * WeChat accounts and registrants of the current school (R1): a bound account signs in at once; an unbound one
 * proves who it is once (identity entry, 学号/工号 and ID tail or phone) and is bound for good, until an admin
 * unbinds it. Every signed-in request re-checks the binding and the registrant's state, so a session outlives
 * neither an unbinding nor a disabling, even one whose event never arrived.
 */
@Service
public class PortalAccounts {

    private final WeChatBindings bindings;
    private final LoginAttempts attempts;
    private final SchoolSettingsProvider settings;
    private final FieldCipher cipher;
    private final PortalSessions sessions;
    private final SmsCodes smsCodes;

    PortalAccounts(
            WeChatBindings bindings,
            LoginAttempts attempts,
            SchoolSettingsProvider settings,
            FieldCipher cipher,
            PortalSessions sessions,
            SmsCodes smsCodes) {
        this.bindings = bindings;
        this.attempts = attempts;
        this.settings = settings;
        this.cipher = cipher;
        this.sessions = sessions;
        this.smsCodes = smsCodes;
    }

    /** What an identity login came to. */
    public sealed interface LoginOutcome {
        /** Signed in: the WeChat account is (now) bound to this registrant. */
        record Bound(long registrantId) implements LoginOutcome {}

        /** The school wants an SMS code first; one was sent to this (masked) phone. */
        record CodeSent(String phoneMasked, long resendAfterSeconds) implements LoginOutcome {}
    }

    /** The registrant this WeChat account is bound to, if any; 403 when that registrant is disabled. */
    @Transactional(readOnly = true)
    public Optional<RegistrantProfile> boundTo(String openid) {
        Optional<WeChatBindings.Person> person = bindings.byOpenid(openid);
        if (person.isEmpty()) {
            return Optional.empty();
        }
        if (!person.get().enabled()) {
            throw new ApiException(AccessError.REGISTRANT_DISABLED);
        }
        return bindings.profile(person.get().id()).map(this::withFaceRule);
    }

    /**
     * Identity login: finds the registrant by identity and number, checks the verifier and binds this WeChat account
     * to them. Wrong number and wrong verifier give the same {@code LOGIN_FAILED}; states are revealed only to whoever
     * proved to be the person. When the school requires it ({@code smsAtFirstBinding}), a first binding also needs the
     * code sent to the registrant's registered phone: without {@code smsCode} a code is sent and the outcome says so;
     * with it, the code is checked before binding. A WeChat account already bound to the registrant needs no code.
     *
     * @param smsCode the code the person typed, or null to have one sent
     * @param clientAddress the caller's address, for the SMS send limits
     */
    @Transactional
    public LoginOutcome login(
            String openid, Identity identity, String number, String verifier, String smsCode, String clientAddress) {
        SchoolCode school = SchoolContext.require();
        String typedNumber = number.strip();
        if (attempts.blocked(school, openid, typedNumber)) {
            throw new ApiException(PortalError.TOO_MANY_ATTEMPTS);
        }
        if (!settings.settingsOf(school).isOpen(identity)) {
            throw new ApiException(PortalError.IDENTITY_CLOSED);
        }
        Optional<WeChatBindings.Person> found = bindings.byNumber(identity, typedNumber);
        if (found.isEmpty()
                || !Verifiers.matches(
                        verifier,
                        found.get().idTailIndex(),
                        found.get().phoneIndex(),
                        tail -> IdTails.index(cipher, tail),
                        cipher::blindIndex)) {
            attempts.failed(school, openid, typedNumber);
            throw new ApiException(PortalError.LOGIN_FAILED);
        }
        WeChatBindings.Person person = found.get();
        attempts.succeeded(school, openid);
        if (!person.enabled()) {
            throw new ApiException(AccessError.REGISTRANT_DISABLED);
        }
        if (openid.equals(person.openid())) {
            return new LoginOutcome.Bound(person.id());
        }
        if (person.openid() != null) {
            throw new ApiException(PortalError.ALREADY_BOUND);
        }
        Optional<WeChatBindings.Person> owner = bindings.byOpenid(openid);
        if (owner.isPresent()) {
            throw new ApiException(PortalError.WECHAT_ALREADY_BOUND);
        }
        if (settings.settingsOf(school).smsAtFirstBinding()) {
            PhoneNumber phone = registeredPhone(school, person.id());
            String scope = "bind:" + openid;
            if (smsCode == null || smsCode.isBlank()) {
                smsCodes.send(school, scope, phone, clientAddress, "【校园人车通】您的验证码为{code}，5分钟内有效，用于绑定微信，请勿告诉他人。");
                return new LoginOutcome.CodeSent(phone.masked(), SmsCodes.RESEND_AFTER.toSeconds());
            }
            SmsCodes.Check check = smsCodes.verify(school, scope, phone, smsCode);
            if (check != SmsCodes.Check.OK) {
                throw new ApiException(
                        switch (check) {
                            case WRONG -> PortalError.SMS_CODE_INVALID;
                            case EXHAUSTED -> PortalError.SMS_CODE_EXHAUSTED;
                            default -> PortalError.SMS_CODE_EXPIRED;
                        });
            }
        }
        boolean bound;
        try {
            bound = bindings.bind(person.id(), openid);
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            // Bound to someone else between our check and the update.
            throw new ApiException(PortalError.WECHAT_ALREADY_BOUND);
        }
        if (!bound) {
            throw new ApiException(PortalError.ALREADY_BOUND);
        }
        return new LoginOutcome.Bound(person.id());
    }

    private PhoneNumber registeredPhone(SchoolCode school, long registrantId) {
        return bindings.phoneEncrypted(registrantId)
                .filter(stored -> !stored.isBlank())
                .map(stored -> cipher.decrypt(school.value(), Registrants.PHONE_FIELD, stored))
                .flatMap(PhoneNumber::parse)
                .orElseThrow(() -> new ApiException(PortalError.PHONE_MISSING));
    }

    /** The session's registrant, checked: still bound to this WeChat account and enabled. */
    @Transactional(readOnly = true)
    public RegistrantProfile profile(PortalSession session) {
        requireActive(session);
        return bindings.profile(session.registrantId())
                .map(this::withFaceRule)
                .orElseThrow(() -> new ApiException(PortalError.PORTAL_SESSION_REQUIRED));
    }

    private RegistrantProfile withFaceRule(RegistrantProfile profile) {
        return profile.withFaceRequired(settings.settingsOf(SchoolContext.require())
                .faceRequiredFor(profile.identity(), profile.identityTypeId()));
    }

    /**
     * Refuses a session without a registrant (403 {@code PORTAL_LOGIN_REQUIRED}), one whose binding is gone (the
     * session is dropped; 401) and one of a disabled registrant (403).
     *
     * @return the registrant's id
     */
    @Transactional(readOnly = true)
    public long requireActive(PortalSession session) {
        if (!session.bound()) {
            throw new ApiException(PortalError.PORTAL_LOGIN_REQUIRED);
        }
        Optional<WeChatBindings.Person> person = bindings.byId(session.registrantId());
        if (person.isEmpty() || !session.openid().equals(person.get().openid())) {
            sessions.delete(session);
            throw new ApiException(PortalError.PORTAL_SESSION_REQUIRED);
        }
        if (!person.get().enabled()) {
            throw new ApiException(AccessError.REGISTRANT_DISABLED);
        }
        return person.get().id();
    }
}
