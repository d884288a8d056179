package cn.campuspass.tenant.staff;

import cn.campuspass.keycloak.WeChatLoginTicket;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.stereotype.Service;

/**
 * The staff portal's ties to a staff account (S1, S4.1), in the school's realm with the staff_user mirror following:
 * the bound phone (the {@code phone} attribute, a login name, unique in the realm) and the WeChat openid (the
 * {@code wechatOpenid} attribute, which the console's 解绑微信 removes with every other {@code wechat*} attribute).
 * Keycloak enforces no unique attributes, so both are checked with an exact attribute search first.
 *
 * <p>A bound WeChat signs its account in without the password ({@link #weChatSignIn}): a {@link WeChatLoginTicket}
 * signed with the realm's own key (the realm attribute {@value WeChatLoginTicket#REALM_KEY_ATTRIBUTE}, set by {@code
 * SchoolRealmDefinition}), which the realm's login step verifies, uses once and checks against the account's
 * {@code wechatOpenid} again — so an unbinding in the console takes effect at once.
 */
@Service
class StaffAccountLinking implements StaffAccountLinks {

    private final KeycloakAdmin admin;
    private final SchoolDirectory schools;
    private final StaffUsers staffUsers;
    private final StaffDirectorySync sync;
    private final AuditLog audit;
    private final Clock clock;
    /** Each realm's ticket key, read once per {@link #KEY_REREAD} (a key rotated in the realm is picked up then). */
    private final Map<SchoolCode, RealmKey> keys = new ConcurrentHashMap<>();

    private static final Duration KEY_REREAD = Duration.ofMinutes(5);

    private record RealmKey(String key, Instant readAt) {}

    StaffAccountLinking(
            KeycloakAdmin admin,
            SchoolDirectory schools,
            StaffUsers staffUsers,
            StaffDirectorySync sync,
            AuditLog audit,
            Clock clock) {
        this.admin = admin;
        this.schools = schools;
        this.staffUsers = staffUsers;
        this.sync = sync;
        this.audit = audit;
        this.clock = clock;
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
    public Optional<WeChatSignIn> weChatSignIn(SchoolCode school, String openid) {
        RealmResource realm = realm(school);
        List<UserRepresentation> bound = holders(realm, SchoolRealmProvisioner.WECHAT_OPENID_ATTRIBUTE, openid).stream()
                .filter(u -> Boolean.TRUE.equals(u.isEnabled()))
                .toList();
        if (bound.size() != 1) {
            return Optional.empty(); // nobody, or (against the binding's own check) several: never pick one
        }
        Optional<String> key = ticketKey(school, realm);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String username = bound.get(0).getUsername();
        String ticket = WeChatLoginTicket.mint(key.get(), school.realmName(), username, openid, clock.instant());
        return Optional.of(new WeChatSignIn(
                username, ticket, WeChatLoginTicket.PARAMETER, WeChatLoginTicket.LIFETIME.toSeconds()));
    }

    private Optional<String> ticketKey(SchoolCode school, RealmResource realm) {
        Instant now = clock.instant();
        RealmKey cached = keys.get(school);
        if (cached != null && cached.readAt().plus(KEY_REREAD).isAfter(now)) {
            return Optional.of(cached.key());
        }
        Map<String, String> attributes = realm.toRepresentation().getAttributes();
        String key = attributes == null ? null : attributes.get(WeChatLoginTicket.REALM_KEY_ATTRIBUTE);
        if (key == null || key.isBlank()) {
            keys.remove(school);
            return Optional.empty(); // the realm is not at definition 4 yet (the background reconcile adds the key)
        }
        keys.put(school, new RealmKey(key, now));
        return Optional.of(key);
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
