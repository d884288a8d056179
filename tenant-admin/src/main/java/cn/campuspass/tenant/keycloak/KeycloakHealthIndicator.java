package cn.campuspass.tenant.keycloak;

import cn.campuspass.platform.security.KeycloakProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Keycloak is healthy when every cluster serves the platform realm's OpenID configuration. */
@Component("keycloak")
class KeycloakHealthIndicator extends AbstractHealthIndicator {

    private final KeycloakProperties properties;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    KeycloakHealthIndicator(KeycloakProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.up();
        for (var cluster : properties.clusters().entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(cluster.getValue() + "/realms/master/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(3))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            builder.withDetail(cluster.getKey(), status);
            if (status != 200) {
                builder.down();
            }
        }
    }
}
