package cn.campuspass.tenant.role;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.PermissionDefinition;
import cn.campuspass.platform.security.PermissionRegistry;
import cn.campuspass.platform.security.SchoolRoleGrants;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a school's realm roles grant, read from the school's role table and held in memory for a few seconds, so a
 * request pays a map lookup, not a query. A change made through the roles API takes effect on this node at once
 * and on every node within {@link #TTL}, well inside the access-token lifetime. A realm role the table does not
 * know, or a disabled one, grants nothing: names grant nothing, rows do. A user disabled through the users API
 * holds nothing from then on, though their last access token is still signed and unexpired.
 *
 * <p>Refresh-ahead: a snapshot older than {@link #REFRESH_AFTER} is still used, and reloaded in the background by the
 * first request that sees it so; only a snapshot older than {@link #TTL} (a school with no request for a while) is
 * reloaded on the request's own thread. Under steady traffic no request waits for the role table (issue 8: the check
 * adds at most 1 ms at p99), and the TTL still bounds how old a grant can be.
 */
@Service
public class StaffRoleGrants implements SchoolRoleGrants, DisposableBean {

    static final Duration TTL = Duration.ofSeconds(5);
    static final Duration REFRESH_AFTER = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(StaffRoleGrants.class);

    /** One role as the table holds it; the school administrator's permissions are always all school permissions. */
    record RoleGrant(
            long id, String realmRole, String name, boolean enabled, DataScope.Kind scope, Set<String> permissions) {}

    /** The role table, and the users disabled in the mirror: their still-valid access tokens grant nothing. */
    /**
     * One load of the school's role table. {@code principals} remembers the principals resolved from it (by user,
     * name and realm roles), so a user's next request within the snapshot's life is one map look-up; it goes with
     * the snapshot (at most the TTL old, dropped at once by {@link #invalidate}).
     */
    private record Snapshot(
            long loadedAt,
            Map<String, RoleGrant> byRealmRole,
            Set<String> disabledUsers,
            Map<String, StaffPrincipal> principals) {

        Snapshot(long loadedAt, Map<String, RoleGrant> byRealmRole, Set<String> disabledUsers) {
            this(loadedAt, byRealmRole, disabledUsers, new ConcurrentHashMap<>());
        }
    }

    /** Bound on the principals one snapshot remembers (a burst of distinct users only clears it). */
    private static final int MAX_REMEMBERED = 10_000;

    private record Loaded(Map<String, RoleGrant> byRealmRole, Set<String> disabledUsers) {}

    private record Departments(long loadedAt, Set<Long> ids) {}

    // Resolved at first use: this bean is built while the web server starts (the permission interceptor needs it),
    // before JPA's EntityManager and transaction manager exist.
    private final ObjectProvider<SchoolJdbc> jdbcProvider;
    private final ObjectProvider<PlatformTransactionManager> transactionManager;
    private final PermissionRegistry registry;
    private final Map<SchoolCode, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Departments> departments = new ConcurrentHashMap<>();
    /**
     * Schools whose table this node has already offered the permissions it knows: new permissions arrive only with
     * a new release, so once per school per process is enough (not at every reload).
     */
    private final Set<SchoolCode> offered = ConcurrentHashMap.newKeySet();
    /** Schools being reloaded in the background now; one reload per school at a time. */
    private final Set<SchoolCode> refreshing = ConcurrentHashMap.newKeySet();
    /** Bumped by {@link #invalidate}: a background reload that began before it does not store its older snapshot. */
    private final Map<SchoolCode, Long> generations = new ConcurrentHashMap<>();

    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "staff-role-grants-refresh");
        t.setDaemon(true);
        return t;
    });

    StaffRoleGrants(
            ObjectProvider<SchoolJdbc> jdbc,
            ObjectProvider<PlatformTransactionManager> transactionManager,
            PermissionRegistry registry) {
        this.jdbcProvider = jdbc;
        this.transactionManager = transactionManager;
        this.registry = registry;
    }

    @Override
    public StaffPrincipal resolve(SchoolCode school, String userId, String username, Collection<String> realmRoles) {
        Snapshot snapshot = snapshot(school);
        String key = userId + '\n' + username + '\n' + String.join("\n", realmRoles);
        StaffPrincipal remembered = snapshot.principals().get(key);
        if (remembered != null) {
            return remembered;
        }
        Map<String, RoleGrant> grants = snapshot.disabledUsers().contains(userId) ? Map.of() : snapshot.byRealmRole();
        Set<String> roles = new LinkedHashSet<>();
        Set<String> permissions = new HashSet<>();
        DataScope.Kind widest = null;
        for (String realmRole : realmRoles) {
            RoleGrant grant = grants.get(realmRole);
            if (grant == null || !grant.enabled()) {
                continue;
            }
            roles.add(realmRole);
            permissions.addAll(grant.permissions());
            if (widest == null || grant.scope().ordinal() < widest.ordinal()) {
                widest = grant.scope();
            }
        }
        DataScope scope;
        if (widest == null || widest == DataScope.Kind.OWN) {
            scope = new DataScope.OwnRecords(userId, username != null && !username.isBlank() ? username : userId);
        } else if (widest == DataScope.Kind.DEPARTMENTS) {
            scope = new DataScope.Departments(departmentsOf(school, userId));
        } else {
            scope = DataScope.wholeSchool();
        }
        StaffPrincipal principal = new StaffPrincipal(school, userId, username, roles, permissions, scope);
        if (snapshot.principals().size() >= MAX_REMEMBERED) {
            snapshot.principals().clear();
        }
        snapshot.principals().put(key, principal);
        return principal;
    }

    private SchoolJdbc jdbc() {
        return jdbcProvider.getObject();
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager.getObject());
    }

    /** Forgets what this node holds for the school; the roles and users APIs call it after each change. */
    public void invalidate(SchoolCode school) {
        generations.merge(school, 1L, Long::sum);
        snapshots.remove(school);
        departments.keySet().removeIf(key -> key.startsWith(school.value() + '/'));
    }

    /** The school's names of these realm roles (学校管理员, or a custom role's name), in the order given. */
    public List<String> roleNames(SchoolCode school, Collection<String> realmRoles) {
        Map<String, RoleGrant> grants = snapshot(school).byRealmRole();
        return realmRoles.stream()
                .map(grants::get)
                .filter(java.util.Objects::nonNull)
                .map(RoleGrant::name)
                .toList();
    }

    private Snapshot snapshot(SchoolCode school) {
        long now = System.nanoTime();
        Snapshot snapshot = snapshots.get(school);
        if (snapshot == null || now - snapshot.loadedAt() > TTL.toNanos()) {
            boolean offer = !offered.contains(school);
            Loaded loaded = transactions().execute(status -> load(offer));
            if (offer) {
                offered.add(school);
            }
            snapshot = new Snapshot(now, loaded.byRealmRole(), loaded.disabledUsers());
            snapshots.put(school, snapshot);
        } else if (now - snapshot.loadedAt() > REFRESH_AFTER.toNanos() && refreshing.add(school)) {
            refreshInBackground(school);
        }
        return snapshot;
    }

    private void refreshInBackground(SchoolCode school) {
        long generation = generations.getOrDefault(school, 0L);
        try {
            refresher.execute(() -> {
                try {
                    long started = System.nanoTime();
                    Loaded loaded = SchoolContext.callAsUnchecked(
                            school, () -> transactions().execute(status -> load(false)));
                    Snapshot fresh = new Snapshot(started, loaded.byRealmRole(), loaded.disabledUsers());
                    snapshots.computeIfPresent(
                            school,
                            (code, current) ->
                                    generations.getOrDefault(school, 0L) == generation && current.loadedAt() < started
                                            ? fresh
                                            : current);
                } catch (RuntimeException e) {
                    log.warn(
                            "Background reload of the role table of {} failed; the next request past the TTL reloads it",
                            school,
                            e);
                } finally {
                    refreshing.remove(school);
                }
            });
        } catch (RuntimeException e) {
            refreshing.remove(school);
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    private Set<Long> departmentsOf(SchoolCode school, String userId) {
        long now = System.nanoTime();
        String key = school.value() + '/' + userId;
        Departments cached = departments.get(key);
        if (cached == null || now - cached.loadedAt() > TTL.toNanos()) {
            Set<Long> ids = transactions()
                    .execute(status -> jdbc().run(c -> {
                        Set<Long> result = new HashSet<>();
                        try (PreparedStatement ps = c.prepareStatement(
                                "SELECT d.department_id FROM staff_user_department d JOIN staff_user u ON u.id = d.user_id"
                                        + " WHERE d.user_id = ? AND u.enabled")) {
                            ps.setString(1, userId);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    result.add(rs.getLong(1));
                                }
                            }
                        }
                        return Set.copyOf(result);
                    }));
            cached = new Departments(now, ids);
            departments.put(key, cached);
        }
        return cached.ids();
    }

    /** Reads the table, first granting permissions new to this school to the seeded roles that receive them. */
    private Loaded load(boolean offerNewPermissions) {
        if (offerNewPermissions) {
            offerNewPermissions();
        }
        return jdbc().run(c -> {
            Map<Long, Set<String>> permissionsById = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT role_id, permission FROM staff_role_permission");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    permissionsById
                            .computeIfAbsent(rs.getLong(1), id -> new HashSet<>())
                            .add(rs.getString(2));
                }
            }
            Set<String> known = registry.schoolPermissionCodes();
            Map<String, RoleGrant> result = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id, realm_role, enabled, data_scope, seeded, name FROM staff_role");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    boolean schoolAdmin = SeededRole.SCHOOL_ADMIN.name().equals(rs.getString(5));
                    Set<String> permissions = schoolAdmin
                            ? known
                            : permissionsById.getOrDefault(id, Set.of()).stream()
                                    .filter(known::contains)
                                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
                    result.put(
                            rs.getString(2),
                            new RoleGrant(
                                    id,
                                    rs.getString(2),
                                    rs.getString(6),
                                    schoolAdmin || rs.getBoolean(3),
                                    DataScope.Kind.valueOf(rs.getString(4)),
                                    permissions));
                }
            }
            Set<String> disabled = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM staff_user WHERE NOT enabled");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    disabled.add(rs.getString(1));
                }
            }
            return new Loaded(Map.copyOf(result), Set.copyOf(disabled));
        });
    }

    private void offerNewPermissions() {
        jdbc().run(c -> {
            Set<String> known = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT permission FROM known_permission");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
            for (PermissionDefinition definition : registry.schoolPermissions()) {
                if (known.contains(definition.code())) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO known_permission (permission) VALUES (?) ON CONFLICT DO NOTHING")) {
                    ps.setString(1, definition.code());
                    if (ps.executeUpdate() == 0) {
                        continue; // another node offered it first
                    }
                }
                for (SeededRole role : definition.grantedTo()) {
                    try (PreparedStatement ps =
                            c.prepareStatement("INSERT INTO staff_role_permission (role_id, permission)"
                                    + " SELECT id, ? FROM staff_role WHERE seeded = ? ON CONFLICT DO NOTHING")) {
                        ps.setString(1, definition.code());
                        ps.setString(2, role.name());
                        ps.executeUpdate();
                    }
                }
            }
            return null;
        });
    }
}
