package cn.campuspass.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

class ValidateUsernameOrPhoneTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final UserProvider users = mock(UserProvider.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
    private final AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
    private final EventBuilder event = mock(EventBuilder.class, RETURNS_SELF);
    private final HttpRequest request = mock(HttpRequest.class);
    private final BruteForceProtector protector = mock(BruteForceProtector.class);
    private final PasswordHashProvider hashProvider = mock(PasswordHashProvider.class);
    private final MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();

    /** OAuth2 error codes answered, in order (no JAX-RS runtime is on the test class path). */
    private final List<String> errors = new ArrayList<>();

    private final ValidateUsernameOrPhone authenticator = new ValidateUsernameOrPhone() {
        @Override
        public Response errorResponse(int status, String error, String errorDescription) {
            errors.add(status + " " + error + ": " + errorDescription);
            return mock(Response.class);
        }
    };

    @BeforeEach
    void setUp() {
        when(session.users()).thenReturn(users);
        when(session.getProvider(PasswordHashProvider.class)).thenReturn(hashProvider);
        when(realm.getName()).thenReturn("school-demo");
        when(context.getSession()).thenReturn(session);
        when(context.getRealm()).thenReturn(realm);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getEvent()).thenReturn(event);
        when(context.getHttpRequest()).thenReturn(request);
        when(context.getProtector()).thenReturn(protector);
        when(request.getDecodedFormParameters()).thenReturn(params);
    }

    private static UserModel user(String username) {
        UserModel u = mock(UserModel.class);
        when(u.getUsername()).thenReturn(username);
        when(u.isEnabled()).thenReturn(true);
        return u;
    }

    @Test
    void idsAndRequirement() {
        assertThat(authenticator.getId()).isEqualTo("campuspass-grant-username-or-phone");
        assertThat(authenticator.create(session)).isSameAs(authenticator);
        assertThat(authenticator.requiresUser()).isFalse();
    }

    @Test
    void findsByUsername() {
        UserModel alice = user("alice");
        when(users.getUserByUsername(realm, "alice")).thenReturn(alice);
        params.add("username", "alice");

        authenticator.authenticate(context);

        verify(context).setUser(alice);
        verify(context).success();
        verify(authSession).setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, "alice");
        assertThat(errors).isEmpty();
    }

    @Test
    void findsByPhoneAndRecordsTheRealUsernameForBruteForceAccounting() {
        UserModel carol = user("carol");
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(carol));
        params.add("username", "+86 138-0013-8000");

        authenticator.authenticate(context);

        verify(context).setUser(carol);
        verify(context).success();
        verify(authSession).setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, "carol");
        assertThat(errors).isEmpty();
    }

    @Test
    void unknownUserIsInvalidGrant() {
        params.add("username", "nobody");

        authenticator.authenticate(context);

        verify(context).failure(eq(AuthenticationFlowError.INVALID_USER), any(Response.class));
        verify(event).error(Errors.USER_NOT_FOUND);
        verify(hashProvider).encodedCredential(anyString(), anyInt()); // constant-time-ish like the built-in
        verify(context, never()).setUser(any());
        assertThat(errors).containsExactly("401 invalid_grant: Invalid user credentials");
    }

    @Test
    void sharedPhoneIsRefusedLikeAnUnknownUser() {
        UserModel dave = user("dave");
        UserModel erin = user("erin");
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(dave, erin));
        params.add("username", "13800138000");

        authenticator.authenticate(context);

        verify(context).failure(eq(AuthenticationFlowError.INVALID_USER), any(Response.class));
        verify(context, never()).setUser(any());
        verify(context, never()).success();
        assertThat(errors).containsExactly("401 invalid_grant: Invalid user credentials");
    }

    @Test
    void missingUsernameIsInvalidRequest() {
        authenticator.authenticate(context);

        verify(context).failure(eq(AuthenticationFlowError.INVALID_USER), any(Response.class));
        assertThat(errors).containsExactly("401 invalid_request: Missing parameter: username");
    }

    @Test
    void disabledUserFoundByPhoneIsRefused() {
        UserModel carol = user("carol");
        when(carol.isEnabled()).thenReturn(false);
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(carol));
        params.add("username", "13800138000");

        authenticator.authenticate(context);

        verify(context).forceChallenge(any(Response.class));
        verify(event).error(Errors.USER_DISABLED);
        verify(context, never()).setUser(any());
        assertThat(errors).containsExactly("400 invalid_grant: Account disabled");
    }

    @Test
    void bruteForceLockedUserFoundByPhoneIsRefused() {
        UserModel carol = user("carol");
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(carol));
        when(realm.isBruteForceProtected()).thenReturn(true);
        when(protector.isTemporarilyDisabled(session, realm, carol)).thenReturn(true);
        params.add("username", "13800138000");

        authenticator.authenticate(context);

        verify(context).forceChallenge(any(Response.class));
        verify(event).error(Errors.USER_TEMPORARILY_DISABLED);
        verify(context, never()).setUser(any());
        assertThat(errors).containsExactly("401 invalid_grant: Invalid user credentials");
    }

    @Test
    void serviceAccountsCannotUseThePasswordGrant() {
        UserModel sa = user("service-account-app");
        when(sa.getServiceAccountClientLink()).thenReturn("client-id");
        when(users.getUserByUsername(realm, "service-account-app")).thenReturn(sa);
        params.add("username", "service-account-app");

        authenticator.authenticate(context);

        verify(context).failure(eq(AuthenticationFlowError.INVALID_USER), any(Response.class));
        verify(context, never()).setUser(any());
    }
}
