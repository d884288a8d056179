package cn.campuspass.tenant.sso;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.CampusSso;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campus SSO settings of a school: applied to the school realm as an identity provider and recorded in the
 * registry (the client secret encrypted) so the console can show them.
 */
@Service
public class SchoolSsoService {

    /** The field the client secret is sealed for (inside the registry's {@code sso} JSON). */
    private static final String SSO_SECRET = "school.sso_client_secret";

    private final SchoolRegistry registry;
    private final CampusSso campusSso;
    private final FieldCipher cipher;
    private final JsonMapper json;
    private final AuditLog audit;

    public SchoolSsoService(
            SchoolRegistry registry, CampusSso campusSso, FieldCipher cipher, JsonMapper json, AuditLog audit) {
        this.registry = registry;
        this.campusSso = campusSso;
        this.cipher = cipher;
        this.json = json;
        this.audit = audit;
    }

    public void configure(SchoolCode code, CampusSso.Settings settings) {
        if (settings == null || settings.type() == null) {
            throw new ApiException(TenantError.SSO_CONFIG_INVALID, "type");
        }
        SchoolRecord school =
                registry.find(code).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
        settings = keepStoredSecret(school, settings);
        campusSso.apply(school.keycloakCluster(), code, settings);
        registry.setSso(
                code, settings.type() == CampusSso.Type.NONE ? null : json.writeValueAsString(stored(code, settings)));
        audit.record(code, "SCHOOL_SSO_CONFIGURED", settings.type().name());
    }

    /** The console leaves the secret blank to keep the stored one (it never sees it). */
    private CampusSso.Settings keepStoredSecret(SchoolRecord school, CampusSso.Settings s) {
        if (s.type() != CampusSso.Type.OIDC
                || (s.clientSecret() != null && !s.clientSecret().isBlank())
                || school.ssoJson() == null) {
            return s;
        }
        Object stored = json.readValue(school.ssoJson(), LinkedHashMap.class).get("clientSecret");
        if (stored == null) {
            return s;
        }
        return new CampusSso.Settings(
                s.type(),
                s.displayName(),
                s.issuer(),
                s.authorizationUrl(),
                s.tokenUrl(),
                s.jwksUrl(),
                s.userInfoUrl(),
                s.logoutUrl(),
                s.clientId(),
                cipher.decrypt(school.code().value(), SSO_SECRET, stored.toString()),
                s.entityId(),
                s.singleSignOnServiceUrl(),
                s.signingCertificate());
    }

    /** What the console may see of the stored settings. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> view(SchoolRecord school) {
        if (school.ssoJson() == null) {
            return Map.of("type", CampusSso.Type.NONE.name());
        }
        Map<String, Object> stored = json.readValue(school.ssoJson(), LinkedHashMap.class);
        stored.remove("clientSecret");
        return stored;
    }

    private Map<String, Object> stored(SchoolCode code, CampusSso.Settings s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", s.type().name());
        map.put("displayName", s.displayName());
        map.put("issuer", s.issuer());
        map.put("authorizationUrl", s.authorizationUrl());
        map.put("tokenUrl", s.tokenUrl());
        map.put("jwksUrl", s.jwksUrl());
        map.put("userInfoUrl", s.userInfoUrl());
        map.put("clientId", s.clientId());
        map.put(
                "clientSecret",
                s.clientSecret() == null ? null : cipher.encrypt(code.value(), SSO_SECRET, s.clientSecret()));
        map.put("clientSecretSet", s.clientSecret() != null && !s.clientSecret().isBlank());
        map.put("entityId", s.entityId());
        map.put("singleSignOnServiceUrl", s.singleSignOnServiceUrl());
        map.values().removeIf(v -> v == null);
        return map;
    }
}
