package cn.campuspass.platform.school;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mainland China mobile number in its normal form (11 digits, {@code 1[3-9]...}). Accepts what people type:
 * spaces, dashes, full-width digits and a +86/0086/86 prefix. The Keycloak extension normalises the same way when
 * it looks a user up by phone, so the two must stay in step.
 */
public record PhoneNumber(String value) {

    private static final Pattern MOBILE = Pattern.compile("^1[3-9][0-9]{9}$");

    public PhoneNumber {
        if (value == null || !MOBILE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a normalised mainland mobile number");
        }
    }

    public static Optional<PhoneNumber> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        StringBuilder digits = new StringBuilder();
        String trimmed = input.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c >= '０' && c <= '９') {
                c = (char) ('0' + (c - '０'));
            }
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '+' && c != '＋' && c != '　' && c != '(' && c != ')') {
                return Optional.empty();
            }
        }
        String d = digits.toString();
        if (d.length() == 15 && d.startsWith("0086")) {
            d = d.substring(4);
        } else if (d.length() == 13 && d.startsWith("86")) {
            d = d.substring(2);
        }
        return MOBILE.matcher(d).matches() ? Optional.of(new PhoneNumber(d)) : Optional.empty();
    }

    /** {@code 138****8000}: what lists and exports show. */
    public String masked() {
        return value.substring(0, 3) + "****" + value.substring(7);
    }

    @Override
    public String toString() {
        return masked();
    }
}
