package cn.campuspass.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Exercises {@link UsernameOrPhonePasswordForm#validateForm}: the Keycloak code it hands over to ({@code
 * validateUserAndPassword}, {@code testInvalidUser}) is recorded instead of run.
 */
class UsernameOrPhonePasswordFormTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final UserProvider users = mock(UserProvider.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
    private final AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
    private final EventBuilder event = mock(EventBuilder.class, RETURNS_SELF);

    /** Form data handed to Keycloak's validation, and how often the "invalid user" answer was given. */
    private final List<MultivaluedMap<String, String>> validated = new ArrayList<>();

    private int invalidUserAnswers;

    private final UsernameOrPhonePasswordForm form = new UsernameOrPhonePasswordForm() {
        @Override
        public boolean validateUserAndPassword(
                AuthenticationFlowContext ctx, MultivaluedMap<String, String> inputData) {
            validated.add(inputData);
            return true;
        }

        @Override
        public void testInvalidUser(AuthenticationFlowContext ctx, UserModel user) {
            assertThat(user).isNull();
            invalidUserAnswers++;
        }
    };

    @BeforeEach
    void setUp() {
        when(session.users()).thenReturn(users);
        when(realm.getName()).thenReturn("school-demo");
        when(context.getSession()).thenReturn(session);
        when(context.getRealm()).thenReturn(realm);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getEvent()).thenReturn(event);
    }

    private static MultivaluedMap<String, String> formData(String username) {
        MultivaluedMap<String, String> data = new MultivaluedHashMap<>();
        data.add("username", username);
        data.add("password", "secret");
        data.add("rememberMe", "on");
        return data;
    }

    private static UserModel user(String username) {
        UserModel u = mock(UserModel.class);
        when(u.getUsername()).thenReturn(username);
        return u;
    }

    @Test
    void ordinaryUsernameGoesStraightToKeycloak() {
        MultivaluedMap<String, String> data = formData("alice");

        assertThat(form.validateForm(context, data)).isTrue();

        assertThat(validated).containsExactly(data);
        verify(users, never()).searchForUserByUserAttributeStream(any(), anyString(), anyString());
    }

    @Test
    void phoneIsReplacedByTheUsernameInACopy() {
        UserModel carol = user("carol");
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(carol));
        MultivaluedMap<String, String> data = formData(" +86 138-0013-8000 ");

        assertThat(form.validateForm(context, data)).isTrue();

        assertThat(validated).hasSize(1);
        MultivaluedMap<String, String> handed = validated.get(0);
        assertThat(handed).isNotSameAs(data);
        assertThat(handed.get("username")).containsExactly("carol");
        assertThat(handed.getFirst("password")).isEqualTo("secret");
        assertThat(handed.getFirst("rememberMe")).isEqualTo("on");
        // the request's own form data is untouched (the page re-displays what was typed)
        assertThat(data.getFirst("username")).isEqualTo(" +86 138-0013-8000 ");
        verify(event).detail(UsernameOrPhonePasswordForm.DETAIL_LOGIN_IDENTIFIER, "phone");
    }

    @Test
    void usernameThatLooksLikeAPhoneIsLeftAsIs() {
        UserModel numeric = user("13800138000");
        when(users.getUserByUsername(realm, "13800138000")).thenReturn(numeric);
        MultivaluedMap<String, String> data = formData("13800138000");

        form.validateForm(context, data);

        assertThat(validated).containsExactly(data);
        verify(users, never()).searchForUserByUserAttributeStream(any(), anyString(), anyString());
    }

    @Test
    void unknownPhoneGetsKeycloaksOwnUnknownUserHandling() {
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13900139000"))
                .thenReturn(Stream.empty());
        MultivaluedMap<String, String> data = formData("13900139000");

        form.validateForm(context, data);

        assertThat(validated).containsExactly(data);
        assertThat(invalidUserAnswers).isZero();
    }

    @Test
    void sharedPhoneIsAnsweredAsInvalidUser() {
        UserModel dave = user("dave");
        UserModel erin = user("erin");
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(dave, erin));

        assertThat(form.validateForm(context, formData("13800138000"))).isFalse();

        assertThat(validated).isEmpty();
        assertThat(invalidUserAnswers).isEqualTo(1);
        verify(context).clearUser();
        verify(authSession).setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, "13800138000");
        verify(context, never()).setUser(any());
    }

    @Test
    void reauthenticationWithKnownUserIgnoresTheField() {
        when(authSession.getAuthNote(AbstractUsernameFormAuthenticator.USER_SET_BEFORE_USERNAME_PASSWORD_AUTH))
                .thenReturn("true");
        MultivaluedMap<String, String> data = formData("13800138000");

        form.validateForm(context, data);

        assertThat(validated).containsExactly(data);
        verify(users, never()).searchForUserByUserAttributeStream(any(), anyString(), anyString());
    }

    @Test
    void factoryCreatesTheFormUnderItsOwnId() {
        UsernameOrPhonePasswordFormFactory factory = new UsernameOrPhonePasswordFormFactory();
        assertThat(factory.getId()).isEqualTo("campuspass-username-phone-pw-form");
        assertThat(factory.getReferenceCategory()).isEqualTo("password");
        assertThat(factory.isUserSetupAllowed()).isFalse();
    }
}
