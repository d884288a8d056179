package cn.campuspass.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Keycloak lives. {@code url} is the public base URL of the default cluster ({@code main}); {@code clusters}
 * adds more clusters by id as the platform grows past a few hundred realms per cluster. Tokens' issuers must match
 * these URLs exactly. The admin credentials are those of a master-realm account or service client allowed to
 * create realms.
 */
@ConfigurationProperties("campuspass.keycloak")
public record KeycloakProperties(
        String url,
        Map<String, String> clusters,
        String adminRealm,
        String adminClientId,
        String adminClientSecret,
        String adminUsername,
        String adminPassword) {

    public static final String DEFAULT_CLUSTER = "main";
    public static final String PLATFORM_REALM = "platform";

    public KeycloakProperties {
        adminRealm = adminRealm == null ? "master" : adminRealm;
        adminClientId = adminClientId == null ? "admin-cli" : adminClientId;
        Map<String, String> all = new LinkedHashMap<>();
        if (url != null) {
            all.put(DEFAULT_CLUSTER, stripSlash(url));
        }
        if (clusters != null) {
            clusters.forEach((id, base) -> all.put(id, stripSlash(base)));
        }
        clusters = Map.copyOf(all);
    }

    public String baseUrlOf(String cluster) {
        String base = clusters.get(cluster == null ? DEFAULT_CLUSTER : cluster);
        if (base == null) {
            throw new IllegalStateException("Unknown Keycloak cluster: " + cluster);
        }
        return base;
    }

    public String issuerOf(String cluster, String realm) {
        return baseUrlOf(cluster) + "/realms/" + realm;
    }

    public String platformIssuer() {
        return issuerOf(DEFAULT_CLUSTER, PLATFORM_REALM);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
