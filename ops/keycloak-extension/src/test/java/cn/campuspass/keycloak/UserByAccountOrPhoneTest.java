package cn.campuspass.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

class UserByAccountOrPhoneTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final UserProvider users = mock(UserProvider.class);
    private final RealmModel realm = mock(RealmModel.class);

    @BeforeEach
    void setUp() {
        when(session.users()).thenReturn(users);
        when(realm.getName()).thenReturn("school-demo");
        when(realm.isLoginWithEmailAllowed()).thenReturn(true);
    }

    static UserModel user(String username) {
        UserModel u = mock(UserModel.class);
        when(u.getUsername()).thenReturn(username);
        return u;
    }

    @Test
    void usernameWins() {
        UserModel alice = user("alice");
        when(users.getUserByUsername(realm, "alice")).thenReturn(alice);

        var r = UserByAccountOrPhone.resolve(session, realm, "alice");

        assertThat(r.kind()).isEqualTo(UserByAccountOrPhone.Kind.BY_USERNAME);
        assertThat(r.user()).isSameAs(alice);
        verify(users, never()).searchForUserByUserAttributeStream(any(), anyString(), anyString());
    }

    @Test
    void usernameThatLooksLikeAPhoneWinsOverThePhoneAttribute() {
        UserModel numeric = user("13800138000");
        when(users.getUserByUsername(realm, "13800138000")).thenReturn(numeric);

        var r = UserByAccountOrPhone.resolve(session, realm, "13800138000");

        assertThat(r.kind()).isEqualTo(UserByAccountOrPhone.Kind.BY_USERNAME);
        assertThat(r.user()).isSameAs(numeric);
    }

    @Test
    void emailIsTriedWhenRealmAllowsIt() {
        UserModel bob = user("bob");
        when(users.getUserByEmail(realm, "bob@school.edu.cn")).thenReturn(bob);

        var r = UserByAccountOrPhone.resolve(session, realm, "bob@school.edu.cn");

        assertThat(r.kind()).isEqualTo(UserByAccountOrPhone.Kind.BY_USERNAME);
        assertThat(r.user()).isSameAs(bob);
    }

    @Test
    void phoneIsNormalisedBeforeTheAttributeLookup() {
        UserModel carol = user("carol");
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(carol));

        var r = UserByAccountOrPhone.resolve(session, realm, "+86 138-0013-8000");

        assertThat(r.kind()).isEqualTo(UserByAccountOrPhone.Kind.BY_PHONE);
        assertThat(r.user()).isSameAs(carol);
    }

    @Test
    void unknownPhoneIsNotFound() {
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13900139000"))
                .thenReturn(Stream.empty());

        var r = UserByAccountOrPhone.resolve(session, realm, "13900139000");

        assertThat(r.kind()).isEqualTo(UserByAccountOrPhone.Kind.NOT_FOUND);
        assertThat(r.found()).isFalse();
    }

    @Test
    void sharedPhoneIsRefusedNeverPicked() {
        UserModel dave = user("dave");
        UserModel erin = user("erin");
        UserModel frank = user("frank");
        when(users.searchForUserByUserAttributeStream(realm, "phone", "13800138000"))
                .thenReturn(Stream.of(dave, erin, frank));

        var r = UserByAccountOrPhone.resolve(session, realm, "13800138000");

        assertThat(r.kind()).isEqualTo(UserByAccountOrPhone.Kind.AMBIGUOUS_PHONE);
        assertThat(r.user()).isNull();
        assertThat(r.found()).isFalse();
    }

    @Test
    void nonPhoneUnknownInputDoesNotSearchAttributes() {
        var r = UserByAccountOrPhone.resolve(session, realm, "nobody");

        assertThat(r.kind()).isEqualTo(UserByAccountOrPhone.Kind.NOT_FOUND);
        verify(users, never()).searchForUserByUserAttributeStream(any(), anyString(), anyString());
    }

    @Test
    void emptyInputIsNotFound() {
        assertThat(UserByAccountOrPhone.resolve(session, realm, "").kind())
                .isEqualTo(UserByAccountOrPhone.Kind.NOT_FOUND);
        assertThat(UserByAccountOrPhone.resolve(session, realm, null).kind())
                .isEqualTo(UserByAccountOrPhone.Kind.NOT_FOUND);
    }

    @Test
    void duplicateEmailExceptionPropagatesForTheCallerToReport() {
        when(users.getUserByEmail(realm, "dup@school.edu.cn"))
                .thenThrow(new ModelDuplicateException("dup", UserModel.EMAIL));

        assertThatThrownBy(() -> UserByAccountOrPhone.resolve(session, realm, "dup@school.edu.cn"))
                .isInstanceOf(ModelDuplicateException.class);
    }
}
