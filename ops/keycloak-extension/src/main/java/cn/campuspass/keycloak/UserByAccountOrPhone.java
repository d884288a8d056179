package cn.campuspass.keycloak;

import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Finds the user meant by what was typed in the "account or phone" field: first by username (or e-mail
 * where the realm allows e-mail login), exactly like Keycloak's built-in authenticators, then — only if
 * that finds nobody and the input is a mainland mobile number — by the user attribute {@value
 * #PHONE_ATTRIBUTE} holding the normalised number.
 *
 * <p>A phone number shared by several users is never resolved to one of them: the result is {@link
 * Kind#AMBIGUOUS_PHONE} and the caller must answer as for invalid credentials.
 */
public final class UserByAccountOrPhone {

    /** User attribute holding the normalised 11-digit mobile number (written by CampusPass). */
    public static final String PHONE_ATTRIBUTE = "phone";

    private static final Logger LOG = Logger.getLogger(UserByAccountOrPhone.class);

    /** How (and whether) the input was resolved. */
    public enum Kind {
        BY_USERNAME,
        BY_PHONE,
        NOT_FOUND,
        AMBIGUOUS_PHONE
    }

    /** Outcome of {@link #resolve}; {@code user} is set for {@code BY_USERNAME} and {@code BY_PHONE} only. */
    public record Resolution(Kind kind, UserModel user) {

        static final Resolution NOT_FOUND = new Resolution(Kind.NOT_FOUND, null);
        static final Resolution AMBIGUOUS = new Resolution(Kind.AMBIGUOUS_PHONE, null);

        public boolean found() {
            return user != null;
        }
    }

    private UserByAccountOrPhone() {}

    /**
     * Resolves {@code input} in {@code realm}.
     *
     * @throws ModelDuplicateException as {@link KeycloakModelUtils#findUserByNameOrEmail} does (e.g. two
     *     users with the same e-mail imported by federation); callers handle it as the built-ins do
     */
    public static Resolution resolve(KeycloakSession session, RealmModel realm, String input) {
        if (input == null || input.isEmpty()) {
            return Resolution.NOT_FOUND;
        }
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, input);
        if (user != null) {
            return new Resolution(Kind.BY_USERNAME, user);
        }
        String phone = PhoneNumbers.normalize(input);
        if (phone.isEmpty()) {
            return Resolution.NOT_FOUND;
        }
        return byPhone(session, realm, phone);
    }

    /** Looks up the single user whose {@value #PHONE_ATTRIBUTE} attribute equals {@code normalisedPhone}. */
    public static Resolution byPhone(KeycloakSession session, RealmModel realm, String normalisedPhone) {
        List<UserModel> matches;
        try (var stream = session.users().searchForUserByUserAttributeStream(realm, PHONE_ATTRIBUTE, normalisedPhone)) {
            // Two are enough to know the number is not unique.
            matches = stream.limit(2).collect(Collectors.toList());
        }
        if (matches.isEmpty()) {
            return Resolution.NOT_FOUND;
        }
        if (matches.size() > 1) {
            LOG.warnf(
                    "Login by phone refused in realm '%s': phone %s is held by more than one user (e.g. '%s' and"
                            + " '%s'); fix the data so that each phone belongs to one user",
                    realm.getName(),
                    mask(normalisedPhone),
                    matches.get(0).getUsername(),
                    matches.get(1).getUsername());
            return Resolution.AMBIGUOUS;
        }
        return new Resolution(Kind.BY_PHONE, matches.get(0));
    }

    /** 138****8000: enough to find the record, without writing whole phone numbers into server logs. */
    static String mask(String phone) {
        if (phone.length() != 11) {
            return "***";
        }
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }
}
