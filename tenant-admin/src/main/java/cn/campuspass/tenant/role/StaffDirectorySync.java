package cn.campuspass.tenant.role;

import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.keycloak.SchoolRealms;
import jakarta.ws.rs.NotFoundException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings realm accounts the users API did not create into the {@code staff_user} mirror: the first school
 * administrator (created by onboarding in the realm only) and anyone given a role known to {@code staff_role} in
 * Keycloak's own console. It runs lazily, once per school per node, the first time the users or roles list is read
 * there (and again after a failed attempt); it is idempotent (inserts only what is missing) and never removes
 * anything, so a concurrent run on another node is harmless. Accounts created or changed through the users API are
 * written through at once and need no sync.
 */
@Service
public class StaffDirectorySync {

    private static final Logger log = LoggerFactory.getLogger(StaffDirectorySync.class);
    private static final int PAGE = 500;

    private final SchoolJdbc jdbc;
    private final SchoolRealms realms;
    private final TransactionTemplate transactions;
    private final StaffRoleGrants grants;
    private final Set<SchoolCode> synced = ConcurrentHashMap.newKeySet();

    StaffDirectorySync(
            SchoolJdbc jdbc,
            SchoolRealms realms,
            PlatformTransactionManager transactionManager,
            StaffRoleGrants grants) {
        this.jdbc = jdbc;
        this.realms = realms;
        this.transactions = new TransactionTemplate(transactionManager);
        this.grants = grants;
    }

    /** Syncs the school once on this node; a failure is logged and retried on the next read, never fails it. */
    public void ensureSynced(SchoolCode school) {
        if (!synced.add(school)) {
            return;
        }
        try {
            int imported = sync(school);
            if (imported > 0) {
                log.info("Imported {} realm account(s) of {} into staff_user", imported, school.value());
            }
        } catch (RuntimeException e) {
            synced.remove(school);
            log.warn("Could not sync realm accounts of {} into staff_user: {}", school.value(), e.toString());
        }
    }

    /** Imports the realm's holders of every role of the role table that the mirror lacks; returns how many. */
    public int sync(SchoolCode school) {
        RealmResource realm = realms.of(school);
        Integer imported = transactions.execute(status -> jdbc.run(c -> {
            Map<String, Long> roles = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT realm_role, id FROM staff_role ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roles.put(rs.getString(1), rs.getLong(2));
                }
            }
            int count = 0;
            for (Map.Entry<String, Long> role : roles.entrySet()) {
                for (int first = 0; ; first += PAGE) {
                    List<UserRepresentation> members;
                    try {
                        members = realm.roles().get(role.getKey()).getUserMembers(false, first, PAGE);
                    } catch (NotFoundException e) {
                        break; // a role row whose realm role is gone holds nobody
                    }
                    for (UserRepresentation user : members) {
                        try (PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO staff_user (id, username, name, phone, enabled, created_at, updated_by)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, 'realm-sync') ON CONFLICT DO NOTHING")) {
                            ps.setString(1, user.getId());
                            ps.setString(2, user.getUsername());
                            ps.setString(3, name(user));
                            ps.setString(4, phone(user));
                            ps.setBoolean(5, !Boolean.FALSE.equals(user.isEnabled()));
                            ps.setTimestamp(
                                    6,
                                    new Timestamp(
                                            user.getCreatedTimestamp() == null
                                                    ? System.currentTimeMillis()
                                                    : user.getCreatedTimestamp()));
                            count += ps.executeUpdate();
                        }
                        try (PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO staff_user_role (user_id, role_id) SELECT id, ? FROM staff_user"
                                        + " WHERE id = ? ON CONFLICT DO NOTHING")) {
                            ps.setLong(1, role.getValue());
                            ps.setString(2, user.getId());
                            ps.executeUpdate();
                        }
                    }
                    if (members.size() < PAGE) {
                        break;
                    }
                }
            }
            return count;
        }));
        grants.invalidate(school);
        return imported == null ? 0 : imported;
    }

    /** Forgets that the school was synced on this node (a school's realm was rebuilt, or for tests). */
    public void forget(SchoolCode school) {
        synced.remove(school);
    }

    private static String name(UserRepresentation user) {
        String name = user.getFirstName() == null ? "" : user.getFirstName().strip();
        return name.length() > 50 ? name.substring(0, 50) : name;
    }

    private static String phone(UserRepresentation user) {
        List<String> phones =
                user.getAttributes() == null ? null : user.getAttributes().get(SchoolRealmProvisioner.PHONE_ATTRIBUTE);
        return phones == null || phones.isEmpty()
                ? null
                : PhoneNumber.parse(phones.get(0)).map(PhoneNumber::value).orElse(null);
    }
}
