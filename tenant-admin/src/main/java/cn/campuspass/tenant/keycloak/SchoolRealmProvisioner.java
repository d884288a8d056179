package cn.campuspass.tenant.keycloak;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.TenantError;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserProfileResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Creates and maintains a school's realm: login settings and flows (account or phone + password), the school
 * roles, the console client and the first admin (the security settings come from {@link SchoolRealmDefinition}). Every method is idempotent so a failed onboarding can be retried
 * from the top of this step. The realm is created disabled and only enabled when the school goes active.
 */
@Component
public class SchoolRealmProvisioner {

    public static final String CONSOLE_CLIENT = "school-console";
    public static final String PHONE_ATTRIBUTE = "phone";
    /**
     * The WeChat openid a staff member bound in the staff portal (S1); the console's 解绑微信 removes every attribute
     * whose key starts with {@code wechat}. Admin-only: the user can neither see nor change it in the account pages.
     */
    public static final String WECHAT_OPENID_ATTRIBUTE = cn.campuspass.keycloak.WeChatLoginTicket.OPENID_ATTRIBUTE;

    /** Realm roles of every school, with their Chinese display names. */
    static final Map<String, String> SCHOOL_ROLES = roles();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KeycloakAdmin admin;
    private final SchoolRealmDefinition definition;
    private final RealmRepresentation flows;

    public SchoolRealmProvisioner(KeycloakAdmin admin, SchoolRealmDefinition definition) {
        this.admin = admin;
        this.definition = definition;
        this.flows = readFlows();
    }

    public record FirstAdmin(String username, String name, PhoneNumber phone, String password) {}

    public void ensureRealm(
            String cluster, SchoolCode school, String schoolName, FirstAdmin firstAdmin, boolean adminOtpRequired) {
        ensureRealm(cluster, school, schoolName, firstAdmin, adminOtpRequired, point -> {});
    }

    /**
     * {@link #ensureRealm(String, SchoolCode, String, FirstAdmin, boolean)}, telling {@code checkpoint} {@code
     * "realm-created"} once the realm exists and {@code "admin-user-created"} once the admin's user exists without
     * password or role (onboarding's hooks, so tests can interrupt the step there).
     */
    public void ensureRealm(
            String cluster,
            SchoolCode school,
            String schoolName,
            FirstAdmin firstAdmin,
            boolean adminOtpRequired,
            Consumer<String> checkpoint) {
        String realmName = school.realmName();
        boolean createdNow = !exists(cluster, realmName);
        if (createdNow) {
            // One import with the roles, the console client and the flows: each admin call costs more the more
            // realms the master admin manages (docs/performance.md), so the realm is not assembled call by call.
            admin.cluster(cluster).realms().create(newRealm(realmName, schoolName, school, adminOtpRequired));
            admin.realmCreated(cluster);
        }
        checkpoint.accept("realm-created");
        RealmResource realm = admin.realm(cluster, realmName);
        ensureUserProfile(realm);
        if (createdNow) {
            definition.finishNewRealm(realm, school);
        } else {
            // A retried step or an older realm: bring whatever is there to the definition.
            ensureRoles(realm);
            definition.reconcile(realm, school, adminOtpRequired);
        }
        ensureUser(realm, firstAdmin, SeededRole.SCHOOL_ADMIN.realmRole(), checkpoint, true);
    }

    /** Brings an existing school's realm to {@link SchoolRealmDefinition#VERSION}; idempotent. */
    public void reconcile(String cluster, SchoolCode school, boolean adminOtpRequired) {
        RealmResource realm = admin.realm(cluster, school.realmName());
        ensureUserProfile(realm);
        ensureRoles(realm);
        definition.reconcile(realm, school, adminOtpRequired);
    }

    public void setEnabled(String cluster, SchoolCode school, boolean enabled) {
        RealmResource realm = admin.realm(cluster, school.realmName());
        RealmRepresentation rep = realm.toRepresentation();
        if (!Boolean.valueOf(enabled).equals(rep.isEnabled())) {
            RealmRepresentation update = new RealmRepresentation();
            update.setEnabled(enabled);
            realm.update(update);
        }
    }

