package cn.campuspass.tenant.keycloak;

import cn.campuspass.platform.security.KeycloakProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Admin-API clients, one per Keycloak cluster, authenticated as a master-realm service client (production) or the
 * bootstrap admin (local stack). Tokens are refreshed by the admin client itself.
 */
@Component
public class KeycloakAdmin implements DisposableBean {

    private final KeycloakProperties properties;
    private final Map<String, Keycloak> clients = new ConcurrentHashMap<>();

    public KeycloakAdmin(KeycloakProperties properties) {
        this.properties = properties;
    }

    public Keycloak cluster(String cluster) {
        return clients.computeIfAbsent(cluster == null ? KeycloakProperties.DEFAULT_CLUSTER : cluster, this::connect);
    }

    /**
     * Call after creating a realm. Keycloak decides admin rights on a realm from the roles in the caller's access
     * token, and a token issued before the realm existed lacks its management roles: a service client (production)
     * gets 403 on the new realm until its token is renewed, so renew it now.
     */
    public void realmCreated(String cluster) {
        cluster(cluster).tokenManager().grantToken();
    }

    public RealmResource realm(String cluster, String realm) {
        return cluster(cluster).realm(realm);
    }

    public String baseUrl(String cluster) {
        return properties.baseUrlOf(cluster);
    }

    private Keycloak connect(String cluster) {
        KeycloakBuilder builder = KeycloakBuilder.builder()
                .serverUrl(properties.baseUrlOf(cluster))
                .realm(properties.adminRealm())
                .clientId(properties.adminClientId());
        if (properties.adminClientSecret() != null
                && !properties.adminClientSecret().isBlank()) {
            builder.clientSecret(properties.adminClientSecret()).grantType(OAuth2Constants.CLIENT_CREDENTIALS);
        } else {
            builder.username(properties.adminUsername())
                    .password(properties.adminPassword())
                    .grantType(OAuth2Constants.PASSWORD);
        }
        return builder.build();
    }

    @Override
    public void destroy() {
        clients.values().forEach(Keycloak::close);
    }
}
