package cn.campuspass.keycloak;

import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.directgrant.ValidateUsername;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.UserModel;
import org.keycloak.services.ServicesLogger;

/**
 * Direct-grant replacement for {@code direct-grant-validate-username}: the {@code username} parameter may
 * be a username, an e-mail (if the realm allows it) or a mainland mobile number held in the user attribute
 * {@code phone}. Checks and error answers mirror Keycloak 26.5.6's {@link ValidateUsername}: service
 * accounts, brute-force lock-out and disabled users are refused the same way, and a phone held by several
 * users is answered like an unknown user.
 *
 * <p>Like the built-in, one instance serves as both factory and (stateless) authenticator.
 */
public class ValidateUsernameOrPhone extends ValidateUsername {

    /** At most 36 characters, see {@link UsernameOrPhonePasswordFormFactory#PROVIDER_ID}. */
    public static final String PROVIDER_ID = "campuspass-grant-username-or-phone";

    private static final int UNAUTHORIZED = Response.Status.UNAUTHORIZED.getStatusCode();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String typed = retrieveUsername(context);
        if (typed == null) {
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failure(
                    AuthenticationFlowError.INVALID_USER,
                    errorResponse(UNAUTHORIZED, "invalid_request", "Missing parameter: username"));
            return;
        }
        context.getEvent().detail(Details.USERNAME, typed);
        context.getAuthenticationSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, typed);

        UserByAccountOrPhone.Resolution resolution;
        try {
            resolution = UserByAccountOrPhone.resolve(context.getSession(), context.getRealm(), typed);
        } catch (ModelDuplicateException mde) {
            ServicesLogger.LOGGER.modelDuplicateException(mde);
            context.failure(
                    AuthenticationFlowError.INVALID_USER,
                    errorResponse(UNAUTHORIZED, "invalid_request", "Invalid user credentials"));
            return;
        }

        if (!resolution.found()) {
            AuthenticatorUtils.dummyHash(context);
            if (resolution.kind() == UserByAccountOrPhone.Kind.AMBIGUOUS_PHONE) {
                context.getEvent().detail(Details.REASON, "phone number held by more than one user");
            }
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials());
            return;
        }

        UserModel user = resolution.user();
        if (resolution.kind() == UserByAccountOrPhone.Kind.BY_PHONE) {
            // Brute-force accounting finds the user again through this note: it must be the real username.
            context.getAuthenticationSession()
                    .setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, user.getUsername());
            context.getEvent().detail(Details.USERNAME, user.getUsername());
            context.getEvent().detail(UsernameOrPhonePasswordForm.DETAIL_LOGIN_IDENTIFIER, "phone");
        }

        if (user.getServiceAccountClientLink() != null) {
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().detail(Details.REASON, "User is a service account");
            context.getEvent().error(Errors.INVALID_USER);
            context.failure(AuthenticationFlowError.INVALID_USER, invalidCredentials());
            return;
        }

        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user);
        if (bruteForceError != null) {
            AuthenticatorUtils.dummyHash(context);
            context.getEvent().user(user);
            context.getEvent().error(bruteForceError);
            context.forceChallenge(invalidCredentials());
            return;
        }

        if (!user.isEnabled()) {
            context.getEvent().user(user);
            context.getEvent().error(Errors.USER_DISABLED);
            context.forceChallenge(
                    errorResponse(Response.Status.BAD_REQUEST.getStatusCode(), "invalid_grant", "Account disabled"));
            return;
        }
        context.setUser(user);
        context.success();
    }

    private Response invalidCredentials() {
        return errorResponse(UNAUTHORIZED, "invalid_grant", "Invalid user credentials");
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Username or Phone Validation (CampusPass)";
    }

    @Override
    public String getHelpText() {
        return "Validates the 'username' parameter of a direct grant request as a username, e-mail or"
                + " mainland mobile number (user attribute 'phone').";
    }
}
