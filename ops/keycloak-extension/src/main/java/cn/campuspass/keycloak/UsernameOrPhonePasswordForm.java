package cn.campuspass.keycloak;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Keycloak's username/password form, except that the username field also accepts the user's mobile
 * number.
 *
 * <p>Only {@link #validateForm} is changed. When the typed value matches no username/e-mail but is a phone
 * number held by exactly one user, the built-in validation runs on a copy of the form whose username is
 * that user's username. Everything else — password check, brute-force detection (which finds the user
 * again through the {@code ATTEMPTED_USERNAME} note, so it must be the real username), disabled users,
 * remember-me, error pages, passkeys — stays Keycloak's own code. The page re-displays what the person
 * typed because Keycloak fills the form from the request, not from our copy.
 *
 * <p>{@link #authenticate} first honours a staff portal WeChat sign-in ticket the authorization request may carry
 * ({@link WeChatTicketSignIn}): a valid one passes this step without the form; the rest of the flow still runs.
 */
public class UsernameOrPhonePasswordForm extends UsernamePasswordForm {

    /** Event detail telling which identifier the user logged in with. */
    public static final String DETAIL_LOGIN_IDENTIFIER = "login_identifier";

    public UsernameOrPhonePasswordForm() {
        super();
    }

    public UsernameOrPhonePasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (WeChatTicketSignIn.attempt(context).isPresent()) {
            context.success();
            return;
        }
        super.authenticate(context);
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> formData) {
        if (isUserAlreadySetBeforeUsernamePasswordAuth(context)) {
            // Re-authentication: the user is known already and the username field is not used.
            return super.validateForm(context, formData);
        }
        String typed = formData.getFirst(AuthenticationManager.FORM_USERNAME);
        if (typed == null || typed.isBlank() || !PhoneNumbers.isPhoneNumber(typed)) {
            return super.validateForm(context, formData);
        }
        typed = typed.trim(); // as the built-in form does

        UserByAccountOrPhone.Resolution resolution;
        try {
            resolution = UserByAccountOrPhone.resolve(context.getSession(), context.getRealm(), typed);
        } catch (ModelDuplicateException e) {
            // Let the built-in code report it exactly as it always does.
            return super.validateForm(context, formData);
        }

        switch (resolution.kind()) {
            case BY_PHONE:
                context.getEvent().detail(DETAIL_LOGIN_IDENTIFIER, "phone");
                MultivaluedMap<String, String> substituted = new MultivaluedHashMap<>(formData);
                substituted.putSingle(
                        AuthenticationManager.FORM_USERNAME, resolution.user().getUsername());
                return validateUserAndPassword(context, substituted);
            case AMBIGUOUS_PHONE:
                // Same answer as an unknown user: never pick one of several users holding the number.
                context.clearUser();
                context.getEvent().detail(Details.USERNAME, typed);
                context.getEvent().detail(Details.REASON, "phone number held by more than one user");
                context.getAuthenticationSession().setAuthNote(ATTEMPTED_USERNAME, typed);
                testInvalidUser(context, null);
                return false;
            default:
                // Found by username (a username that looks like a phone), or nobody: built-in behaviour.
                return super.validateForm(context, formData);
        }
    }
}