    public boolean exists(String cluster, String realmName) {
        try {
            admin.realm(cluster, realmName).toRepresentation();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public void deleteRealm(String cluster, SchoolCode school) {
        if (exists(cluster, school.realmName())) {
            admin.realm(cluster, school.realmName()).remove();
        }
    }

    /**
     * Creates a user with a unique normalised phone in this realm. Keycloak neither indexes nor enforces unique
     * attributes, so uniqueness is checked here with an exact attribute search before the user is created.
     */
    public String ensureUser(RealmResource realm, FirstAdmin person, String role) {
        return ensureUser(realm, person, role, point -> {}, false);
    }

    /** @param firstAdmin onboarding's first admin, whose user an interrupted attempt may have left without password */
    private String ensureUser(
            RealmResource realm, FirstAdmin person, String role, Consumer<String> checkpoint, boolean firstAdmin) {
        List<UserRepresentation> existing = realm.users().searchByUsername(person.username(), true);
        String userId;
        if (existing.isEmpty()) {
            List<UserRepresentation> samePhone = realm.users()
                    .searchByAttributes(PHONE_ATTRIBUTE + ":" + person.phone().value(), true);
            if (!samePhone.isEmpty()) {
                throw new ApiException(TenantError.PHONE_TAKEN);
            }
            UserRepresentation user = new UserRepresentation();
            user.setUsername(person.username());
            user.setFirstName(person.name());
            user.setEnabled(true);
            user.setAttributes(Map.of(PHONE_ATTRIBUTE, List.of(person.phone().value())));
            try (Response response = realm.users().create(user)) {
                userId = CreatedResponseUtil.getCreatedId(response);
            }
            checkpoint.accept("admin-user-created");
            setPassword(realm, userId, person.password());
        } else {
            userId = existing.get(0).getId();
            // An onboarding attempt interrupted between creating the first admin and setting its password left a
            // user nobody can sign in as; finish it. A user with a password keeps it.
            if (firstAdmin
                    && realm.users().get(userId).credentials().stream()
                            .noneMatch(c -> CredentialRepresentation.PASSWORD.equals(c.getType()))) {
                setPassword(realm, userId, person.password());
            }
        }
        RoleRepresentation roleRep = realm.roles().get(role).toRepresentation();
        realm.users().get(userId).roles().realmLevel().add(List.of(roleRep));
        return userId;
    }

    private static void setPassword(RealmResource realm, String userId, String value) {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(value);
        password.setTemporary(false);
        realm.users().get(userId).resetPassword(password);
    }

    private RealmRepresentation newRealm(
            String realmName, String schoolName, SchoolCode school, boolean adminOtpRequired) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(realmName);
        realm.setDisplayName(schoolName);
        realm.setEnabled(false);
        realm.setLoginTheme("campuspass");
        realm.setInternationalizationEnabled(true);
        realm.setSupportedLocales(java.util.Set.of("zh-CN", "en"));
        realm.setDefaultLocale("zh-CN");
        realm.setBruteForceProtected(true);
        realm.setFailureFactor(10);
        realm.setPasswordPolicy(SchoolRealmDefinition.PASSWORD_POLICY);
        realm.setRevokeRefreshToken(true);
        realm.setRefreshTokenMaxReuse(0);
        realm.setAccessTokenLifespan(900);
        realm.setSsoSessionIdleTimeout(7200);
        // A copy: the definition adds to the flows per realm.
        RealmRepresentation ownFlows = MAPPER.convertValue(flows, RealmRepresentation.class);
        realm.setAuthenticationFlows(ownFlows.getAuthenticationFlows());
        realm.setAuthenticatorConfig(ownFlows.getAuthenticatorConfig());
        realm.setBrowserFlow(flows.getBrowserFlow());
        realm.setDirectGrantFlow(flows.getDirectGrantFlow());
        RolesRepresentation roles = new RolesRepresentation();
        roles.setRealm(SCHOOL_ROLES.entrySet().stream()
                .map(e -> {
                    RoleRepresentation role = new RoleRepresentation();
                    role.setName(e.getKey());
                    role.setDescription(e.getValue());
                    return role;
                })
                .toList());
        realm.setRoles(roles);
        definition.addToNewRealm(realm, school, adminOtpRequired);
        return realm;
    }

    /**
     * Keycloak's user profile drops attributes it does not declare and by default requires e-mail and names
     * (a password grant then fails with "account is not fully set up"). Declare {@code phone} (admins edit it,
     * the user sees it) and {@code wechatOpenid} (admins only), and make e-mail and names optional: many campus
     * accounts have neither.
     */
    private static void ensureUserProfile(RealmResource realm) {
        UserProfileResource profile = realm.users().userProfile();
        UPConfig config = profile.getConfiguration();
        boolean changed = false;
        if (config.getAttribute(PHONE_ATTRIBUTE) == null) {
            UPAttribute phone = new UPAttribute(PHONE_ATTRIBUTE);
            phone.setDisplayName("手机号");
            phone.setMultivalued(false);
            phone.setPermissions(new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin")));
            phone.setValidations(
                    Map.of("pattern", Map.of("pattern", "^1[3-9][0-9]{9}$", "error-message", "invalidPhone")));
            config.addOrReplaceAttribute(phone);
            changed = true;
        }
        if (config.getAttribute(WECHAT_OPENID_ATTRIBUTE) == null) {
            UPAttribute openid = new UPAttribute(WECHAT_OPENID_ATTRIBUTE);
            openid.setDisplayName("微信 openid");
            openid.setMultivalued(false);
            openid.setPermissions(new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
            config.addOrReplaceAttribute(openid);
            changed = true;
        }
        for (String name : List.of("email", "firstName", "lastName")) {
            UPAttribute attribute = config.getAttribute(name);
            if (attribute != null && attribute.getRequired() != null) {
                attribute.setRequired(null);
                changed = true;
            }
        }
        if (changed) {
            profile.update(config);
        }
    }

    private static void ensureRoles(RealmResource realm) {
        SCHOOL_ROLES.forEach((name, description) -> {
            try {
                realm.roles().get(name).toRepresentation();
            } catch (NotFoundException e) {
                RoleRepresentation role = new RoleRepresentation();
                role.setName(name);
                role.setDescription(description);
                realm.roles().create(role);
            }
        });
    }

    private static RealmRepresentation readFlows() {
        try (InputStream in = new ClassPathResource("keycloak/school-auth-flows.json").getInputStream()) {
            return MAPPER.readValue(in, RealmRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Missing keycloak/school-auth-flows.json", e);
        }
    }

    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(SeededRole.SCHOOL_ADMIN.realmRole(), "学校管理员 School administrator");
        roles.put(SeededRole.SECURITY_OFFICER.realmRole(), "保卫处人员 Security officer");
        roles.put(SeededRole.DEPARTMENT_ADMIN.realmRole(), "部门管理员 Department administrator");
        roles.put(SeededRole.GATE_GUARD.realmRole(), "门岗 Gate guard");
        return roles;
    }
}
