package cn.campuspass.wechat.portal;

import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.registrant.RegistrantAvatars;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.session.PortalSession;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The registrant's personal info (R4.10) and their avatar, which they may change at most twice. */
@RestController
@RequestMapping("/portal/{school}/api/me")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalProfileController {

    private final PortalAccounts accounts;
    private final Registrants registrants;
    private final RegistrantAvatars avatars;

    PortalProfileController(PortalAccounts accounts, Registrants registrants, RegistrantAvatars avatars) {
        this.accounts = accounts;
        this.registrants = registrants;
        this.avatars = avatars;
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
