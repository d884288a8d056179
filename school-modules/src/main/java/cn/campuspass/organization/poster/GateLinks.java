package cn.campuspass.organization.poster;

import cn.campuspass.platform.school.SchoolCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the gate entry links printed as QR codes on gate posters, so that a registrant cannot edit a
 * link into another gate's or another school's entry.
 *
 * <p>Each school gets its own key derived from the platform master secret ({@code HMAC-SHA256(master,
 * "gate-link:" + school)}), so a key leaked for one school (for example to a gate device vendor) signs nothing
 * for another. The signature is the first 16 bytes of {@code HMAC-SHA256(schoolKey, "gate:" + school + ":" +
 * gateId)}, base64url without padding: 22 characters, short enough to keep the QR code coarse and easy to scan.
 *
 * <p>The public URL (scheme, host, path prefix) is deliberately not signed: the link is verified by the server
 * that receives it, and a link edited to point at another host never reaches us.
 */
public final class GateLinks {

    static final int MIN_SECRET_BYTES = 32;
    static final int SIGNATURE_BYTES = 16;
    static final int SIGNATURE_CHARS = 22;

    private static final String HMAC = "HmacSHA256";
    private static final Pattern SIGNATURE = Pattern.compile("^[A-Za-z0-9_-]{" + SIGNATURE_CHARS + "}$");
    private static final Pattern GATE_PATH =
            Pattern.compile("^(.*)/portal/([a-z][a-z0-9]{1,29})/gate/([1-9][0-9]{0,18})$");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] masterSecret;

    public GateLinks(byte[] masterSecret) {
        Objects.requireNonNull(masterSecret, "masterSecret");
        if (masterSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "The gate link master secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.masterSecret = masterSecret.clone();
    }

    /**
     * The signed entry link of a gate: {@code <publicUrl>/portal/<school>/gate/<gateId>?s=<sig>}.
     *
     * @param publicUrl the portal's public base URL, absolute http(s), optionally with a path prefix; a trailing
     *     slash is ignored
     */
    public String link(String publicUrl, String schoolCode, long gateId) {
        String base = normalizeBase(publicUrl);
        requireSchool(schoolCode);
        requireGateId(gateId);
        return base + "/portal/" + schoolCode + "/gate/" + gateId + "?s=" + signature(schoolCode, gateId);
    }

    /** Whether {@code sig} is the signature of this school's gate. False for anything null or malformed. */
    public boolean verify(String schoolCode, long gateId, String sig) {
        if (!SchoolCode.isValid(schoolCode)
                || gateId <= 0
                || sig == null
                || !SIGNATURE.matcher(sig).matches()) {
            return false;
        }
        // Compare the canonical encodings rather than decoded bytes: the 22nd base64 character carries 4 unused
        // bits, and decoding would accept several spellings of one signature.
        byte[] expected = signature(schoolCode, gateId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The gate a scanned link points at, if the link has the shape {@link #link} produces and its signature holds.
     * Other query parameters are tolerated (WeChat appends its own when a link is shared), but exactly one
     * {@code s} must be present.
     */
    public Optional<GateRef> parse(String url) {
        if (url == null || url.length() > 2048) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.getRawPath() == null) {
            return Optional.empty();
        }
        Matcher path = GATE_PATH.matcher(uri.getRawPath());
        if (!path.matches()) {
            return Optional.empty();
        }
        String school = path.group(2);
        long gateId;
        try {
            gateId = Long.parseLong(path.group(3));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String sig = null;
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&", -1)) {
            if (pair.startsWith("s=")) {
                if (sig != null) {
                    return Optional.empty();
                }
                sig = pair.substring(2);
            } else if (pair.equals("s")) {
                return Optional.empty();
            }
        }
        return verify(school, gateId, sig) ? Optional.of(new GateRef(school, gateId)) : Optional.empty();
    }

    private String signature(String schoolCode, long gateId) {
        byte[] schoolKey = hmac(masterSecret, "gate-link:" + schoolCode);
        try {
            byte[] mac = hmac(schoolKey, "gate:" + schoolCode + ":" + gateId);
            return BASE64URL.encodeToString(Arrays.copyOf(mac, SIGNATURE_BYTES));
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

    private static String normalizeBase(String publicUrl) {
        if (publicUrl == null || publicUrl.isBlank()) {
            throw new IllegalArgumentException("The portal's public URL is required");
        }
        String base = publicUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid public URL: " + publicUrl, e);
        }
        boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "The public URL must be an absolute http(s) URL without query: " + publicUrl);
        }
        return base;
    }

    private static void requireSchool(String schoolCode) {
        if (!SchoolCode.isValid(schoolCode)) {
            throw new IllegalArgumentException("Invalid school code: " + schoolCode);
        }
    }

    private static void requireGateId(long gateId) {
        if (gateId <= 0) {
            throw new IllegalArgumentException("Gate ids are positive: " + gateId);
        }
    }
}
