package cn.campuspass.platform.security;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Binds the school a request acts for, after authentication and before anything reads data:
 *
 * <ul>
 *   <li>{@code /admin/api/**}: the school whose realm issued the token, nothing else;
 *   <li>{@code /portal/{code}/api/**} and {@code /device/{code}/api/**}: the school in the URL; a token of another
 *       school is refused;
 *   <li>elsewhere nothing is bound, so school-scoped code fails closed.
 * </ul>
 *
 * A school that is not in service (suspended, onboarding, schema behind) is refused here.
 */
public class SchoolBindingFilter extends OncePerRequestFilter {

    public static final String SCHOOL_ATTRIBUTE = "campuspass.school";

    private final SchoolIssuers issuers;
    private final SchoolDirectory directory;
    private final HandlerExceptionResolver errors;

    public SchoolBindingFilter(SchoolIssuers issuers, SchoolDirectory directory, HandlerExceptionResolver errors) {
        this.issuers = issuers;
        this.directory = directory;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The decoded path routing matches, not the raw URI: /admin/%61pi/home is routed to /admin/api/home.
        String path = RequestPaths.of(request);
        Optional<SchoolEntry> tokenSchool = tokenSchool();
        SchoolEntry school;
        try {
            if (path.startsWith("/admin/api/")) {
                if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken)) {
                    // Unauthenticated: let authorization answer 401.
                    chain.doFilter(request, response);
                    return;
                }
                school = tokenSchool.orElseThrow(() -> new ApiException(PlatformError.NO_SCHOOL));
            } else if (path.startsWith("/portal/") || path.startsWith("/device/")) {
                school = schoolInPath(path);
                if (school != null
                        && tokenSchool.isPresent()
                        && !tokenSchool.get().code().equals(school.code())) {
                    throw new ApiException(PlatformError.FORBIDDEN);
                }
            } else {
                school = null;
            }
            if (school != null && !school.serves()) {
                throw new ApiException(PlatformError.SCHOOL_UNAVAILABLE);
            }
        } catch (ApiException e) {
            errors.resolveException(request, response, null, e);
            return;
        }
        if (school == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(SCHOOL_ATTRIBUTE, school.code().value());
        try (SchoolContext.Scope ignored = SchoolContext.bind(school.code())) {
            chain.doFilter(request, response);
        }
    }

    private Optional<SchoolEntry> tokenSchool() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return issuers.schoolOf(
                    jwt.getToken().getIssuer() == null
                            ? null
                            : jwt.getToken().getIssuer().toString());
        }
        return Optional.empty();
    }

    /** {@code /portal|device/<code>/api/...} → the registered school, or null for the portal's static pages. */
    private SchoolEntry schoolInPath(String path) {
        String[] parts = path.split("/", 5);
        if (parts.length < 4 || !"api".equals(parts[3])) {
            return null;
        }
        if (!SchoolCode.isValid(parts[2])) {
            throw new ApiException(PlatformError.SCHOOL_NOT_FOUND, parts[2]);
        }
        return directory
                .find(SchoolCode.of(parts[2]))
                .orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, parts[2]));
    }
}
