package cn.campuspass.wechat.portal;

import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.registrant.RegistrantAvatars;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.wechat.binding.PhoneChanges;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.session.PortalSession;
import cn.campuspass.wechat.sms.SmsCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The registrant's personal info (R4.10), their avatar, which they may change at most twice, and their phone, bound
 * anew by an SMS code to the new number (R4.1).
 */
@RestController
@RequestMapping("/portal/{school}/api/me")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalProfileController {

    private final PortalAccounts accounts;
    private final Registrants registrants;
    private final RegistrantAvatars avatars;
    private final PhoneChanges phoneChanges;

    PortalProfileController(
            PortalAccounts accounts, Registrants registrants, RegistrantAvatars avatars, PhoneChanges phoneChanges) {
        this.accounts = accounts;
        this.registrants = registrants;
        this.avatars = avatars;
        this.phoneChanges = phoneChanges;
    }

    record PhoneCodeRequest(@NotBlank @Size(max = 32) String phone) {}

    record PhoneCodeSent(String phoneMasked, long resendAfterSeconds) {}

    /** Sends a code to the new phone (400 {@code NEW_PHONE_INVALID}, 409 {@code PHONE_UNCHANGED}, 429 limits). */
    @PostMapping("/phone/code")
    PhoneCodeSent phoneCode(
            PortalSession session, @Valid @RequestBody PhoneCodeRequest request, HttpServletRequest http) {
        var phone = phoneChanges.sendCode(session, request.phone(), http.getRemoteAddr());
        return new PhoneCodeSent(phone.masked(), SmsCodes.RESEND_AFTER.toSeconds());
    }

    record PhoneChangeRequest(
            @NotBlank @Size(max = 32) String phone,
            @NotBlank @Size(max = 16) String code) {}

    /** Makes the new phone the registrant's own once the code sent to it is right (409 when another has it). */
    @PutMapping("/phone")
    PersonalInfo changePhone(PortalSession session, @Valid @RequestBody PhoneChangeRequest request) {
        phoneChanges.confirm(session, request.phone(), request.code());
        long registrantId = accounts.requireActive(session);
        return PersonalInfo.of(registrants.get(registrantId), avatars.of(registrantId));
    }

    @GetMapping("/info")
    PersonalInfo info(PortalSession session) {
        long registrantId = accounts.requireActive(session);
        return PersonalInfo.of(registrants.get(registrantId), avatars.of(registrantId));
    }

    /** A new avatar (multipart part {@code file}); 409 {@code AVATAR_CHANGE_LIMIT} after two changes. */
    @PostMapping(value = "/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PersonalInfo avatar(PortalSession session, @RequestPart("file") MultipartFile file) {
        long registrantId = accounts.requireActive(session);
        avatars.change(registrantId, PortalUploads.photo(file));
        return PersonalInfo.of(registrants.get(registrantId), avatars.of(registrantId));
    }
}
