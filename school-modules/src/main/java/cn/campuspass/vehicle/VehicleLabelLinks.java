package cn.campuspass.vehicle;

import cn.campuspass.platform.school.SchoolCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the links printed as QR codes on e-bike labels, the way gate poster links are signed (see
 * {@code GateLinks}): a per-school key {@code HMAC-SHA256(master, "ebike-label:" + school)}, and as signature the
 * first 16 bytes of {@code HMAC-SHA256(schoolKey, "ebike:" + school + ":" + vehicleId)} in base64url (22
 * characters). A label cannot be edited into another vehicle's or another school's, and ids cannot be enumerated
 * through the public scan page. The purpose string differs from the gate links', so a gate signature never signs a
 * label with the same number.
 */
final class VehicleLabelLinks {

    static final int SIGNATURE_CHARS = 22;
    private static final int SIGNATURE_BYTES = 16;
    private static final String HMAC = "HmacSHA256";
    private static final Pattern SIGNATURE = Pattern.compile("^[A-Za-z0-9_-]{" + SIGNATURE_CHARS + "}$");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] masterSecret;

    VehicleLabelLinks(byte[] masterSecret) {
        Objects.requireNonNull(masterSecret, "masterSecret");
        if (masterSecret.length < 32) {
            throw new IllegalArgumentException("The label link master secret must be at least 32 bytes");
        }
        this.masterSecret = masterSecret.clone();
    }

    /** {@code <publicUrl>/portal/<school>/ebike/<id>?s=<sig>}; the portal page asks the scan API with the same s. */
    String link(String publicUrl, String school, long vehicleId) {
        String base = publicUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/portal/" + school + "/ebike/" + vehicleId + "?s=" + signature(school, vehicleId);
    }

    boolean verify(String school, long vehicleId, String sig) {
        if (!SchoolCode.isValid(school)
                || vehicleId <= 0
                || sig == null
                || !SIGNATURE.matcher(sig).matches()) {
            return false;
        }
        byte[] expected = signature(school, vehicleId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
    }

    String signature(String school, long vehicleId) {
        byte[] schoolKey = hmac(masterSecret, "ebike-label:" + school);
        try {
            return BASE64URL.encodeToString(
                    Arrays.copyOf(hmac(schoolKey, "ebike:" + school + ":" + vehicleId), SIGNATURE_BYTES));
        } finally {
            Arrays.fill(schoolKey, (byte) 0);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
