package cn.campuspass.keycloak;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/** Registers {@link UsernameOrPhonePasswordForm}; otherwise identical to the built-in form's factory. */
public class UsernameOrPhonePasswordFormFactory extends UsernamePasswordFormFactory {

    /**
     * At most 36 characters: Keycloak stores an execution's provider id in {@code
     * AUTHENTICATION_EXECUTION.AUTHENTICATOR VARCHAR(36)}, and a longer id makes realm creation fail with
     * "Database operation failed".
     */
    public static final String PROVIDER_ID = "campuspass-username-phone-pw-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new UsernameOrPhonePasswordForm(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Username or Phone Password Form (CampusPass)";
    }

    @Override
    public String getHelpText() {
        return "Validates a username, e-mail or mainland mobile number (user attribute 'phone') and a"
                + " password from the login form.";
    }
}
