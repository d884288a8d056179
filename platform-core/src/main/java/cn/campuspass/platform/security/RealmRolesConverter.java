package cn.campuspass.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Maps Keycloak realm roles ({@code realm_access.roles}) to authorities, by which kind of realm issued them. */
final class RealmRolesConverter {

    private RealmRolesConverter() {}

    static Collection<GrantedAuthority> platformAuthorities(Jwt jwt) {
        return realmRoles(jwt).contains(Roles.PLATFORM_OPERATOR_ROLE)
                ? List.of(new SimpleGrantedAuthority("ROLE_" + Roles.OPERATOR))
                : List.of();
    }

    static Collection<GrantedAuthority> schoolAuthorities(Jwt jwt) {
        // Only "a school realm signed this"; what the holder may do comes from the school's role table, never from
        // a role's name (StaffPrincipals).
        return List.of(new SimpleGrantedAuthority("ROLE_" + Roles.SCHOOL_USER));
    }

    static List<String> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream().map(String::valueOf).toList();
    }
}
