package cn.campuspass.tenant.staff;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.security.StaffAccountLinks;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffDirectorySync;
import cn.campuspass.tenant.user.StaffUsers;
import jakarta.ws.rs.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.stereotype.Service;

/**
 * The staff portal's ties to a staff account (S1, S4.1), in the school's realm with the staff_user mirror following:
 * the bound phone (the {@code phone} attribute, a login name, unique in the realm) and the WeChat openid (the
 * {@code wechatOpenid} attribute, which the console's 解绑微信 removes with every other {@code wechat*} attribute).
 * Keycloak enforces no unique attributes, so both are checked with an exact attribute search first.
 */
@Service
class StaffAccountLinking implements StaffAccountLinks {

    private final KeycloakAdmin admin;
    private final SchoolDirectory schools;
    private final StaffUsers staffUsers;
    private final StaffDirectorySync sync;
    private final AuditLog audit;

    StaffAccountLinking(
            KeycloakAdmin admin,
            SchoolDirectory schools,
            StaffUsers staffUsers,
            StaffDirectorySync sync,
            AuditLog audit) {
        this.admin = admin;
        this.schools = schools;
        this.staffUsers = staffUsers;
        this.sync = sync;
        this.audit = audit;
    }

    @Override
    public Linked linked(SchoolCode school, String userId) {
        UserRepresentation rep = user(school, userId).toRepresentation();
        return new Linked(
                rep.getUsername(),
                rep.getFirstName(),
                first(rep, SchoolRealmProvisioner.PHONE_ATTRIBUTE),
                first(rep, SchoolRealmProvisioner.WECHAT_OPENID_ATTRIBUTE) != null);
    }

    @Override
    public void bindPhone(SchoolCode school, String userId, PhoneNumber phone, String actor) {
        RealmResource realm = realm(school);
        if (holders(realm, SchoolRealmProvisioner.PHONE_ATTRIBUTE, phone.value()).stream()
                .anyMatch(other -> !other.getId().equals(userId))) {
            throw ApiException.withFields(TenantError.PHONE_TAKEN, List.of(new FieldProblem("phone", "该手机号已绑定本校其他账号")));
        }
        UserResource user = user(school, userId);
        UserRepresentation rep = user.toRepresentation();
        rep.setAttributes(with(rep, SchoolRealmProvisioner.PHONE_ATTRIBUTE, phone.value()));
        user.update(rep);
        sync.ensureSynced(school);
        staffUsers.recordOwnChange(userId, rep.getFirstName(), phone.value(), actor);
        audit.record(school, "staff-user.phone-bound", rep.getUsername() + " " + phone.masked());
    }

    @Override
    public void bindWeChat(SchoolCode school, String userId, String openid, String actor) {
        RealmResource realm = realm(school);
        if (holders(realm, SchoolRealmProvisioner.WECHAT_OPENID_ATTRIBUTE, openid).stream()
                .anyMatch(other -> !other.getId().equals(userId))) {
            throw new ApiException(TenantError.STAFF_PORTAL_WECHAT_TAKEN);
        }
        UserResource user = user(school, userId);
        UserRepresentation rep = user.toRepresentation();
        rep.setAttributes(with(rep, SchoolRealmProvisioner.WECHAT_OPENID_ATTRIBUTE, openid));
        user.update(rep);
        sync.ensureSynced(school);
        staffUsers.recordOwnWeChatBinding(userId, actor);
        audit.record(school, "staff-user.wechat-bound", rep.getUsername());
    }

    @Override
    public Optional<String> usernameBoundTo(SchoolCode school, String openid) {
        return holders(realm(school), SchoolRealmProvisioner.WECHAT_OPENID_ATTRIBUTE, openid).stream()
                .filter(u -> Boolean.TRUE.equals(u.isEnabled()))
                .map(UserRepresentation::getUsername)
                .findFirst();
    }

    private static List<UserRepresentation> holders(RealmResource realm, String attribute, String value) {
        return realm.users().searchByAttributes(attribute + ":" + value, true);
    }

    private static Map<String, List<String>> with(UserRepresentation rep, String key, String value) {
        Map<String, List<String>> attributes =
                rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        attributes.put(key, List.of(value));
        return attributes;
    }

    private static String first(UserRepresentation rep, String key) {
        List<String> values =
                rep.getAttributes() == null ? null : rep.getAttributes().get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private UserResource user(SchoolCode school, String userId) {
        UserResource user = realm(school).users().get(userId);
        try {
            user.toRepresentation();
        } catch (NotFoundException e) {
            throw new ApiException(PlatformError.NOT_FOUND);
        }
        return user;
    }

    private RealmResource realm(SchoolCode school) {
        String cluster = schools.find(school)
                .orElseThrow(() -> new ApiException(PlatformError.NO_SCHOOL))
                .keycloakCluster();
        return admin.realm(cluster, school.realmName());
    }
}
