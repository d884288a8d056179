package cn.campuspass.tenant.keycloak;

import cn.campuspass.platform.security.KeycloakProperties;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
                .clientId(properties.adminClientId())
                .resteasyClient(timedClient());
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

    /**
     * The admin client's HTTP client, logging every call's method, path, status and milliseconds at DEBUG under
     * {@code cn.campuspass.tenant.keycloak.calls} (token requests included), so a slow step can be broken down
     * into its admin calls without a profiler.
     */
    private static jakarta.ws.rs.client.Client timedClient() {
        jakarta.ws.rs.client.Client client = Keycloak.getClientProvider().newRestEasyClient(null, null, false);
        if (CALLS.isDebugEnabled()) {
            client.register(new CallTimer());
        }
        return client;
    }

    private static final Logger CALLS = LoggerFactory.getLogger("cn.campuspass.tenant.keycloak.calls");

    private static final class CallTimer implements ClientRequestFilter, ClientResponseFilter {
        private static final String START = CallTimer.class.getName();

        @Override
        public void filter(ClientRequestContext request) {
            request.setProperty(START, System.nanoTime());
        }

        @Override
        public void filter(ClientRequestContext request, ClientResponseContext response) {
            if (request.getProperty(START) instanceof Long start) {
                CALLS.debug(
                        "{} {} {} {} ms",
                        request.getMethod(),
                        request.getUri().getRawPath(),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    @Override
    public void destroy() {
        clients.values().forEach(Keycloak::close);
    }
}
