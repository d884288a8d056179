package cn.campuspass.tenant.user;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.keycloak.SchoolRealms;
import cn.campuspass.tenant.role.AfterCommit;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.tenant.role.StaffRoles;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A school's system users (A3.3). The realm holds each account, its credentials, whether it may sign in and which
 * realm roles it holds; {@code staff_user} and its role and department rows mirror that for the console's list and
 * add what the school records about the person (position, departments run). Each change goes to the realm first,
 * then to the mirror in the same database transaction; a realm change whose mirror write fails is undone (a new
 * account is deleted again). Role and department changes drop the cached grants after commit.
 */
@Service
public class StaffUsers {

    static final int MAX_NAME = 50;
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,49}");

    private final StaffUserMirror mirror;
    private final SchoolRealms realms;
    private final StaffRoles roles;
    private final StaffRoleGrants grants;
    private final AuditLog audit;

    StaffUsers(StaffUserMirror mirror, SchoolRealms realms, StaffRoles roles, StaffRoleGrants grants, AuditLog audit) {
        this.mirror = mirror;
        this.realms = realms;
        this.roles = roles;
        this.grants = grants;
        this.audit = audit;
    }

    /** A new account: {@code password} is the initial password, to be changed at first sign-in. */
    public record NewUser(
            String username,
            String name,
            String phone,
            Collection<Long> roleIds,
            Long positionId,
            Collection<Long> departmentIds,
            String password) {}

    public record UserChanges(
            String name, String phone, Collection<Long> roleIds, Long positionId, Collection<Long> departmentIds) {}

    @Transactional
    public StaffUserMirror.User create(SchoolCode school, NewUser request, StaffPrincipal caller) {
        String username = username(request.username());
        String name = name(request.name());
        PhoneNumber phone = phone(request.phone());
        Map<Long, StaffRoles.Role> chosen = chosenRoles(request.roleIds(), Set.of(), caller);
        mirror.checkPosition(request.positionId());
        Set<Long> departments = mirror.checkDepartments(request.departmentIds());
        if (request.password() == null || request.password().isBlank()) {
            throw ApiException.withFields(
                    TenantError.PASSWORD_REQUIRED, List.of(new FieldProblem("password", "请输入初始密码")));
        }
        if (mirror.usernameTaken(username)) {
            throw new ApiException(TenantError.USERNAME_TAKEN, username);
        }
        RealmResource realm = realms.of(school);
        checkPhoneFree(realm, phone, null);

        UserRepresentation rep = new UserRepresentation();
        rep.setUsername(username);
        rep.setFirstName(name);
        rep.setEnabled(true);
        rep.setAttributes(Map.of(SchoolRealmProvisioner.PHONE_ATTRIBUTE, List.of(phone.value())));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(request.password());
        password.setTemporary(true);
        rep.setCredentials(List.of(password));
        rep.setRequiredActions(List.of("UPDATE_PASSWORD"));
        String id;
        // Keycloak checks the password against the realm's policy and refuses (400, answered by KeycloakRefusals
        // with its reason) without creating the user.
        try (Response response = realm.users().create(rep)) {
            if (response.getStatus() == 409) {
                throw new ApiException(TenantError.USERNAME_TAKEN, username);
            }
            if (response.getStatus() == 400) {
                throw new ApiException(PlatformError.UPSTREAM_REFUSED, KeycloakReasons.of(response));
            }
            id = CreatedResponseUtil.getCreatedId(response);
        }
        try {
            setRealmRoles(realm, id, chosen.values(), Set.of());
            mirror.insert(id, username, name, phone.value(), request.positionId(), caller.actor());
            mirror.setRoles(id, chosen.keySet());
            mirror.setDepartments(id, departments);
        } catch (RuntimeException e) {
            try {
                realm.users().delete(id).close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        AfterCommit.invalidate(grants, school);
        return mirror.get(id);
    }

    @Transactional
    public StaffUserMirror.User update(SchoolCode school, String id, UserChanges changes, StaffPrincipal caller) {
        StaffUserMirror.User current = mirror.get(id);
        String name = name(changes.name());
        PhoneNumber phone = phone(changes.phone());
        Set<Long> currentRoleIds = new LinkedHashSet<>(current.roleIds());
        Map<Long, StaffRoles.Role> chosen = chosenRoles(changes.roleIds(), currentRoleIds, caller);
        mirror.checkPosition(changes.positionId());
        Set<Long> departments = mirror.checkDepartments(changes.departmentIds());
        RealmResource realm = realms.of(school);
        checkPhoneFree(realm, phone, id);

        UserResource user = realmUser(realm, id);
        UserRepresentation rep = user.toRepresentation();
        rep.setFirstName(name);
        Map<String, List<String>> attributes =
                rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        attributes.put(SchoolRealmProvisioner.PHONE_ATTRIBUTE, List.of(phone.value()));
        rep.setAttributes(attributes);
        user.update(rep);
        Map<Long, StaffRoles.Role> previous = roles.byIds(currentRoleIds);
        setRealmRoles(realm, id, chosen.values(), previous.values());
        mirror.update(id, name, phone.value(), changes.positionId(), caller.actor());
        mirror.setRoles(id, chosen.keySet());
        mirror.setDepartments(id, departments);
        AfterCommit.invalidate(grants, school);
        return mirror.get(id);
    }

    /** A user's own WeChat binding (S1, made in the realm by StaffAccountLinks), written to the mirror. */
    @Transactional
    public void recordOwnWeChatBinding(String id, String actor) {
        mirror.setWeChatBound(id, true, actor);
    }

    /** A user's own change of name and phone (A7, made in the realm by StaffAccounts), written to the mirror. */
    @Transactional
    public void recordOwnChange(String id, String name, String phone, String actor) {
        mirror.updateContact(id, name, phone, actor);
    }

    /** Disabling also ends every session of the user, so their refresh tokens stop working at once. */
    @Transactional
    public StaffUserMirror.User setEnabled(SchoolCode school, String id, boolean enabled, StaffPrincipal caller) {
        mirror.get(id);
        if (!enabled && id.equals(caller.userId())) {
            throw new ApiException(TenantError.USER_SELF);
        }
        RealmResource realm = realms.of(school);
        UserResource user = realmUser(realm, id);
        UserRepresentation rep = user.toRepresentation();
        rep.setEnabled(enabled);
        user.update(rep);
        if (!enabled) {
            user.logout();
        }
        mirror.setEnabled(id, enabled, caller.actor());
        AfterCommit.invalidate(grants, school);
        return mirror.get(id);
    }

    @Transactional
    public void delete(SchoolCode school, String id, StaffPrincipal caller) {
        StaffUserMirror.User current = mirror.get(id);
        if (id.equals(caller.userId())) {
            throw new ApiException(TenantError.USER_SELF);
        }
        // Taking a user's roles away is a grant change too: the caller must hold what the user's roles grant.
        checkCanGrant(new LinkedHashSet<>(current.roleIds()), caller);
        mirror.delete(id);
        RealmResource realm = realms.of(school);
        try (Response response = realm.users().delete(id)) {
            if (response.getStatus() >= 400 && response.getStatus() != 404) {
                throw new IllegalStateException("Keycloak refused to delete user " + id + ": " + response.getStatus());
            }
        }
        audit.record(school, "staff-user.deleted", current.username());
        AfterCommit.invalidate(grants, school);
    }

    /** A new temporary password, checked by the realm's policy; the user's sessions end and must sign in again. */
    @Transactional
    public void resetPassword(SchoolCode school, String id, String password, StaffPrincipal caller) {
        StaffUserMirror.User current = mirror.get(id);
        if (password == null || password.isBlank()) {
            throw ApiException.withFields(
                    TenantError.PASSWORD_REQUIRED, List.of(new FieldProblem("password", "请输入新密码")));
        }
        UserResource user = realmUser(realms.of(school), id);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(true);
        user.resetPassword(credential);
        user.logout();
        mirror.touch(id, caller.actor());
        audit.record(school, "staff-user.password-reset", current.username());
    }

    /**
     * Removes whatever ties the account to WeChat: federated identities of a WeChat identity provider and WeChat
     * attributes. Safe to call when there is none; recorded either way, with what was removed.
     */
    @Transactional
    public List<String> unbindWeChat(SchoolCode school, String id, StaffPrincipal caller) {
        StaffUserMirror.User current = mirror.get(id);
        UserResource user = realmUser(realms.of(school), id);
        List<String> removed = new ArrayList<>();
        for (FederatedIdentityRepresentation link : user.getFederatedIdentity()) {
            if (isWeChat(link.getIdentityProvider())) {
                user.removeFederatedIdentity(link.getIdentityProvider());
                removed.add("identity-provider:" + link.getIdentityProvider());
            }
        }
        UserRepresentation rep = user.toRepresentation();
        if (rep.getAttributes() != null) {
            Map<String, List<String>> attributes = new HashMap<>(rep.getAttributes());
            if (attributes.keySet().removeIf(StaffUsers::isWeChat)) {
                rep.getAttributes().keySet().stream()
                        .filter(StaffUsers::isWeChat)
                        .forEach(key -> removed.add("attribute:" + key));
                rep.setAttributes(attributes);
                user.update(rep);
            }
        }
        mirror.setWeChatBound(id, false, caller.actor());
        audit.record(
                school,
                "staff-user.wechat-unbound",
                current.username() + (removed.isEmpty() ? " (no binding)" : " " + String.join(",", removed)));
        return removed;
    }

    private static boolean isWeChat(String key) {
        String k = key == null ? "" : key.toLowerCase(Locale.ROOT);
        return k.startsWith("wechat") || k.startsWith("weixin") || k.startsWith("wx");
    }

    /**
     * The roles asked for (at least one, all known); the caller must hold every permission of each role added or
     * removed, so a user manager cannot hand out (or take away) more than they may do themselves.
     */
    private Map<Long, StaffRoles.Role> chosenRoles(
            Collection<Long> roleIds, Set<Long> currentRoleIds, StaffPrincipal caller) {
        if (roleIds == null || roleIds.isEmpty()) {
            throw ApiException.withFields(
                    TenantError.USER_ROLES_REQUIRED, List.of(new FieldProblem("roleIds", "请至少选择一个角色")));
        }
        Map<Long, StaffRoles.Role> chosen = roles.byIds(roleIds);
        Set<Long> changed = new LinkedHashSet<>(chosen.keySet());
        changed.addAll(currentRoleIds);
        changed.removeIf(r -> chosen.containsKey(r) && currentRoleIds.contains(r));
        checkCanGrant(changed, caller);
        return chosen;
    }

    private void checkCanGrant(Set<Long> roleIds, StaffPrincipal caller) {
        if (roleIds.isEmpty()) {
            return;
        }
        List<String> missing = roles.permissionsOf(roleIds).stream()
                .filter(p -> !caller.has(p))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new ApiException(TenantError.GRANT_BEYOND_CALLER, String.join(", ", missing));
        }
    }

    private static void setRealmRoles(
            RealmResource realm, String id, Collection<StaffRoles.Role> wanted, Collection<StaffRoles.Role> previous) {
        Set<String> wantedNames = new LinkedHashSet<>();
        wanted.forEach(r -> wantedNames.add(r.realmRole()));
        List<RoleRepresentation> remove = new ArrayList<>();
        for (StaffRoles.Role role : previous) {
            if (!wantedNames.contains(role.realmRole())) {
                remove.add(realm.roles().get(role.realmRole()).toRepresentation());
            }
        }
        if (!remove.isEmpty()) {
            realm.users().get(id).roles().realmLevel().remove(remove);
        }
        List<RoleRepresentation> add = new ArrayList<>();
        for (String name : wantedNames) {
            add.add(realm.roles().get(name).toRepresentation());
        }
        if (!add.isEmpty()) {
            realm.users().get(id).roles().realmLevel().add(add);
        }
    }

    private void checkPhoneFree(RealmResource realm, PhoneNumber phone, String exceptId) {
        boolean taken = mirror.phoneTaken(phone.value(), exceptId)
                || realm
                        .users()
                        .searchByAttributes(SchoolRealmProvisioner.PHONE_ATTRIBUTE + ":" + phone.value(), true)
                        .stream()
                        .anyMatch(other -> !other.getId().equals(exceptId));
        if (taken) {
            throw ApiException.withFields(TenantError.PHONE_TAKEN, List.of(new FieldProblem("phone", "该手机号已绑定本校其他账号")));
        }
    }

    private static UserResource realmUser(RealmResource realm, String id) {
        UserResource user = realm.users().get(id);
        try {
            user.toRepresentation();
        } catch (NotFoundException e) {
            throw new ApiException(TenantError.USER_NOT_FOUND);
        }
        return user;
    }

    static String username(String raw) {
        String username = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.withFields(
                    TenantError.USERNAME_INVALID, List.of(new FieldProblem("username", "账号格式不正确")));
        }
        return username;
    }

    static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw ApiException.withFields(
                    TenantError.NAME_INVALID, List.of(new FieldProblem("name", "姓名须为 1-" + MAX_NAME + " 个字符")));
        }
        return name;
    }

    static PhoneNumber phone(String raw) {
        return PhoneNumber.parse(raw)
                .orElseThrow(() -> ApiException.withFields(
                        TenantError.PHONE_INVALID, List.of(new FieldProblem("phone", "手机号格式不正确"))));
    }
}
