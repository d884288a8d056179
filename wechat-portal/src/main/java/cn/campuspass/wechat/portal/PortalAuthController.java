package cn.campuspass.wechat.portal;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.security.StaffAccountLinks;
import cn.campuspass.visitor.Visitors;
import cn.campuspass.wechat.PortalError;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.binding.RegistrantProfile;
import cn.campuspass.wechat.mp.SchoolWxMpServices;
import cn.campuspass.wechat.oauth.OAuthHandoffs;
import cn.campuspass.wechat.oauth.ReturnTo;
import cn.campuspass.wechat.session.PortalSession;
import cn.campuspass.wechat.session.PortalSessions;
import cn.campuspass.wechat.session.VisitorSession;
import cn.campuspass.wechat.session.VisitorSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat sign-in to a school's portal (R1, P5). The browser steps (authorize, callback) answer with redirects, also
 * when they fail: to {@code /portal/<school>/?error=<CODE>}, so the person lands on a page rather than on JSON. The
 * page then trades the one-time ticket for a session token, which travels only in the {@code X-Portal-Session}
 * header (never a URL, never a cookie).
 */
@RestController
@RequestMapping("/portal/{school}/api/auth")
@OpenTo(OpenTo.Audience.PUBLIC)
class PortalAuthController {

    private static final Logger log = LoggerFactory.getLogger(PortalAuthController.class);

    private final SchoolWxMpServices wechat;
    private final OAuthHandoffs handoffs;
    private final PortalSessions sessions;
    private final PortalAccounts accounts;
    private final Visitors visitors;
    private final VisitorSessions visitorSessions;
    private final StaffAccountLinks staffAccounts;
    private final String publicUrl;

