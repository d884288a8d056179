package cn.campuspass.tenant.role;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.PermissionRegistry;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.keycloak.SchoolRealms;
import jakarta.ws.rs.NotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.RoleResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A school's roles (A3.6): rows of {@code staff_role} with their permissions, each backed by a realm role of the
 * school's realm that says who holds it. A new role's realm role gets a generated key ({@code role-xxxxxxxx}) and the
 * display name as its description, so renaming never touches who holds it. The seeded school administrator always
 * holds every permission with the whole school in scope: it can be renamed, nothing more. Every change drops the
 * cached grants ({@link StaffRoleGrants}) after commit.
 */
@Service
public class StaffRoles {

    static final int MAX_NAME = 50;
    static final int MAX_DESCRIPTION = 200;
    private static final String KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private final SchoolJdbc jdbc;
    private final SchoolRealms realms;
    private final PermissionRegistry registry;
    private final StaffRoleGrants grants;
    private final SecureRandom random = new SecureRandom();

    StaffRoles(SchoolJdbc jdbc, SchoolRealms realms, PermissionRegistry registry, StaffRoleGrants grants) {
        this.jdbc = jdbc;
        this.realms = realms;
        this.registry = registry;
        this.grants = grants;
    }

    /** A role as the console shows it; {@code permissions} only on a single role. */
    public record Role(
            long id,
            String realmRole,
            String name,
            String description,
            DataScope.Kind dataScope,
            boolean enabled,
            String seeded,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy,
            long holders,
            List<String> permissions) {

        public boolean schoolAdmin() {
            return SeededRole.SCHOOL_ADMIN.name().equals(seeded);
        }
    }

    /** What the console sends for a new or edited role; {@code dataScope} SCHOOL, DEPARTMENTS or OWN. */
    public record RoleDraft(String name, String description, String dataScope, Collection<String> permissions) {}

    @Transactional(readOnly = true)
    public List<Role> list() {
        return jdbc.run(c -> query(c, null));
    }

    @Transactional(readOnly = true)
    public Role get(long id) {
        return find(id).orElseThrow(() -> new ApiException(TenantError.ROLE_NOT_FOUND));
    }

    @Transactional(readOnly = true)
    public Optional<Role> find(long id) {
        return jdbc.run(c -> query(c, id)).stream().findFirst().map(this::withPermissions);
    }

    /**
     * Every permission the given roles grant (the school administrator's: all), for checking that a caller hands out
     * nothing they do not hold themselves. Unknown ids are refused.
     */
    @Transactional(readOnly = true)
    public Set<String> permissionsOf(Collection<Long> roleIds) {
        Set<String> result = new TreeSet<>();
        for (long id : Set.copyOf(roleIds)) {
            Role role = find(id).orElseThrow(() -> new ApiException(TenantError.USER_ROLE_UNKNOWN, id));
            result.addAll(role.permissions());
        }
        return result;
    }

    @Transactional
    public Role create(SchoolCode school, RoleDraft draft, StaffPrincipal caller) {
        String name = name(draft.name());
        String description = description(draft.description());
        DataScope.Kind scope = scope(draft.dataScope());
        Set<String> permissions = permissions(draft.permissions(), caller);
        beyondCaller(permissions, caller);
        if (nameTaken(name, null)) {
            throw new ApiException(TenantError.ROLE_NAME_TAKEN, name);
        }
        String realmRole = newRealmRole();
        long id = jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO staff_role (realm_role, name, description, data_scope, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, realmRole);
                ps.setString(2, name);
                ps.setString(3, description);
                ps.setString(4, scope.name());
                ps.setString(5, caller.actor());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        writePermissions(id, permissions);
        RoleRepresentation rep = new RoleRepresentation();
        rep.setName(realmRole);
        rep.setDescription(name);
        realms.of(school).roles().create(rep);
        AfterCommit.invalidate(grants, school);
        return get(id);
    }

