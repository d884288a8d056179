package cn.campuspass.keycloak;

import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The staff portal's WeChat sign-in on the login step (S1 "无需再次登录"): the authorization request carried a {@link
 * WeChatLoginTicket} that CampusPass minted for the account a WeChat openid is bound to. The ticket stands in for the
 * account-and-password form only: it is looked at once per authorization request, must be signed with this realm's
 * key, unexpired and unused (its nonce goes into Keycloak's single-use store), and the account must still be enabled,
 * not locked by brute-force protection and bound to that very openid (an unbinding in the console takes effect at
 * once). Everything after the form in the flow — the OTP a school admin must pass, required actions — still runs.
 * Anything wrong and the person simply sees the login form.
 */
final class WeChatTicketSignIn {

    private static final Logger log = Logger.getLogger(WeChatTicketSignIn.class);

    static final String NOTE =
            AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + WeChatLoginTicket.PARAMETER;

    /** Key prefix of used tickets' nonces in the single-use store. */
    static final String USED_PREFIX = "campuspass-wechat-ticket:";

    private WeChatTicketSignIn() {}

    /** The account the request's ticket signs in, already set on the context; empty when there is none to honour. */
    static Optional<UserModel> attempt(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String ticket = authSession.getClientNote(NOTE);
        if (ticket == null) {
            return Optional.empty();
        }
        authSession.removeClientNote(NOTE); // looked at once: a restarted login shows the form
        if (context.getUser() != null) {
            // Re-authentication of a user the flow knows already: a ticket never switches to another account.
            return Optional.empty();
        }
        RealmModel realm = context.getRealm();
        Optional<WeChatLoginTicket.Claims> claims = WeChatLoginTicket.verify(
                realm.getAttribute(WeChatLoginTicket.REALM_KEY_ATTRIBUTE),
                realm.getName(),
                ticket,
                Instant.ofEpochMilli(Time.currentTimeMillis()));
        if (claims.isEmpty()) {
            return refused(realm, "not signed with the realm's key, malformed or expired");
        }
        KeycloakSession session = context.getSession();
        long keep = WeChatLoginTicket.LIFETIME.toSeconds() + 60;
        if (!session.singleUseObjects().putIfAbsent(USED_PREFIX + claims.get().nonce(), keep)) {
            return refused(realm, "used before");
        }
        UserModel user = session.users().getUserByUsername(realm, claims.get().username());
        if (user == null
                || !user.isEnabled()
                || !claims.get().openid().equals(user.getFirstAttribute(WeChatLoginTicket.OPENID_ATTRIBUTE))) {
            return refused(realm, "the account is gone, disabled or no longer bound to this WeChat");
        }
        if (context.getProtector() != null
                && (context.getProtector().isTemporarilyDisabled(session, realm, user)
                        || context.getProtector().isPermanentlyLockedOut(session, realm, user))) {
            return refused(realm, "the account is locked by brute-force protection");
        }
        context.setUser(user);
        authSession.setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, user.getUsername());
        context.getEvent()
                .user(user)
                .detail(Details.USERNAME, user.getUsername())
                .detail(UsernameOrPhonePasswordForm.DETAIL_LOGIN_IDENTIFIER, "wechat");
        return Optional.of(user);
    }

    private static Optional<UserModel> refused(RealmModel realm, String why) {
        log.debugf("WeChat sign-in ticket refused in realm %s: %s", realm.getName(), why);
        return Optional.empty();
    }
}
