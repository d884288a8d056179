package cn.campuspass.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/** {@link WeChatTicketSignIn} against mocked Keycloak models; the real server is exercised by StaffPortalIT. */
class WeChatTicketSignInTest {

    private static final String KEY = WeChatLoginTicket.newKey();
    private static final String REALM = "school-demo";
    private static final String OPENID = "o-officer-wx";

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final UserProvider users = mock(UserProvider.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
    private final AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
    private final EventBuilder event = mock(EventBuilder.class, RETURNS_SELF);
    private final BruteForceProtector protector = mock(BruteForceProtector.class);
    private final UserModel officer = mock(UserModel.class);
    /** The single-use store: nonces seen. */
    private final Set<String> used = new HashSet<>();

    @BeforeEach
    void setUp() {
        SingleUseObjectProvider singleUse = mock(SingleUseObjectProvider.class);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenAnswer(a -> used.add(a.getArgument(0)));
        when(session.singleUseObjects()).thenReturn(singleUse);
        when(session.users()).thenReturn(users);
        when(realm.getName()).thenReturn(REALM);
        when(realm.getAttribute(WeChatLoginTicket.REALM_KEY_ATTRIBUTE)).thenReturn(KEY);
        when(context.getSession()).thenReturn(session);
        when(context.getRealm()).thenReturn(realm);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getEvent()).thenReturn(event);
        when(context.getProtector()).thenReturn(protector);
        when(officer.getUsername()).thenReturn("officer");
        when(officer.isEnabled()).thenReturn(true);
        when(officer.getFirstAttribute(WeChatLoginTicket.OPENID_ATTRIBUTE)).thenReturn(OPENID);
        when(users.getUserByUsername(realm, "officer")).thenReturn(officer);
    }

    private void request(String ticket) {
        when(authSession.getClientNote(WeChatTicketSignIn.NOTE)).thenReturn(ticket);
    }

    private static String ticket(String key, String realm, String username, String openid) {
        return WeChatLoginTicket.mint(key, realm, username, openid, Instant.ofEpochMilli(Time.currentTimeMillis()));
    }

    @Test
    void aValidTicketSignsTheBoundAccountInAndIsUsedUp() {
        String ticket = ticket(KEY, REALM, "officer", OPENID);
        request(ticket);

        assertThat(WeChatTicketSignIn.attempt(context)).contains(officer);
        verify(context).setUser(officer);
        verify(authSession).removeClientNote(WeChatTicketSignIn.NOTE);
        verify(event).detail(UsernameOrPhonePasswordForm.DETAIL_LOGIN_IDENTIFIER, "wechat");
        assertThat(used).hasSize(1);

        // The same ticket in a new authorization request: its nonce is used.
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
    }

    @Test
    void noTicketMeansTheForm() {
        request(null);
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
        verify(authSession, never()).removeClientNote(anyString());
    }

    @Test
    void anotherRealmsOrKeysTicketIsRefused() {
        request(ticket(KEY, "school-other", "officer", OPENID));
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
        request(ticket(WeChatLoginTicket.newKey(), REALM, "officer", OPENID));
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
        verify(context, never()).setUser(any());
        assertThat(used).isEmpty();
    }

    @Test
    void aRealmWithoutAKeyHonoursNoTicket() {
        when(realm.getAttribute(WeChatLoginTicket.REALM_KEY_ATTRIBUTE)).thenReturn(null);
        request(ticket(KEY, REALM, "officer", OPENID));
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
    }

    @Test
    void anAccountUnboundSinceTheTicketWasMintedIsRefused() {
        request(ticket(KEY, REALM, "officer", OPENID));
        when(officer.getFirstAttribute(WeChatLoginTicket.OPENID_ATTRIBUTE)).thenReturn(null);
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();

        request(ticket(KEY, REALM, "officer", OPENID));
        when(officer.getFirstAttribute(WeChatLoginTicket.OPENID_ATTRIBUTE)).thenReturn("o-someone-else");
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
        verify(context, never()).setUser(any());
    }

    @Test
    void disabledLockedOrUnknownAccountsAreRefused() {
        request(ticket(KEY, REALM, "nobody", OPENID));
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();

        when(officer.isEnabled()).thenReturn(false);
        request(ticket(KEY, REALM, "officer", OPENID));
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();

        when(officer.isEnabled()).thenReturn(true);
        when(protector.isTemporarilyDisabled(session, realm, officer)).thenReturn(true);
        request(ticket(KEY, REALM, "officer", OPENID));
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
        verify(context, never()).setUser(any());
    }

    @Test
    void aTicketNeverSwitchesAUserTheFlowAlreadyKnows() {
        when(context.getUser()).thenReturn(mock(UserModel.class));
        request(ticket(KEY, REALM, "officer", OPENID));
        assertThat(WeChatTicketSignIn.attempt(context)).isEmpty();
        verify(context, never()).setUser(eq(officer));
        assertThat(used).isEmpty();
    }
}
