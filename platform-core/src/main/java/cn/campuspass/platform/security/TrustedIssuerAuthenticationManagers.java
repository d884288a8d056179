package cn.campuspass.platform.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * One authentication manager per trusted issuer, created lazily so a newly onboarded school is trusted without a
 * restart. The JWK set URL is derived from the issuer we already trust (no discovery call), and Nimbus caches each
 * issuer's keys. Unknown issuers get no manager, which Spring Security turns into 401.
 */
class TrustedIssuerAuthenticationManagers implements AuthenticationManagerResolver<String> {

    /** Bounded waits on Keycloak: a slow key fetch fails the request instead of holding a thread. */
    private static final org.springframework.web.client.RestTemplate JWKS_CLIENT = jwksClient();

    private final SchoolIssuers issuers;
    private final ConcurrentMap<String, AuthenticationManager> managers = new ConcurrentHashMap<>();

    TrustedIssuerAuthenticationManagers(SchoolIssuers issuers) {
        this.issuers = issuers;
    }

    @Override
    public AuthenticationManager resolve(String issuer) {
        if (issuers.isPlatform(issuer)) {
            return managers.computeIfAbsent(issuer, i -> manager(i, true));
        }
        if (issuers.schoolOf(issuer).isEmpty()) {
            // Also drops a cached manager of a school that has since been removed.
            managers.remove(issuer);
            return null;
        }
        return managers.computeIfAbsent(issuer, i -> manager(i, false));
    }

    private static org.springframework.web.client.RestTemplate jwksClient() {
        var factory = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(java.time.Duration.ofSeconds(5));
        factory.setReadTimeout(java.time.Duration.ofSeconds(15));
        return new org.springframework.web.client.RestTemplate(factory);
    }

    private static AuthenticationManager manager(String issuer, boolean platform) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs")
                .restOperations(JWKS_CLIENT)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(
                platform ? RealmRolesConverter::platformAuthorities : RealmRolesConverter::schoolAuthorities);
        converter.setPrincipalClaimName("preferred_username");
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return provider::authenticate;
    }
}