    @Transactional
    public Role update(SchoolCode school, long id, RoleDraft draft, StaffPrincipal caller) {
        Role role = get(id);
        String name = name(draft.name());
        String description = description(draft.description());
        if (nameTaken(name, id)) {
            throw new ApiException(TenantError.ROLE_NAME_TAKEN, name);
        }
        DataScope.Kind scope;
        if (role.schoolAdmin()) {
            // Renaming and describing are the school's; what the administrator may do is not.
            boolean scopeChanged = draft.dataScope() != null && scope(draft.dataScope()) != DataScope.Kind.SCHOOL;
            boolean permissionsChanged = draft.permissions() != null
                    && !Set.copyOf(draft.permissions()).equals(registry.schoolPermissionCodes());
            if (scopeChanged || permissionsChanged) {
                throw new ApiException(TenantError.ROLE_PROTECTED);
            }
            scope = DataScope.Kind.SCHOOL;
        } else {
            scope = scope(draft.dataScope());
            Set<String> permissions = permissions(draft.permissions(), caller);
            // A caller without every permission of the role must not be able to take away what they cannot give.
            Set<String> touched = new TreeSet<>(permissions);
            touched.addAll(role.permissions());
            touched.removeIf(p -> permissions.contains(p) == role.permissions().contains(p));
            beyondCaller(touched, caller);
            writePermissions(id, permissions);
        }
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_role SET name = ?, description = ?,"
                    + " data_scope = ?, updated_at = now(), updated_by = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, description);
                ps.setString(3, scope.name());
                ps.setString(4, caller.actor());
                ps.setLong(5, id);
                return ps.executeUpdate();
            }
        });
        if (!name.equals(role.name())) {
            RoleResource realmRole = realms.of(school).roles().get(role.realmRole());
            try {
                RoleRepresentation rep = realmRole.toRepresentation();
                rep.setDescription(name);
                realmRole.update(rep);
            } catch (NotFoundException e) {
                // The description is a courtesy for Keycloak's console; a missing realm role holds nobody.
            }
        }
        AfterCommit.invalidate(grants, school);
        return get(id);
    }

    @Transactional
    public Role setEnabled(SchoolCode school, long id, boolean enabled, StaffPrincipal caller) {
        Role role = get(id);
        if (role.schoolAdmin() && !enabled) {
            throw new ApiException(TenantError.ROLE_PROTECTED);
        }
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE staff_role SET enabled = ?, updated_at = now(), updated_by = ? WHERE id = ?")) {
                ps.setBoolean(1, enabled);
                ps.setString(2, caller.actor());
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
        AfterCommit.invalidate(grants, school);
        return get(id);
    }

    /** Refused while anybody holds the role, by the mirror or by the realm (the realm is the authority). */
    @Transactional
    public void delete(SchoolCode school, long id) {
        Role role = get(id);
        if (role.schoolAdmin()) {
            throw new ApiException(TenantError.ROLE_PROTECTED);
        }
        RealmResource realm = realms.of(school);
        long realmHolders;
        try {
            realmHolders =
                    realm.roles().get(role.realmRole()).getUserMembers(0, 1).size();
        } catch (NotFoundException e) {
            realmHolders = 0;
        }
        if (role.holders() > 0 || realmHolders > 0) {
            throw new ApiException(TenantError.ROLE_IN_USE, Math.max(role.holders(), realmHolders));
        }
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_role WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
        try {
            realm.roles().deleteRole(role.realmRole());
        } catch (NotFoundException e) {
            // already gone (an earlier attempt removed it, then failed to commit)
        }
        AfterCommit.invalidate(grants, school);
    }

    /** The seeded administrator's permissions are whatever the registry declares, not rows. */
    private Role withPermissions(Role role) {
        List<String> permissions = role.schoolAdmin()
                ? new ArrayList<>(new TreeSet<>(registry.schoolPermissionCodes()))
                : jdbc.run(c -> {
                    List<String> codes = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT permission FROM staff_role_permission WHERE role_id = ? ORDER BY permission")) {
                        ps.setLong(1, role.id());
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                if (registry.exists(rs.getString(1))) {
                                    codes.add(rs.getString(1));
                                }
                            }
                        }
                    }
                    return codes;
                });
        return new Role(
                role.id(),
                role.realmRole(),
                role.name(),
                role.description(),
                role.dataScope(),
                role.enabled(),
                role.seeded(),
                role.createdAt(),
                role.updatedAt(),
                role.updatedBy(),
                role.holders(),
                List.copyOf(permissions));
    }

    private static List<Role> query(Connection c, Long id) throws SQLException {
        String sql = "SELECT r.id, r.realm_role, r.name, r.description, r.data_scope, r.enabled, r.seeded,"
                + " r.created_at, r.updated_at, r.updated_by,"
                + " (SELECT count(*) FROM staff_user_role ur WHERE ur.role_id = r.id) AS holders"
                + " FROM staff_role r" + (id == null ? "" : " WHERE r.id = ?") + " ORDER BY r.id";
        List<Role> roles = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String seeded = rs.getString(7);
                    roles.add(new Role(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            DataScope.Kind.valueOf(rs.getString(5)),
                            SeededRole.SCHOOL_ADMIN.name().equals(seeded) || rs.getBoolean(6),
                            seeded,
                            instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)),
                            rs.getString(10),
                            rs.getLong(11),
                            null));
                }
            }
        }
        return roles;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private boolean nameTaken(String name, Long exceptId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM staff_role WHERE name = ?" + (exceptId == null ? "" : " AND id <> ?"))) {
                ps.setString(1, name);
                if (exceptId != null) {
                    ps.setLong(2, exceptId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private void writePermissions(long id, Set<String> permissions) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_role_permission WHERE role_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO staff_role_permission (role_id, permission) VALUES (?, ?)")) {
                for (String permission : permissions) {
                    ps.setLong(1, id);
                    ps.setString(2, permission);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private String newRealmRole() {
        StringBuilder key = new StringBuilder("role-");
        for (int i = 0; i < 8; i++) {
            key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return key.toString();
    }

    private static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new ApiException(TenantError.ROLE_NAME_INVALID);
        }
        return name;
    }

    private static String description(String raw) {
        String description = raw == null ? "" : raw.strip();
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw new ApiException(TenantError.ROLE_DESCRIPTION_INVALID);
        }
        return description;
    }

    private static DataScope.Kind scope(String raw) {
        if (raw != null) {
            for (DataScope.Kind kind : DataScope.Kind.values()) {
                if (kind.name().equals(raw.strip())) {
                    return kind;
                }
            }
        }
        throw new ApiException(TenantError.ROLE_SCOPE_INVALID);
    }

    /** Known school permissions only (a platform permission is unknown here). */
    private Set<String> permissions(Collection<String> raw, StaffPrincipal caller) {
        Set<String> known = registry.schoolPermissionCodes();
        Set<String> result = new TreeSet<>();
        if (raw != null) {
            for (String code : raw) {
                if (code == null || !known.contains(code)) {
                    throw new ApiException(TenantError.PERMISSION_UNKNOWN, String.valueOf(code));
                }
                result.add(code);
            }
        }
        return result;
    }

    static void beyondCaller(Collection<String> permissions, StaffPrincipal caller) {
        List<String> missing =
                permissions.stream().filter(p -> !caller.has(p)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new ApiException(TenantError.GRANT_BEYOND_CALLER, String.join(", ", missing));
        }
    }

    /** Roles by id, for the users API: unknown ids are refused. */
    @Transactional(readOnly = true)
    public Map<Long, Role> byIds(Collection<Long> ids) {
        Map<Long, Role> result = new HashMap<>();
        for (Role role : list()) {
            result.put(role.id(), role);
        }
        for (Long id : ids) {
            if (id == null || !result.containsKey(id)) {
                throw new ApiException(TenantError.USER_ROLE_UNKNOWN, String.valueOf(id));
            }
        }
        result.keySet().retainAll(Set.copyOf(ids));
        return result;
    }
}
