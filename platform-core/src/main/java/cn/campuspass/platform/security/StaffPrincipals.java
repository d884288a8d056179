package cn.campuspass.platform.security;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Resolves the request's {@link StaffPrincipal} once and keeps it on the request. */
@Component
public class StaffPrincipals {

    private static final String ATTRIBUTE = StaffPrincipal.class.getName();

    private final SchoolRoleGrants grants;
    private final PermissionRegistry registry;

    public StaffPrincipals(SchoolRoleGrants grants, PermissionRegistry registry) {
        this.grants = grants;
        this.registry = registry;
    }

    /** The caller; 401 when the request carries no staff or operator token. */
    public StaffPrincipal current(HttpServletRequest request) {
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached instanceof StaffPrincipal principal) {
            return principal;
        }
        StaffPrincipal principal = resolve(SecurityContextHolder.getContext().getAuthentication());
        request.setAttribute(ATTRIBUTE, principal);
        return principal;
    }

    private StaffPrincipal resolve(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token) || !authentication.isAuthenticated()) {
            throw new ApiException(PlatformError.UNAUTHENTICATED);
        }
        Jwt jwt = token.getToken();
        String username = jwt.getClaimAsString("preferred_username");
        String userId = jwt.getSubject() != null ? jwt.getSubject() : String.valueOf(username);
        boolean operator = authentication.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Roles.OPERATOR).equals(a.getAuthority()));
        if (operator) {
            return new StaffPrincipal(
                    null,
                    userId,
                    username,
                    Set.of(Roles.PLATFORM_OPERATOR_ROLE),
                    registry.platformPermissionCodes(),
                    DataScope.wholeSchool());
        }
        boolean schoolToken = authentication.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Roles.SCHOOL_USER).equals(a.getAuthority()));
        SchoolCode school = SchoolContext.current().orElse(null);
        if (!schoolToken || school == null) {
            throw new ApiException(PlatformError.FORBIDDEN);
        }
        List<String> realmRoles = RealmRolesConverter.realmRoles(jwt);
        StaffPrincipal principal = grants.resolve(school, userId, username, realmRoles);
        // Defence in depth: a school role never carries an operator permission, whatever the role table says.
        Set<String> schoolOnly = registry.schoolPermissionCodes();
        if (!schoolOnly.containsAll(principal.permissions())) {
            principal = new StaffPrincipal(
                    principal.school(),
                    principal.userId(),
                    principal.username(),
                    principal.roles(),
                    principal.permissions().stream()
                            .filter(schoolOnly::contains)
                            .collect(java.util.stream.Collectors.toUnmodifiableSet()),
                    principal.scope());
        }
        return principal;
    }
}