    PortalAuthController(
            SchoolWxMpServices wechat,
            OAuthHandoffs handoffs,
            PortalSessions sessions,
            PortalAccounts accounts,
            Visitors visitors,
            VisitorSessions visitorSessions,
            StaffAccountLinks staffAccounts,
            @Value("${campuspass.public-url}") String publicUrl) {
        this.wechat = wechat;
        this.handoffs = handoffs;
        this.sessions = sessions;
        this.accounts = accounts;
        this.visitors = visitors;
        this.visitorSessions = visitorSessions;
        this.staffAccounts = staffAccounts;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Sends the browser to WeChat's OAuth page; {@code snsapi_base}: the openid is all we need, silently. */
    @GetMapping("/wechat/authorize")
    ResponseEntity<Void> authorize(@RequestParam(required = false) String returnTo) {
        SchoolCode school = SchoolContext.require();
        Optional<WxMpService> wx = wechat.serviceOf(school);
        if (wx.isEmpty()) {
            return redirect(failure(school, PortalError.WECHAT_LOGIN_UNAVAILABLE));
        }
        String state = handoffs.newState(school, ReturnTo.orHome(returnTo, school));
        String redirectUri = publicUrl + "/portal/" + school.value() + "/api/auth/wechat/callback";
        return redirect(wx.get()
                .getOAuth2Service()
                .buildAuthorizationUrl(redirectUri, WxConsts.OAuth2Scope.SNSAPI_BASE, state));
    }

    /** WeChat's redirect back: the code becomes an openid, the openid a one-time ticket for the page. */
    @GetMapping("/wechat/callback")
    ResponseEntity<Void> callback(
            @RequestParam(required = false) String code, @RequestParam(required = false) String state) {
        SchoolCode school = SchoolContext.require();
        Optional<OAuthHandoffs.State> started = handoffs.takeState(school, state);
        if (started.isEmpty()) {
            return redirect(failure(school, PortalError.OAUTH_STATE_INVALID));
        }
        Optional<WxMpService> wx = wechat.serviceOf(school);
        if (wx.isEmpty()) {
            return redirect(failure(school, PortalError.WECHAT_LOGIN_UNAVAILABLE));
        }
        if (code == null || code.isBlank()) {
            return redirect(failure(school, PortalError.WECHAT_OAUTH_FAILED)); // the person declined
        }
        String openid;
        try {
            openid = wx.get().getOAuth2Service().getAccessToken(code).getOpenId();
        } catch (WxErrorException | RuntimeException e) {
            log.warn("WeChat OAuth code exchange failed for school {}: {}", school, e.getMessage());
            return redirect(failure(school, PortalError.WECHAT_OAUTH_FAILED));
        }
        if (openid == null || openid.isBlank()) {
            return redirect(failure(school, PortalError.WECHAT_OAUTH_FAILED));
        }
        String returnTo = started.get().returnTo();
        String ticket = handoffs.newTicket(school, openid, returnTo);
        return redirect(
                "/portal/" + school.value() + "/auth?ticket=" + encode(ticket) + "&returnTo=" + encode(returnTo));
    }

    record SessionRequest(@NotBlank String ticket) {}

    record SessionResponse(String token, boolean bound, RegistrantProfile profile) {}

    /** Trades the ticket for a session; a WeChat account already bound to a registrant is signed in at once. */
    @PostMapping("/session")
    SessionResponse createSession(@Valid @RequestBody SessionRequest request) {
        SchoolCode school = SchoolContext.require();
        OAuthHandoffs.Ticket ticket = handoffs.takeTicket(school, request.ticket())
                .orElseThrow(() -> new ApiException(PortalError.LOGIN_TICKET_INVALID));
        Optional<RegistrantProfile> profile = accounts.boundTo(ticket.openid());
        PortalSession session = sessions.create(
                school,
                ticket.openid(),
                profile.map(RegistrantProfile::registrantId).orElse(null));
        return new SessionResponse(session.token(), session.bound(), profile.orElse(null));
    }

    record VisitorSessionResponse(String token, Visitors.Profile profile) {}

    /**
     * V1: trades the ticket for a visitor session — WeChat alone, no identity login; the visitor is created on first
     * sign-in. Kept apart from the registrant session: its token goes in {@code X-Visitor-Session}.
     */
    @PostMapping("/visitor-session")
    VisitorSessionResponse createVisitorSession(@Valid @RequestBody SessionRequest request) {
        SchoolCode school = SchoolContext.require();
        OAuthHandoffs.Ticket ticket = handoffs.takeTicket(school, request.ticket())
                .orElseThrow(() -> new ApiException(PortalError.LOGIN_TICKET_INVALID));
        long visitorId = visitors.signIn(ticket.openid());
        VisitorSession session = visitorSessions.create(school, ticket.openid(), visitorId);
        return new VisitorSessionResponse(session.token(), visitors.profile(visitorId));
    }

    record StaffSignInResponse(String username, String loginTicket, String parameter, long expiresInSeconds) {}

    /**
     * S1 "无需再次登录": trades the ticket of a WeChat account bound to a staff account of the school for a single-use
     * sign-in ticket of the school's realm, which the staff portal passes on its login redirect (as {@code parameter})
     * so the realm's login step passes without the password; OTP and required actions still follow. 404 {@code
     * STAFF_WECHAT_NOT_BOUND} when no enabled account of the school is bound to this WeChat (the portal then shows the
     * login form).
     */
    @PostMapping("/staff-sign-in")
    StaffSignInResponse staffSignIn(@Valid @RequestBody SessionRequest request) {
        SchoolCode school = SchoolContext.require();
        OAuthHandoffs.Ticket ticket = handoffs.takeTicket(school, request.ticket())
                .orElseThrow(() -> new ApiException(PortalError.LOGIN_TICKET_INVALID));
        StaffAccountLinks.WeChatSignIn signIn = staffAccounts
                .weChatSignIn(school, ticket.openid())
                .orElseThrow(() -> new ApiException(PortalError.STAFF_WECHAT_NOT_BOUND));
        return new StaffSignInResponse(
                signIn.username(), signIn.ticket(), signIn.parameter(), signIn.expiresInSeconds());
    }

    @DeleteMapping("/visitor-session")
    @OpenTo(OpenTo.Audience.PORTAL_SESSION)
    ResponseEntity<Void> visitorSignOut(VisitorSession session) {
        visitorSessions.delete(session);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/session")
    @OpenTo(OpenTo.Audience.PORTAL_SESSION)
    ResponseEntity<Void> signOut(PortalSession session) {
        sessions.delete(session);
        return ResponseEntity.noContent().build();
    }

    record LoginRequest(
            @NotNull Identity identity,
            @NotBlank @Size(max = 32) String number,
            @NotBlank @Size(max = 32) String verifier,
            @Size(max = 16) String smsCode) {}

    record LoginResponse(String state, RegistrantProfile profile) {}

    /** 202: the school requires an SMS code at first binding; it was sent to {@code phoneMasked}. */
    record SmsCodeRequired(String state, String phoneMasked, long resendAfterSeconds) {}

    /**
     * Identity login of a signed-in but unbound WeChat account; binds it to the registrant (200), or, where the school
     * requires an SMS code at first binding and none came with the request, sends one and answers 202.
     */
    @PostMapping("/login")
    @OpenTo(OpenTo.Audience.PORTAL_SESSION)
    ResponseEntity<?> login(PortalSession session, @Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        if (session.bound()) {
            throw new ApiException(PortalError.ALREADY_SIGNED_IN);
        }
        PortalAccounts.LoginOutcome outcome = accounts.login(
                session.openid(),
                request.identity(),
                request.number(),
                request.verifier(),
                request.smsCode(),
                http.getRemoteAddr());
        if (outcome instanceof PortalAccounts.LoginOutcome.CodeSent sent) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new SmsCodeRequired("SMS_CODE_REQUIRED", sent.phoneMasked(), sent.resendAfterSeconds()));
        }
        long registrantId = ((PortalAccounts.LoginOutcome.Bound) outcome).registrantId();
        PortalSession bound = sessions.bind(session, registrantId)
                .orElseThrow(() -> new ApiException(PortalError.PORTAL_SESSION_REQUIRED));
        return ResponseEntity.ok(new LoginResponse("BOUND", accounts.profile(bound)));
    }

    private static String failure(SchoolCode school, PortalError error) {
        return ReturnTo.home(school) + "?error=" + error.code();
    }

    private static ResponseEntity<Void> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, URI.create(location).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
