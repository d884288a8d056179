package cn.campuspass.platform.web;

import cn.campuspass.platform.security.KeycloakProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers of the consoles' and portals' pages and files ({@code /operator/}, {@code /admin/},
 * {@code /portal/}, not their APIs).
 *
 * <p>The Content-Security-Policy allows what the pages really do and nothing else: scripts and styles only from the
 * app itself (Vite emits no inline script; Vue and the component libraries set inline {@code style} attributes, so
 * inline styles stay allowed); XHR/fetch to the app, to {@code blob:} URLs the page made itself (downloads), and to
 * each Keycloak cluster (keycloak-js's token and account calls), frames from Keycloak (keycloak-js's login-status and cookie-check iframes); images from the app, {@code
 * data:} and {@code blob:} (the portal's QR codes, downloaded posters, the icon fonts inlined in Vant's CSS) and the
 * object store (photos shown to a guard are presigned links to it). No page may be framed, no plugin loaded, no
 * {@code <base>} moved, and forms post only to the app. Sign-in itself is a top-level navigation to Keycloak or
 * WeChat, which CSP does not restrict.
 *
 * <p>Referrer-Policy {@code same-origin}: a gate link carries its signature in the query string, and an outside
 * site (Keycloak, WeChat, the object store) has no use for the page address.
 */
final class PageHeaders extends OncePerRequestFilter {

    static final String REFERRER_POLICY = "same-origin";

    private final String contentSecurityPolicy;

    PageHeaders(Collection<String> keycloakUrls, String objectStoreUrl) {
        this.contentSecurityPolicy = policy(keycloakUrls, objectStoreUrl);
    }

    static PageHeaders of(KeycloakProperties keycloak, String objectStoreUrl) {
        return new PageHeaders(keycloak.clusters().values(), objectStoreUrl);
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !isAppFile(path);
    }

    /** Pages and files of the three apps; their JSON APIs have headers of their own. */
    static boolean isAppFile(String path) {
        for (String app : SinglePageApps.APPS) {
            String prefix = "/" + app;
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return !(path.contains("/api/") || path.endsWith("/api"));
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("Referrer-Policy", REFERRER_POLICY);
        // Pre-compressed files are chosen by Accept-Encoding; say so also when the plain file is sent, so that a
        // shared cache never hands the plain or the encoded variant to the wrong client.
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        chain.doFilter(request, response);
    }

    private static String policy(Collection<String> keycloakUrls, String objectStoreUrl) {
        Set<String> keycloak = new LinkedHashSet<>();
        keycloakUrls.forEach(url -> keycloak.add(origin(url)));
        keycloak.remove("");
        String keycloakOrigins = keycloak.isEmpty() ? "" : " " + String.join(" ", keycloak);
        String store = objectStoreUrl == null || objectStoreUrl.isBlank() ? "" : origin(objectStoreUrl);
        String storeOrigin = store.isEmpty() ? "" : " " + store;
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:" + storeOrigin,
                "font-src 'self' data:",
                "connect-src 'self' blob:" + keycloakOrigins,
                "frame-src 'self'" + keycloakOrigins,
                "frame-ancestors 'none'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'");
    }

    /** {@code scheme://host[:port]} of a configured URL; CSP sources must not carry a path for this use. */
    static String origin(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute URL: " + url);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
