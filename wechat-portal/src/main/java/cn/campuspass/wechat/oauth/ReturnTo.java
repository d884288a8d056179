package cn.campuspass.wechat.oauth;

import cn.campuspass.platform.school.SchoolCode;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the portal goes after WeChat sign-in. Only a path of this school's portal is accepted ({@code /portal/<school>/
 * ...}): no scheme, host, backslash, dot segment, encoded slash or dot, or non-ASCII, so a crafted link can neither
 * leave the site (open redirect) nor climb out of the school's portal. Anything else falls back to the portal's home.
 */
public final class ReturnTo {

    private static final int MAX_LENGTH = 1024;

    private ReturnTo() {}

    public static String home(SchoolCode school) {
        return "/portal/" + school.value() + "/";
    }

    /** {@code candidate} when it is a safe path of this school's portal, else the portal's home. */
    public static String orHome(String candidate, SchoolCode school) {
        return validate(candidate, school).orElse(home(school));
    }

    public static Optional<String> validate(String candidate, SchoolCode school) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (!candidate.startsWith(home(school))) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return Optional.empty();
            }
        }
        int end = candidate.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = candidate.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String path = candidate.substring(0, end);
        String lower = path.toLowerCase(Locale.ROOT);
        if (path.contains("//")
                || path.contains("/./")
                || path.contains("/../")
                || path.endsWith("/.")
                || path.endsWith("/..")
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }
}
