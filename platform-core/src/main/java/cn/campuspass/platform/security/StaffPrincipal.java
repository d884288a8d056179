package cn.campuspass.platform.security;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.web.ServerResolved;
import java.util.Objects;
import java.util.Set;

/**
 * The staff member (or platform operator) behind one request, resolved once per request from the token and the
 * school's role grants: who, in which school, what they may do, whose records they may see. Controllers take it (or
 * just its {@link DataScope}) as a method parameter.
 *
 * @param school the school, or {@code null} for a platform operator
 * @param userId the Keycloak user id ({@code sub})
 * @param username the login name
 * @param roles the enabled realm roles that granted something
 * @param permissions every permission granted
 * @param scope whose personal records may be seen
 */
@ServerResolved
public record StaffPrincipal(
        SchoolCode school,
        String userId,
        String username,
        Set<String> roles,
        Set<String> permissions,
        DataScope scope) {

    public StaffPrincipal {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        Objects.requireNonNull(scope, "scope");
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    /** A name for 操作人 columns: the login name, else the user id. */
    public String actor() {
        return username != null && !username.isBlank() ? username : userId;
    }
}
