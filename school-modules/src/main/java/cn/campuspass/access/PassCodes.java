package cn.campuspass.access;

import cn.campuspass.platform.error.ApiException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The short code of a dynamic pass and the QR payload that carries it. Eight digits: easy to read out or type on a
 * guard's phone, and with a 30-second life and single use far beyond guessing (10^8 codes per school, rate-limited
 * callers). The payload {@code CP1:<school>:<code>} lets a gate device reject another school's pass at once.
 */
final class PassCodes {

    static final int LENGTH = 8;
    static final String PAYLOAD_PREFIX = "CP1:";

    private static final Pattern CODE = Pattern.compile("^[0-9]{" + LENGTH + "}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PassCodes() {}

    static String random() {
        return String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    static String payload(String school, String code) {
        return PAYLOAD_PREFIX + school + ":" + code;
    }

    /**
     * The code in what a guard typed or a device scanned: the bare code (spaces, dashes and full-width digits
     * tolerated) or a payload. Empty for another school's payload; 400 for anything that is not a pass at all.
     */
    static Optional<String> parse(String raw, String school) {
        if (raw == null) {
            throw new ApiException(AccessError.PASS_CODE_MALFORMED);
        }
        String text = raw.strip();
        if (text.startsWith(PAYLOAD_PREFIX)) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3) {
                throw new ApiException(AccessError.PASS_CODE_MALFORMED);
            }
            String code = normalise(parts[2]);
            if (!CODE.matcher(code).matches()) {
                throw new ApiException(AccessError.PASS_CODE_MALFORMED);
            }
            return parts[1].equals(school) ? Optional.of(code) : Optional.empty();
        }
        String code = normalise(text);
        if (!CODE.matcher(code).matches()) {
            throw new ApiException(AccessError.PASS_CODE_MALFORMED);
        }
        return Optional.of(code);
    }

    private static String normalise(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '０' && ch <= '９') {
                sb.append((char) ('0' + (ch - '０')));
            } else if (ch != ' ' && ch != '-' && ch != '　') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
