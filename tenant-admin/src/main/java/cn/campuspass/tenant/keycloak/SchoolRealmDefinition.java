package cn.campuspass.tenant.keycloak;

import cn.campuspass.keycloak.WeChatLoginTicket;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The current definition of a school realm's security settings, and the one place that brings a realm to it:
 * rotating refresh tokens, the password policy, the staff portal's WeChat sign-in ticket key, the console client (code + PKCE only, no password grant, no
 * offline tokens, exact redirect URIs), the required actions the login pages offer (update password, configure
 * OTP) and the school-admin OTP step of the browser flow. {@link #reconcile} runs at a school's creation and, for
 * existing schools, from the background {@code SchoolRealmReconciler} whenever {@link #VERSION} is raised; it only writes what
 * differs, so it can run again at any time.
 */
@Component
public class SchoolRealmDefinition {

    /**
     * Raise when what {@link #reconcile} sets changes; every school whose recorded version is lower is reconciled
     * in the background after the next start. 1 was the first slice (password grant on, no rotation); 3 added the
     * staff portal's redirect URI; 4 the realm's key for the staff portal's WeChat sign-in tickets.
     */
    public static final int VERSION = 4;

    /** At least 10 characters with upper, lower and digits, not the account name, not one of the last 3. */
    public static final String PASSWORD_POLICY =
            "length(10) and upperCase(1) and lowerCase(1) and digits(1) and notUsername and passwordHistory(3)";

    static final String FORMS_FLOW = "campuspass-browser-forms";
    static final String USER_OTP_FLOW = "campuspass-browser-conditional-otp";
    static final String ADMIN_OTP_FLOW = "campuspass-browser-admin-otp";
    static final String ADMIN_ROLE_CONFIG = "campuspass-is-school-admin";
    static final String NOT_ADMIN_ROLE_CONFIG = "campuspass-is-not-school-admin";
    private static final String ROLE_CONDITION = "conditional-user-role";
    private static final String OTP_FORM = "auth-otp-form";
    private static final String OFFLINE_ACCESS = "offline_access";
    static final List<String> REQUIRED_ACTIONS = List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP");

    private final List<String> redirectUriTemplates;

    public SchoolRealmDefinition(
            @Value("${campuspass.public-url}") String publicUrl,
            @Value("${campuspass.keycloak.console-redirect-uris:}") List<String> consoleRedirectUris,
            Environment environment) {
        this.redirectUriTemplates = consoleRedirectUris == null || consoleRedirectUris.isEmpty()
                ? List.of(
                        publicUrl + "/admin/",
                        publicUrl + "/portal/{school}/guard",
                        publicUrl + "/portal/{school}/staff")
                : List.copyOf(consoleRedirectUris);
        checkRedirectUris(this.redirectUriTemplates, environment.acceptsProfiles(Profiles.of("local")));
    }

    /**
     * A wildcard redirect URI lets a stolen code or token land on any page of the host (or any host); only the
     * local stack, whose console runs on changing dev-server ports, may use one.
     */
    static void checkRedirectUris(List<String> uris, boolean localProfile) {
        if (localProfile) {
            return;
        }
        for (String uri : uris) {
            if (uri.contains("*")) {
                throw new IllegalStateException("campuspass.keycloak.console-redirect-uris may not hold a wildcard"
                        + " outside the local profile: " + uri);
            }
        }
    }

    /**
     * The console client's exact redirect URIs for one school: the admin console's entry page, the school's
     * gate-guard page and the staff portal's entry page ({@code {school}} in a configured URI is the school's code).
     */
    public List<String> redirectUris(SchoolCode school) {
        return redirectUriTemplates.stream()
                .map(uri -> uri.replace("{school}", school.value()))
                .toList();
    }

    /** Brings the realm to the current definition; {@code adminOtpRequired} is the school's own choice. */
    public void reconcile(RealmResource realm, SchoolCode school, boolean adminOtpRequired) {
        reconcileRealmSettings(realm);
        reconcileRequiredActions(realm.flows());
        reconcileConsoleClient(realm, school);
        removeOfflineAccessFromDefaultRoles(realm, school);
        reconcileAdminOtp(realm.flows(), adminOtpRequired);
    }

    /**
     * What a realm just created from {@link #addToNewRealm} still lacks, instead of a full {@link #reconcile}: the
     * import already holds the settings, the console client and the flows (and Keycloak enables the required
     * actions by default), so only the offline-access grants Keycloak adds to every new realm are taken away. Each
     * admin call costs more the more realms the cluster holds (docs/performance.md), so none is spent on reads.
     */
    public void finishNewRealm(RealmResource realm, SchoolCode school) {
        List<ClientRepresentation> found = realm.clients().findByClientId(SchoolRealmProvisioner.CONSOLE_CLIENT);
        removeOfflineAccessScopes(realm.clients().get(found.get(0).getId()));
        removeOfflineAccessFromDefaultRoles(realm, school);
    }

    /**
     * Puts what {@link #reconcile} would create into a new realm's representation, so the realm is created with it
     * in one {@code POST /admin/realms} (the console client and the school-admin OTP sub-flows with their role
     * conditions) instead of a dozen admin calls after it: {@link #reconcile} then finds it in place and only
     * reads. The realm's flows ({@code school-auth-flows.json}) must already be in {@code realm}.
     */
    public void addToNewRealm(RealmRepresentation realm, SchoolCode school, boolean adminOtpRequired) {
        Map<String, String> realmAttributes =
                new HashMap<>(realm.getAttributes() == null ? Map.of() : realm.getAttributes());
        realmAttributes.put(WeChatLoginTicket.REALM_KEY_ATTRIBUTE, WeChatLoginTicket.newKey());
        realm.setAttributes(realmAttributes);

        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(SchoolRealmProvisioner.CONSOLE_CLIENT);
        client.setName("学校管理后台 School console");
        client.setPublicClient(true);
        client.setEnabled(true);
        applyClientSettings(client, school);
        List<ClientRepresentation> clients =
                new ArrayList<>(realm.getClients() == null ? List.of() : realm.getClients());
        clients.add(client);
        realm.setClients(clients);

        // The same shape reconcileAdminOtp builds: a sub-flow for school admins at the end of the forms flow, and a
        // "not a school admin" condition at the end of the user OTP sub-flow.
        List<AuthenticationFlowRepresentation> flows = new ArrayList<>(realm.getAuthenticationFlows());
        AuthenticationFlowRepresentation forms = flow(flows, FORMS_FLOW);
        forms.getAuthenticationExecutions()
                .add(execution(null, ADMIN_OTP_FLOW, adminOtpRequired ? "CONDITIONAL" : "DISABLED", forms));
        AuthenticationFlowRepresentation adminOtp = new AuthenticationFlowRepresentation();
        adminOtp.setAlias(ADMIN_OTP_FLOW);
        adminOtp.setDescription("OTP for school admins, when the school requires it");
        adminOtp.setProviderId("basic-flow");
        adminOtp.setTopLevel(false);
        adminOtp.setBuiltIn(false);
        adminOtp.setAuthenticationExecutions(new ArrayList<>());
        AuthenticationExecutionExportRepresentation adminCondition =
                execution(ROLE_CONDITION, null, "REQUIRED", adminOtp);
        adminCondition.setAuthenticatorConfig(ADMIN_ROLE_CONFIG);
        adminOtp.getAuthenticationExecutions().add(adminCondition);
        adminOtp.getAuthenticationExecutions().add(execution(OTP_FORM, null, "REQUIRED", adminOtp));
        flows.add(adminOtp);
        AuthenticationFlowRepresentation userOtp = flow(flows, USER_OTP_FLOW);
        AuthenticationExecutionExportRepresentation notAdmin =
                execution(ROLE_CONDITION, null, adminOtpRequired ? "REQUIRED" : "DISABLED", userOtp);
        notAdmin.setAuthenticatorConfig(NOT_ADMIN_ROLE_CONFIG);
        userOtp.getAuthenticationExecutions().add(notAdmin);
        realm.setAuthenticationFlows(flows);

        List<AuthenticatorConfigRepresentation> configs =
                new ArrayList<>(realm.getAuthenticatorConfig() == null ? List.of() : realm.getAuthenticatorConfig());
        configs.add(roleConditionConfig(ADMIN_ROLE_CONFIG, false));
        configs.add(roleConditionConfig(NOT_ADMIN_ROLE_CONFIG, true));
        realm.setAuthenticatorConfig(configs);
    }

    private static AuthenticationFlowRepresentation flow(List<AuthenticationFlowRepresentation> flows, String alias) {
        return flows.stream()
                .filter(f -> alias.equals(f.getAlias()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("school-auth-flows.json has no flow " + alias));
    }

    private static AuthenticationExecutionExportRepresentation execution(
            String authenticator, String subFlow, String requirement, AuthenticationFlowRepresentation in) {
        AuthenticationExecutionExportRepresentation execution = new AuthenticationExecutionExportRepresentation();
        execution.setAuthenticator(authenticator);
        execution.setFlowAlias(subFlow);
        execution.setAuthenticatorFlow(subFlow != null);
        execution.setRequirement(requirement);
        execution.setPriority(10 * (in.getAuthenticationExecutions().size() + 1));
        execution.setUserSetupAllowed(false);
        return execution;
    }

    private static AuthenticatorConfigRepresentation roleConditionConfig(String alias, boolean negate) {
        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias(alias);
        config.setConfig(roleConditionValues(negate));
        return config;
    }

    private static Map<String, String> roleConditionValues(boolean negate) {
        return Map.of("condUserRole", SeededRole.SCHOOL_ADMIN.realmRole(), "negate", String.valueOf(negate));
    }

    private static void reconcileRealmSettings(RealmResource realm) {
        RealmRepresentation current = realm.toRepresentation();
        RealmRepresentation update = new RealmRepresentation();
        boolean changed = false;
        if (!PASSWORD_POLICY.equals(current.getPasswordPolicy())) {
            update.setPasswordPolicy(PASSWORD_POLICY);
            changed = true;
        }
        // A refresh token works once: a copy replayed after its owner used it is refused (and stolen ones die at
        // the owner's next refresh).
        if (!Boolean.TRUE.equals(current.getRevokeRefreshToken())) {
            update.setRevokeRefreshToken(true);
            changed = true;
        }
        if (!Objects.equals(current.getRefreshTokenMaxReuse(), 0)) {
            update.setRefreshTokenMaxReuse(0);
            changed = true;
        }
        if (!Boolean.TRUE.equals(current.isBruteForceProtected())) {
            update.setBruteForceProtected(true);
            update.setFailureFactor(10);
            changed = true;
        }
        // The key of the staff portal's WeChat sign-in tickets (S1), made once; kept across reconciles.
        Map<String, String> attributes = current.getAttributes();
        String ticketKey = attributes == null ? null : attributes.get(WeChatLoginTicket.REALM_KEY_ATTRIBUTE);
        if (ticketKey == null || ticketKey.isBlank()) {
            // Keycloak replaces the realm's whole attribute map with the one sent (removing any not in it): all of
            // them go back, with the key added.
            Map<String, String> withKey = new HashMap<>(attributes == null ? Map.of() : attributes);
            withKey.put(WeChatLoginTicket.REALM_KEY_ATTRIBUTE, WeChatLoginTicket.newKey());
            update.setAttributes(withKey);
            changed = true;
        }
        if (changed) {
            realm.update(update);
        }
    }

    private static void reconcileRequiredActions(AuthenticationManagementResource flows) {
        for (String alias : REQUIRED_ACTIONS) {
            RequiredActionProviderRepresentation action;
            try {
                action = flows.getRequiredAction(alias);
            } catch (NotFoundException e) {
                continue; // the server does not offer it; nothing to enable
            }
            if (!action.isEnabled()) {
                action.setEnabled(true);
                flows.updateRequiredAction(alias, action);
            }
        }
    }

    private void reconcileConsoleClient(RealmResource realm, SchoolCode school) {
        List<ClientRepresentation> found = realm.clients().findByClientId(SchoolRealmProvisioner.CONSOLE_CLIENT);
        if (found.isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(SchoolRealmProvisioner.CONSOLE_CLIENT);
            client.setName("学校管理后台 School console");
            client.setPublicClient(true);
            applyClientSettings(client, school);
            try (Response ignored = realm.clients().create(client)) {
                // created; read back below for the client scopes
            }
            found = realm.clients().findByClientId(SchoolRealmProvisioner.CONSOLE_CLIENT);
        } else {
            ClientRepresentation current = found.get(0);
            ClientRepresentation wanted = realm.clients().get(current.getId()).toRepresentation();
            applyClientSettings(wanted, school);
            if (!sameClientSettings(current, wanted)) {
                realm.clients().get(current.getId()).update(wanted);
            }
        }
        removeOfflineAccessScopes(realm.clients().get(found.get(0).getId()));
    }

    /** Offline tokens outlive every session limit the school sets; the console never needs one. */
    private static void removeOfflineAccessScopes(ClientResource client) {
        for (ClientScopeRepresentation scope : client.getOptionalClientScopes()) {
            if (OFFLINE_ACCESS.equals(scope.getName())) {
                client.removeOptionalClientScope(scope.getId());
            }
        }
        for (ClientScopeRepresentation scope : client.getDefaultClientScopes()) {
            if (OFFLINE_ACCESS.equals(scope.getName())) {
                client.removeDefaultClientScope(scope.getId());
            }
        }
    }

    /**
     * The console and the guard page sign in through the realm's browser flow (code + PKCE) only: no password
     * grant (it bypasses the login page's OTP and required actions), no implicit flow, no device or service grants.
     */
    private void applyClientSettings(ClientRepresentation client, SchoolCode school) {
        List<String> redirectUris = redirectUris(school);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setRedirectUris(redirectUris);
        // "+" derives CORS origins from the redirect URIs but skips a bare "*" (the local profile's any-port
        // setting), which would leave the browser's token request without CORS headers.
        client.setWebOrigins(redirectUris.contains("*") ? List.of("*") : List.of("+"));
        Map<String, String> attributes =
                new HashMap<>(client.getAttributes() == null ? Map.of() : client.getAttributes());
        attributes.putAll(clientAttributes());
        client.setAttributes(attributes);
    }

    private static Map<String, String> clientAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("pkce.code.challenge.method", "S256");
        // "+": after logout only the sign-in URIs themselves.
        attributes.put("post.logout.redirect.uris", "+");
        attributes.put("use.refresh.tokens", "true");
        attributes.put("oauth2.device.authorization.grant.enabled", "false");
        attributes.put("oidc.ciba.grant.enabled", "false");
        return attributes;
    }

    private static boolean sameClientSettings(ClientRepresentation current, ClientRepresentation wanted) {
        Map<String, String> attributes = current.getAttributes() == null ? Map.of() : current.getAttributes();
        boolean sameAttributes = clientAttributes().entrySet().stream()
                .allMatch(e -> e.getValue().equals(attributes.get(e.getKey())));
        return sameAttributes
                && Boolean.TRUE.equals(current.isStandardFlowEnabled())
                && Boolean.FALSE.equals(current.isDirectAccessGrantsEnabled())
                && Boolean.FALSE.equals(current.isImplicitFlowEnabled())
                && !Boolean.TRUE.equals(current.isServiceAccountsEnabled())
                && Objects.equals(sorted(current.getRedirectUris()), sorted(wanted.getRedirectUris()))
                && Objects.equals(sorted(current.getWebOrigins()), sorted(wanted.getWebOrigins()));
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values == null ? List.of() : values);
        copy.sort(null);
        return copy;
    }

    /** Nobody in a school realm holds {@code offline_access}, so no client can mint an offline token for them. */
    private static void removeOfflineAccessFromDefaultRoles(RealmResource realm, SchoolCode school) {
        var defaultRoles = realm.roles().get("default-roles-" + school.realmName());
        List<RoleRepresentation> offline = defaultRoles.getRoleComposites().stream()
                .filter(r -> OFFLINE_ACCESS.equals(r.getName()))
                .toList();
        if (!offline.isEmpty()) {
            defaultRoles.deleteComposites(offline);
        }
    }

    /**
     * School admins of a school that wants it must pass an OTP at every browser login, and are asked to set one up
     * on the login page when they have none (the OTP form is REQUIRED and CONFIGURE_TOTP enabled). Built from
     * Keycloak's own conditions: a sub-flow for holders of the school-admin role, and the existing "OTP when the
     * user set one up" sub-flow narrowed to non-admins so an admin is not asked twice. A school that does not want
     * it has both role conditions disabled, which leaves the original behaviour.
     */
    private static void reconcileAdminOtp(AuthenticationManagementResource flows, boolean required) {
        if (findSubFlow(flows, FORMS_FLOW, ADMIN_OTP_FLOW) == null) {
            Map<String, Object> subFlow = new HashMap<>();
            subFlow.put("alias", ADMIN_OTP_FLOW);
            subFlow.put("type", "basic-flow");
            subFlow.put("provider", "registration-page-form");
            subFlow.put("description", "OTP for school admins, when the school requires it");
            flows.addExecutionFlow(FORMS_FLOW, subFlow);
        }
        AuthenticationExecutionInfoRepresentation adminCondition =
                ensureRoleCondition(flows, ADMIN_OTP_FLOW, ADMIN_ROLE_CONFIG, false);
        AuthenticationExecutionInfoRepresentation adminOtp = find(flows, ADMIN_OTP_FLOW, OTP_FORM);
        if (adminOtp == null) {
            flows.addExecution(ADMIN_OTP_FLOW, Map.of("provider", OTP_FORM));
            adminOtp = find(flows, ADMIN_OTP_FLOW, OTP_FORM);
        }
        setRequirement(flows, ADMIN_OTP_FLOW, adminCondition, "REQUIRED");
        setRequirement(flows, ADMIN_OTP_FLOW, adminOtp, "REQUIRED");
        setRequirement(
                flows,
                FORMS_FLOW,
                findSubFlow(flows, FORMS_FLOW, ADMIN_OTP_FLOW),
                required ? "CONDITIONAL" : "DISABLED");

        AuthenticationExecutionInfoRepresentation notAdmin =
                ensureRoleCondition(flows, USER_OTP_FLOW, NOT_ADMIN_ROLE_CONFIG, true);
        setRequirement(flows, USER_OTP_FLOW, notAdmin, required ? "REQUIRED" : "DISABLED");
    }

    private static AuthenticationExecutionInfoRepresentation ensureRoleCondition(
            AuthenticationManagementResource flows, String flowAlias, String configAlias, boolean negate) {
        AuthenticationExecutionInfoRepresentation condition = find(flows, flowAlias, ROLE_CONDITION);
        if (condition == null) {
            flows.addExecution(flowAlias, Map.of("provider", ROLE_CONDITION));
            condition = find(flows, flowAlias, ROLE_CONDITION);
        }
        Map<String, String> config = roleConditionValues(negate);
        if (condition.getAuthenticationConfig() == null) {
            AuthenticatorConfigRepresentation rep = new AuthenticatorConfigRepresentation();
            rep.setAlias(configAlias);
            rep.setConfig(config);
            try (Response ignored = flows.newExecutionConfig(condition.getId(), rep)) {
                // created
            }
        } else {
            AuthenticatorConfigRepresentation rep = flows.getAuthenticatorConfig(condition.getAuthenticationConfig());
            if (!config.equals(rep.getConfig())) {
                rep.setConfig(config);
                flows.updateAuthenticatorConfig(rep.getId(), rep);
            }
        }
        return condition;
    }

    private static void setRequirement(
            AuthenticationManagementResource flows,
            String flowAlias,
            AuthenticationExecutionInfoRepresentation execution,
            String requirement) {
        if (!requirement.equals(execution.getRequirement())) {
            execution.setRequirement(requirement);
            flows.updateExecutions(flowAlias, execution);
        }
    }

    /** A direct execution of the flow (level 0) with this authenticator. */
    private static AuthenticationExecutionInfoRepresentation find(
            AuthenticationManagementResource flows, String flowAlias, String providerId) {
        return flows.getExecutions(flowAlias).stream()
                .filter(e -> e.getLevel() == 0 && providerId.equals(e.getProviderId()))
                .findFirst()
                .orElse(null);
    }

    private static AuthenticationExecutionInfoRepresentation findSubFlow(
            AuthenticationManagementResource flows, String flowAlias, String subFlowAlias) {
        return flows.getExecutions(flowAlias).stream()
                .filter(e -> e.getLevel() == 0
                        && Boolean.TRUE.equals(e.getAuthenticationFlow())
                        && subFlowAlias.equals(e.getDisplayName()))
                .findFirst()
                .orElse(null);
    }
}
