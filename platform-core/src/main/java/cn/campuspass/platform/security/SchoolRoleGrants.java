package cn.campuspass.platform.security;

import cn.campuspass.platform.school.SchoolCode;
import java.util.Collection;

/**
 * What a school staff member's realm roles grant in their school: the permissions and data scope of the roles the
 * school has enabled. Implemented where the school's roles are kept; a realm role the school's role table does not
 * know (or has disabled) grants nothing, whatever its name.
 */
public interface SchoolRoleGrants {

    StaffPrincipal resolve(SchoolCode school, String userId, String username, Collection<String> realmRoles);
}
