package cn.campuspass.visitor;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A resident identity card number (居民身份证号码, GB 11643-1999): 17 digits and a check character (0-9 or X),
 * with a real date of birth in positions 7–14. Accepts what people type: spaces, full-width digits, a lower-case x.
 */
public record IdCardNumber(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    public IdCardNumber {
        if (!valid(value)) {
            throw new IllegalArgumentException("Not a valid resident identity card number");
        }
    }

    public static Optional<IdCardNumber> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        StringBuilder normal = new StringBuilder();
        for (char c : input.strip().toCharArray()) {
            if (c >= '０' && c <= '９') {
                c = (char) ('0' + (c - '０'));
            } else if (c == 'ｘ' || c == 'Ｘ') {
                c = 'X';
            }
            if (c == ' ' || c == '　') {
                continue;
            }
            normal.append(Character.toUpperCase(c));
        }
        String candidate = normal.toString().toUpperCase(Locale.ROOT);
        return valid(candidate) ? Optional.of(new IdCardNumber(candidate)) : Optional.empty();
    }

    private static boolean valid(String v) {
        if (v == null || v.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        if (v.charAt(17) != CHECK[sum % 11]) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.of(
                    Integer.parseInt(v.substring(6, 10)),
                    Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
            return birth.getYear() >= 1900;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** {@code 1101**********123X}: region prefix and the last four, what lists and the desk see. */
    public String masked() {
        return value.substring(0, 4) + "**********" + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
