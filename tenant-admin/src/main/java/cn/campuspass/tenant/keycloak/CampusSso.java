package cn.campuspass.tenant.keycloak;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.web.MultiLine;
import cn.campuspass.tenant.TenantError;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.springframework.stereotype.Component;

/**
 * Brokers a school's campus identity provider (OIDC or SAML; most campus CAS servers speak one of them) into the
 * school realm under the alias {@value #ALIAS}. The login page then offers "统一身份认证" beside the password form.
 */
@Component
public class CampusSso {

    public static final String ALIAS = "campus";

    private final KeycloakAdmin admin;

    public CampusSso(KeycloakAdmin admin) {
        this.admin = admin;
    }

    public enum Type {
        NONE,
        OIDC,
        SAML
    }

    /** Campus IdP settings as the operator enters them; blank fields are left out. */
    public record Settings(
            Type type,
            String displayName,
            String issuer,
            String authorizationUrl,
            String tokenUrl,
            String jwksUrl,
            String userInfoUrl,
            String logoutUrl,
            String clientId,
            String clientSecret,
            String entityId,
            String singleSignOnServiceUrl,
            @MultiLine String signingCertificate) {}

    public void apply(String cluster, SchoolCode school, Settings settings) {
        RealmResource realm = admin.realm(cluster, school.realmName());
        if (settings.type() == Type.NONE) {
            remove(realm);
            return;
        }
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(ALIAS);
        idp.setDisplayName(blankToDefault(settings.displayName(), "统一身份认证"));
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setFirstBrokerLoginFlowAlias("first broker login");
        Map<String, String> config = new HashMap<>();
        config.put("syncMode", "IMPORT");
        if (settings.type() == Type.OIDC) {
            idp.setProviderId("oidc");
            require(settings.authorizationUrl(), "authorizationUrl");
            require(settings.tokenUrl(), "tokenUrl");
            require(settings.clientId(), "clientId");
            config.put("authorizationUrl", settings.authorizationUrl());
            config.put("tokenUrl", settings.tokenUrl());
            config.put("clientId", settings.clientId());
            config.put("clientAuthMethod", "client_secret_post");
            config.put("defaultScope", "openid profile email");
            config.put("pkceEnabled", "true");
            config.put("pkceMethod", "S256");
            putIfPresent(config, "clientSecret", settings.clientSecret());
            putIfPresent(config, "issuer", settings.issuer());
            putIfPresent(config, "userInfoUrl", settings.userInfoUrl());
            putIfPresent(config, "logoutUrl", settings.logoutUrl());
            if (notBlank(settings.jwksUrl())) {
                config.put("useJwksUrl", "true");
                config.put("jwksUrl", settings.jwksUrl());
                config.put("validateSignature", "true");
            }
        } else {
            idp.setProviderId("saml");
            require(settings.singleSignOnServiceUrl(), "singleSignOnServiceUrl");
            config.put("singleSignOnServiceUrl", settings.singleSignOnServiceUrl());
            config.put("postBindingResponse", "true");
            config.put("postBindingAuthnRequest", "true");
            config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
            config.put("principalType", "SUBJECT");
            putIfPresent(config, "idpEntityId", settings.entityId());
            if (notBlank(settings.signingCertificate())) {
                config.put("signingCertificate", settings.signingCertificate());
                config.put("validateSignature", "true");
            }
        }
        idp.setConfig(config);
        if (exists(realm)) {
            realm.identityProviders().get(ALIAS).update(idp);
        } else {
            try (Response response = realm.identityProviders().create(idp)) {
                if (response.getStatus() >= 300) {
                    throw new ApiException(TenantError.SSO_CONFIG_INVALID, "HTTP " + response.getStatus());
                }
            }
        }
    }

    private static boolean exists(RealmResource realm) {
        try {
            realm.identityProviders().get(ALIAS).toRepresentation();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void remove(RealmResource realm) {
        if (exists(realm)) {
            realm.identityProviders().get(ALIAS).remove();
        }
    }

    private static void require(String value, String field) {
        if (!notBlank(value)) {
            throw new ApiException(TenantError.SSO_CONFIG_INVALID, field);
        }
    }

    private static void putIfPresent(Map<String, String> config, String key, String value) {
        if (notBlank(value)) {
            config.put(key, value);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToDefault(String s, String fallback) {
        return notBlank(s) ? s : fallback;
    }
}
