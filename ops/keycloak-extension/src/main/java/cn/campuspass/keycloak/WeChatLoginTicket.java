package cn.campuspass.keycloak;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The staff portal's WeChat sign-in ticket (S1 "无需再次登录"): minted by CampusPass for the staff account a WeChat
 * openid is bound to, redeemed once by {@link UsernameOrPhonePasswordForm} on the school realm's login step.
 *
 * <p>Format: {@code v1.<payload>.<mac>}, both parts base64url without padding; the payload is the UTF-8 text
 * {@code realm \n username \n openid \n expires-at (epoch seconds) \n nonce}, the mac HMAC-SHA256 over {@code
 * v1.<payload>} with the realm's own key (the realm attribute {@link #REALM_KEY_ATTRIBUTE}, 32 random bytes in
 * base64url, which only CampusPass and the realm know). A ticket names its realm, so one school's ticket is nothing in
 * another's; it lives {@link #LIFETIME}; its nonce makes it single-use on the Keycloak side.
 *
 * <p>Plain JDK only: CampusPass's tenant-admin mints with this class, the Keycloak provider verifies with it.
 */
public final class WeChatLoginTicket {

    /** The authorization request's parameter carrying the ticket (Keycloak keeps it as a client note). */
    public static final String PARAMETER = "campuspass_wechat_ticket";

    /** The realm attribute holding the realm's ticket key. */
    public static final String REALM_KEY_ATTRIBUTE = "campuspassWeChatLoginKey";

    /** The user attribute holding the WeChat openid the account is bound to. */
    public static final String OPENID_ATTRIBUTE = "wechatOpenid";

    /** How long a ticket is good for: the portal uses it at once, on the redirect to the login step. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    /** How far the minting server's clock may run ahead of Keycloak's. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final String VERSION = "v1";
    private static final int MAX_LENGTH = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a valid ticket says. */
    public record Claims(String realm, String username, String openid, Instant expiresAt, String nonce) {}

    private WeChatLoginTicket() {}

    /** A new random realm key, as stored in {@link #REALM_KEY_ATTRIBUTE}. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** A ticket for {@code username} of {@code realm}, bound to {@code openid}, valid from {@code now}. */
    public static String mint(String key, String realm, String username, String openid, Instant now) {
        for (String part : new String[] {realm, username, openid}) {
            if (part == null || part.isEmpty() || part.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("realm, username and openid must be non-empty single lines");
            }
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String text = String.join(
                "\n",
                realm,
                username,
                openid,
                Long.toString(now.plus(LIFETIME).getEpochSecond()),
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
        String signed = VERSION + "." + base64(text.getBytes(StandardCharsets.UTF_8));
        return signed + "." + base64(mac(key, signed));
    }

    /**
     * The claims of a ticket that is well-formed, signed with {@code key}, names {@code realm} and has not expired at
     * {@code now}; empty for anything else (never an exception: the caller falls back to the password form). A ticket
     * claiming to live longer than {@link #LIFETIME} (plus a little clock skew) from now is refused too.
     */
    public static Optional<Claims> verify(String key, String realm, String ticket, Instant now) {
        if (key == null || key.isEmpty() || ticket == null || ticket.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int lastDot = ticket.lastIndexOf('.');
        if (!ticket.startsWith(VERSION + ".") || lastDot <= VERSION.length()) {
            return Optional.empty();
        }
        String signed = ticket.substring(0, lastDot);
        byte[] given;
        byte[] text;
        try {
            given = Base64.getUrlDecoder().decode(ticket.substring(lastDot + 1));
            text = Base64.getUrlDecoder().decode(signed.substring(VERSION.length() + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected;
        try {
            expected = mac(key, signed);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a key that is not base64url
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        String[] parts = new String(text, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 5 || !parts[0].equals(realm)) {
            return Optional.empty();
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expiresAt) || expiresAt.isAfter(now.plus(LIFETIME).plus(CLOCK_SKEW))) {
            return Optional.empty();
        }
        if (parts[1].isEmpty() || parts[2].isEmpty() || parts[4].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Claims(parts[0], parts[1], parts[2], expiresAt, parts[4]));
    }

    private static byte[] mac(String key, String signed) {
        byte[] keyBytes = Base64.getUrlDecoder().decode(key);
        if (keyBytes.length < 32) {
            throw new IllegalArgumentException("ticket key shorter than 32 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
