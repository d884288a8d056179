package cn.campuspass.tenant.staff;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.security.Permissions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in staff member (A7): who they are, what the console may show them, their name and phone. The password
 * is changed on Keycloak's own update-password page, started by the console, never through this API.
 * The account is the token's subject in the token's realm; no request names another user.
 */
@RestController
@RequestMapping("/admin/api/me")
class MeController {

    private final StaffAccounts accounts;

    MeController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    record SchoolRef(String code, String name) {}

    record MeResponse(
            String username,
            String name,
            String phone,
            List<String> roles,
            Set<String> permissions,
            SchoolRef school) {}

    record UpdateMe(String name, String phone) {}

    @GetMapping
    MeResponse me(@AuthenticationPrincipal Jwt jwt) {
        SchoolCode school = SchoolContext.require();
        return response(jwt, school, accounts.account(school, userId(jwt, school)));
    }

    @PutMapping
    MeResponse update(@AuthenticationPrincipal Jwt jwt, @RequestBody UpdateMe request) {
        SchoolCode school = SchoolContext.require();
        return response(jwt, school, accounts.update(school, userId(jwt, school), request.name(), request.phone()));
    }

    /** Keycloak puts the user id in {@code sub} unless the realm's "basic" scope is off; then go by username. */
    private String userId(Jwt jwt, SchoolCode school) {
        String subject = jwt.getSubject();
        return subject != null && !subject.isBlank()
                ? subject
                : accounts.idOf(school, jwt.getClaimAsString("preferred_username"));
    }

    private MeResponse response(Jwt jwt, SchoolCode school, StaffAccounts.Account account) {
        List<String> roles = schoolRoles(jwt);
        SchoolEntry entry = accounts.school(school);
        return new MeResponse(
                account.username(),
                account.name(),
                account.phone(),
                roles,
                Permissions.of(roles),
                new SchoolRef(school.value(), entry.name()));
    }

    /** The school roles the token carries (Keycloak's default roles such as offline_access left out). */
    private static List<String> schoolRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        Set<String> granted = roles.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        return Permissions.schoolRoles().stream().filter(granted::contains).toList();
    }
}
