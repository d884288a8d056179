package cn.campuspass.tenant.staff;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.tenant.role.StaffDirectorySync;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.tenant.user.StaffUserMirror;
import cn.campuspass.tenant.user.StaffUserQueries;
import cn.campuspass.tenant.user.StaffUsers;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in staff member (A7): who they are, what the console may show them, their name and phone, and the
 * departments and position the school recorded for them (from the staff_user mirror). The password
 * is changed on Keycloak's own update-password page, started by the console, never through this API.
 * The account is the token's subject in the token's realm; no request names another user.
 */
@RestController
@RequestMapping("/admin/api/me")
@OpenTo(OpenTo.Audience.SIGNED_IN_STAFF)
class MeController {

    private final StaffAccounts accounts;
    private final StaffRoleGrants grants;
    private final StaffUserQueries users;
    private final StaffDirectorySync sync;
    private final StaffUsers staffUsers;

    MeController(
            StaffAccounts accounts,
            StaffRoleGrants grants,
            StaffUserQueries users,
            StaffDirectorySync sync,
            StaffUsers staffUsers) {
        this.staffUsers = staffUsers;
        this.accounts = accounts;
        this.grants = grants;
        this.users = users;
        this.sync = sync;
    }

    record SchoolRef(String code, String name) {}

    record MeResponse(
            String username,
            String name,
            String phone,
            List<String> roles,
            List<String> roleNames,
            Set<String> permissions,
            DataScope.Kind dataScope,
            SchoolRef school,
            List<String> departments,
            String position) {}

    record UpdateMe(String name, String phone) {}

    @GetMapping
    MeResponse me(@AuthenticationPrincipal Jwt jwt, StaffPrincipal principal) {
        SchoolCode school = SchoolContext.require();
        return response(principal, school, accounts.account(school, userId(jwt, school)));
    }

    @PutMapping
    MeResponse update(@AuthenticationPrincipal Jwt jwt, StaffPrincipal principal, @RequestBody UpdateMe request) {
        SchoolCode school = SchoolContext.require();
        StaffAccounts.Account account = accounts.update(school, userId(jwt, school), request.name(), request.phone());
        staffUsers.recordOwnChange(account.id(), account.name(), account.phone(), principal.actor());
        return response(principal, school, account);
    }

    /** Keycloak puts the user id in {@code sub} unless the realm's "basic" scope is off; then go by username. */
    private String userId(Jwt jwt, SchoolCode school) {
        String subject = jwt.getSubject();
        return subject != null && !subject.isBlank()
                ? subject
                : accounts.idOf(school, jwt.getClaimAsString("preferred_username"));
    }

    private MeResponse response(StaffPrincipal principal, SchoolCode school, StaffAccounts.Account account) {
        List<String> roles = List.copyOf(principal.roles());
        SchoolEntry entry = accounts.school(school);
        sync.ensureSynced(school);
        var recorded = users.find(account.id());
        return new MeResponse(
                account.username(),
                account.name(),
                account.phone(),
                roles,
                grants.roleNames(school, roles),
                new java.util.TreeSet<>(principal.permissions()),
                principal.scope().kind(),
                new SchoolRef(school.value(), entry.name()),
                recorded.map(u -> u.departments().stream()
                                .map(StaffUserMirror.Named::name)
                                .toList())
                        .orElse(List.of()),
                recorded.map(u -> u.position() == null ? null : u.position().name())
                        .orElse(null));
    }
}
