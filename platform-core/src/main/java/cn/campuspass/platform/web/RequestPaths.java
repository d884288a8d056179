package cn.campuspass.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * The one path every decision is taken on: the request path within the application, percent-decoded, the same
 * path Spring MVC's routing matches. Decisions made on the raw URI (the school binding, rate limits) would
 * otherwise disagree with routing: {@code /admin/%61pi/home} is routed to {@code /admin/api/home}. Requests whose
 * decoding would be ambiguous are refused before anything runs ({@link RequestHygieneFilter}), so decoding here is
 * a plain, unambiguous step.
 */
public final class RequestPaths {

    /** Encodings whose decoded form would change the path's structure or decode again later. */
    private static final Pattern AMBIGUOUS_ENCODING = Pattern.compile("%(2f|5c|2e|3b|25|00)", Pattern.CASE_INSENSITIVE);

    private RequestPaths() {}

    /** The decoded path within the application, e.g. {@code /admin/api/home}. */
    public static String of(HttpServletRequest request) {
        String raw = request.getRequestURI();
        String context = request.getContextPath();
        if (context != null && !context.isEmpty() && raw.startsWith(context)) {
            raw = raw.substring(context.length());
        }
        return UriUtils.decode(raw, StandardCharsets.UTF_8);
    }

    /**
     * Whether a raw request URI (as sent, still encoded) is canonical: no encoded {@code / \ . ;}, no encoded
     * {@code %} (double encoding), no {@code \} or {@code ;}, no empty, {@code .} or {@code ..} segments, and
     * well-formed percent escapes.
     */
    public static boolean canonical(String rawUri) {
        if (rawUri.isEmpty() || rawUri.charAt(0) != '/') {
            return false;
        }
        if (rawUri.indexOf('\\') >= 0
                || rawUri.indexOf(';') >= 0
                || AMBIGUOUS_ENCODING.matcher(rawUri).find()) {
            return false;
        }
        for (int i = 0; i < rawUri.length(); i++) {
            if (rawUri.charAt(i) == '%'
                    && (i + 2 >= rawUri.length() || !hex(rawUri.charAt(i + 1)) || !hex(rawUri.charAt(i + 2)))) {
                return false;
            }
        }
        String[] segments = rawUri.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
