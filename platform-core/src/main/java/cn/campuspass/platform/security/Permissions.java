package cn.campuspass.platform.security;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each school role may do, as {@code resource:action} permission strings the consoles use to show or hide
 * menus and buttons. The server still checks roles on every endpoint; this mapping is the one place both sides
 * read.
 */
public final class Permissions {

    public static final String ORGANIZATION_MANAGE = "organization:manage";
    public static final String REGISTRANT_VIEW = "registrant:view";
    public static final String REGISTRANT_MANAGE = "registrant:manage";
    public static final String REGISTRANT_IMPORT = "registrant:import";
    public static final String ACCESS_RULE_MANAGE = "access-rule:manage";
    public static final String ACCESS_RECORD_VIEW = "access-record:view";
    public static final String PASS_VERIFY = "pass:verify";
    public static final String SETTINGS_MANAGE = "settings:manage";
    public static final String DEVICE_MANAGE = "device:manage";

    /** Every permission, in a stable order. */
    public static final Set<String> ALL = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(java.util.List.of(
            ORGANIZATION_MANAGE,
            REGISTRANT_VIEW,
            REGISTRANT_MANAGE,
            REGISTRANT_IMPORT,
            ACCESS_RULE_MANAGE,
            ACCESS_RECORD_VIEW,
            PASS_VERIFY,
            SETTINGS_MANAGE,
            DEVICE_MANAGE)));

    private static final Map<String, Set<String>> BY_ROLE = byRole();

    private Permissions() {}

    /** The school realm roles this mapping knows, in a stable order. */
    public static Set<String> schoolRoles() {
        return BY_ROLE.keySet();
    }

    /** The permissions of one school realm role; empty for a role this mapping does not know. */
    public static Set<String> ofRole(String realmRole) {
        return BY_ROLE.getOrDefault(realmRole, Set.of());
    }

    /** The union of the permissions of these realm roles, sorted. Unknown roles grant nothing. */
    public static Set<String> of(Collection<String> realmRoles) {
        Set<String> all = new TreeSet<>();
        for (String role : realmRoles) {
            all.addAll(ofRole(role));
        }
        return Collections.unmodifiableSet(all);
    }

    private static Map<String, Set<String>> byRole() {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        map.put(Roles.SCHOOL_ADMIN_ROLE, ALL);
        Set<String> officer = new java.util.LinkedHashSet<>(ALL);
        officer.remove(SETTINGS_MANAGE);
        map.put(Roles.SECURITY_OFFICER_ROLE, Collections.unmodifiableSet(officer));
        map.put(Roles.DEPARTMENT_ADMIN_ROLE, Set.of(REGISTRANT_VIEW, ACCESS_RECORD_VIEW));
        map.put(Roles.GATE_GUARD_ROLE, Set.of(PASS_VERIFY));
        return Collections.unmodifiableMap(map);
    }
}
