package cn.campuspass.vehicle;

import java.text.Normalizer;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plate number (号牌号码) in its normal form: NFKC (full-width letters and digits become ASCII), upper case, without
 * spaces, dots or hyphens ({@code "粤ｂ·12345"} → {@code "粤B12345"}), so that one plate is one value however it was
 * typed and the per-school uniqueness holds.
 *
 * <p>Motor vehicle plates follow GA 36: a province abbreviation and the issuing authority's letter (I and O are never
 * used, they read as 1 and 0), then
 *
 * <ul>
 *   <li>ordinary plates: five letters or digits ({@code 京A12345});
 *   <li>new-energy plates, eight characters: small vehicles an energy letter (D, A, B, C, E pure electric; F, G, H,
 *       J, K others) then a letter or digit and four digits ({@code 粤BD12345}, {@code 沪AFA1234}); large vehicles
 *       five digits then D or F ({@code 粤B12345D});
 *   <li>special series: four letters or digits then 学 (driving school), 警 (police), 挂 (trailer), 领 (consulate), 港
 *       or 澳 (cross-border) ({@code 京A1234学}, {@code 粤Z1234港});
 *   <li>embassy plates: 使 and six digits, or six digits and 使 ({@code 使014001});
 *   <li>armed police: WJ, an optional province, five letters or digits ({@code WJ京12345}).
 * </ul>
 *
 * E-bike plates are issued by each city in its own format (some all digits, some with a city name), so they are
 * only normalised and checked leniently: 1 to 12 letters, digits or Chinese characters.
 */
public record PlateNumber(String value, VehicleType type) {

    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private static final String LETTER = "[A-HJ-NP-Z]";
    private static final String ALNUM = "[A-HJ-NP-Z0-9]";
    private static final String PROVINCE = "[" + PROVINCES + "]";
    private static final Pattern MOTOR = Pattern.compile(String.join(
            "|",
            PROVINCE + LETTER + ALNUM + "{5}",
            PROVINCE + LETTER + "[DABCEFGHJK]" + ALNUM + "[0-9]{4}",
            PROVINCE + LETTER + "[0-9]{5}[DF]",
            PROVINCE + LETTER + ALNUM + "{4}[学警挂领港澳]",
            "使[0-9]{6}",
            "[0-9]{6}使",
            "WJ" + PROVINCE + "?" + ALNUM + "{5}"));
    private static final Pattern EBIKE = Pattern.compile("[A-Z0-9\\p{IsHan}]{1,12}");
    /** Separators people type inside plates: spaces, middle dots (·, ・, •, ‧), hyphens and dashes, full stops. */
    private static final Pattern SEPARATORS =
            Pattern.compile("[\\s\\u00B7\\u30FB\\u2022\\u2027\\u2219\\-\\u2010-\\u2015.]+");

    public PlateNumber {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    /** The plate in normal form when it is valid for the type; empty for anything else, null included. */
    public static Optional<PlateNumber> parse(String raw, VehicleType type) {
        if (raw == null || type == null || raw.length() > 64) {
            return Optional.empty();
        }
        String normal = normalise(raw);
        Pattern pattern = type == VehicleType.MOTOR ? MOTOR : EBIKE;
        return pattern.matcher(normal).matches() ? Optional.of(new PlateNumber(normal, type)) : Optional.empty();
    }

    /** The normal form of any text typed as a plate, valid or not (search uses it too). */
    public static String normalise(String raw) {
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        return SEPARATORS.matcher(nfkc).replaceAll("").toUpperCase(java.util.Locale.ROOT);
    }

    /** Text cells as read: NFKC, no-break and other spaces trimmed (the plate itself is parsed separately). */
    static String normaliseSpaces(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    /** Whether this is a new-energy plate (eight characters, green plate). */
    public boolean newEnergy() {
        return type == VehicleType.MOTOR && value.length() == 8 && !value.startsWith("WJ");
    }

    @Override
    public String toString() {
        return value;
    }
}
