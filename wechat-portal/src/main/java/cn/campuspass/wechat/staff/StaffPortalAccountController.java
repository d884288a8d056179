package cn.campuspass.wechat.staff;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.security.StaffAccountLinks;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.wechat.PortalError;
import cn.campuspass.wechat.oauth.OAuthHandoffs;
import cn.campuspass.wechat.sms.SmsCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff portal's own-account actions (S1, S4.1) for any signed-in staff member: what is bound (account, name,
 * masked phone, WeChat yes/no), binding a phone by an SMS code sent to it (the portal's SMS machinery and limits;
 * the code's scope is the staff account, so nobody else's code works), and binding the WeChat account the page
 * obtained through the school's WeChat OAuth (a one-time login ticket, never a bare openid from the browser).
 */
@RestController
@RequestMapping("/admin/api/staff-portal")
@OpenTo(OpenTo.Audience.SIGNED_IN_STAFF)
class StaffPortalAccountController {

    static final String PHONE_TEXT = "【校园人车通】您的验证码为{code}，5分钟内有效，用于绑定管理账号手机号，请勿告诉他人。";

    private final StaffAccountLinks links;
    private final SmsCodes codes;
    private final OAuthHandoffs handoffs;

    StaffPortalAccountController(StaffAccountLinks links, SmsCodes codes, OAuthHandoffs handoffs) {
        this.links = links;
        this.codes = codes;
        this.handoffs = handoffs;
    }

    record Bindings(String username, String name, String phoneMasked, boolean weChatBound) {}

    @GetMapping("/bindings")
    Bindings bindings(StaffPrincipal principal) {
        return bindings(SchoolContext.require(), principal);
    }

    record PhoneCodeRequest(@NotBlank @Size(max = 32) String phone) {}

    record PhoneCodeSent(String phoneMasked, long resendAfterSeconds) {}

    /** 400 {@code NEW_PHONE_INVALID}, 409 {@code PHONE_UNCHANGED} (already this account's), 429 past the limits. */
    @PostMapping("/phone/code")
    PhoneCodeSent phoneCode(
            StaffPrincipal principal, @Valid @RequestBody PhoneCodeRequest request, HttpServletRequest http) {
        SchoolCode school = SchoolContext.require();
        PhoneNumber phone = parse(request.phone());
        if (phone.value().equals(links.linked(school, principal.userId()).phone())) {
            throw new ApiException(PortalError.PHONE_UNCHANGED);
        }
        codes.send(school, scope(principal), phone, http.getRemoteAddr(), PHONE_TEXT);
        return new PhoneCodeSent(phone.masked(), SmsCodes.RESEND_AFTER.toSeconds());
    }

    record PhoneBindRequest(
            @NotBlank @Size(max = 32) String phone,
            @NotBlank @Size(max = 16) String code) {}

    /** The code sent to the phone makes it the account's (409 {@code PHONE_TAKEN} when another account has it). */
    @PutMapping("/phone")
    Bindings bindPhone(StaffPrincipal principal, @Valid @RequestBody PhoneBindRequest request) {
        SchoolCode school = SchoolContext.require();
        PhoneNumber phone = parse(request.phone());
        SmsCodes.Check check = codes.verify(school, scope(principal), phone, request.code());
        if (check != SmsCodes.Check.OK) {
            throw new ApiException(
                    switch (check) {
                        case WRONG -> PortalError.SMS_CODE_INVALID;
                        case EXHAUSTED -> PortalError.SMS_CODE_EXHAUSTED;
                        default -> PortalError.SMS_CODE_EXPIRED;
                    });
        }
        links.bindPhone(school, principal.userId(), phone, principal.actor());
        return bindings(school, principal);
    }

    record WeChatBindRequest(@NotBlank @Size(max = 100) String ticket) {}

    /**
     * Binds the WeChat account behind the login ticket of this school's WeChat OAuth (the page went through
     * {@code /portal/<school>/api/auth/wechat/authorize}); 400 {@code LOGIN_TICKET_INVALID} for a used, expired or
     * foreign ticket, 409 {@code STAFF_PORTAL_WECHAT_TAKEN} when another account of the school has this WeChat.
     */
    @PostMapping("/wechat")
    ResponseEntity<Bindings> bindWeChat(StaffPrincipal principal, @Valid @RequestBody WeChatBindRequest request) {
        SchoolCode school = SchoolContext.require();
        OAuthHandoffs.Ticket ticket = handoffs.takeTicket(school, request.ticket())
                .orElseThrow(() -> new ApiException(PortalError.LOGIN_TICKET_INVALID));
        links.bindWeChat(school, principal.userId(), ticket.openid(), principal.actor());
        return ResponseEntity.ok(bindings(school, principal));
    }

    private Bindings bindings(SchoolCode school, StaffPrincipal principal) {
        StaffAccountLinks.Linked linked = links.linked(school, principal.userId());
        return new Bindings(
                linked.username(),
                linked.name(),
                linked.phone() == null
                        ? null
                        : PhoneNumber.parse(linked.phone())
                                .map(PhoneNumber::masked)
                                .orElse(null),
                linked.weChatBound());
    }

    private static PhoneNumber parse(String raw) {
        return PhoneNumber.parse(raw).orElseThrow(() -> new ApiException(PortalError.NEW_PHONE_INVALID));
    }

    private static String scope(StaffPrincipal principal) {
        return "staff-phone:" + principal.userId();
    }
}
