package cn.campuspass.platform.web;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The first look at every request, before rate limits, security and routing, so that every endpoint (present and
 * future) gets the same refusals with {@code {code, message}} instead of a 500 deep inside:
 *
 * <ul>
 *   <li>a method HTTP does not define → 405;
 *   <li>a path that is not canonical ({@link RequestPaths#canonical}) → 400 {@code PATH_NOT_CANONICAL}, so the
 *       decoded path later filters decide on is unambiguous;
 *   <li>control characters in the decoded path or in a query parameter (NUL reaches PostgreSQL otherwise) → 400
 *       {@code CONTROL_CHARACTERS};
 *   <li>a JSON body declared in a charset other than UTF-8 → 415;
 *   <li>{@code page} and {@code size} query parameters outside {@code 0..MAX_PAGE} and {@code 1..MAX_SIZE} → 400
 *       {@code PAGING_INVALID} (an offset of {@code 2147483647 × size} overflowed).
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestHygieneFilter extends OncePerRequestFilter {

    public static final int MAX_PAGE = 10_000;
    public static final int MAX_SIZE = 500;

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final HandlerExceptionResolver errors;

    RequestHygieneFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            check(request);
        } catch (ApiException e) {
            if (e.error() == PlatformError.METHOD_NOT_ALLOWED) {
                response.setHeader("Allow", String.join(", ", METHODS));
            }
            errors.resolveException(request, response, null, e);
            return;
        }
        chain.doFilter(request, response);
    }

    static void check(HttpServletRequest request) {
        if (!METHODS.contains(request.getMethod())) {
            throw new ApiException(PlatformError.METHOD_NOT_ALLOWED);
        }
        if (!RequestPaths.canonical(request.getRequestURI())) {
            throw new ApiException(PlatformError.PATH_NOT_CANONICAL);
        }
        String contentType = request.getContentType();
        if (contentType != null && !jsonInUtf8(contentType)) {
            throw new ApiException(PlatformError.UNSUPPORTED_MEDIA_TYPE);
        }
        String path;
        try {
            path = RequestPaths.of(request);
        } catch (IllegalArgumentException e) {
            throw new ApiException(PlatformError.PATH_NOT_CANONICAL);
        }
        if (ControlCharacters.firstRefused(path, false) >= 0) {
            throw new ApiException(PlatformError.CONTROL_CHARACTERS);
        }
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (ControlCharacters.firstRefused(name, false) >= 0 || ControlCharacters.firstRefused(value, false) >= 0) {
                throw new ApiException(PlatformError.CONTROL_CHARACTERS);
            }
            if (name.equals("page")) {
                bounded(value, 0, MAX_PAGE);
            } else if (name.equals("size")) {
                bounded(value, 1, MAX_SIZE);
            }
        }
    }

    /**
     * JSON travels in UTF-8 (RFC 8259 §8.1). A JSON body declared in another charset is refused rather than read:
     * the parser would guess the bytes' encoding and silently disagree with what the client declared.
     */
    static boolean jsonInUtf8(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new ApiException(PlatformError.UNSUPPORTED_MEDIA_TYPE);
        }
        boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || (type.getSubtype().endsWith("+json"));
        if (!json || type.getCharset() == null) {
            return true;
        }
        return type.getCharset().equals(StandardCharsets.UTF_8);
    }

    private static void bounded(String value, int min, int max) {
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw new ApiException(PlatformError.PAGING_INVALID, String.valueOf(MAX_PAGE), String.valueOf(MAX_SIZE));
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(PlatformError.MALFORMED_REQUEST);
        }
    }
}
