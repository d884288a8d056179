package cn.campuspass.platform.security;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolDirectory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * One stateless filter chain for every channel. Each URL prefix is one channel ({@code /operator/api},
 * {@code /admin/api}, {@code /portal/{school}/api}, {@code /device/{school}/api}, {@code /public/api}); anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(KeycloakProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            SchoolIssuers issuers,
            SchoolDirectory directory,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors)
            throws Exception {
        var tokens = new JwtIssuerAuthenticationManagerResolver(new TrustedIssuerAuthenticationManagers(issuers));
        http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/public/api/**")
                        .permitAll()
                        .requestMatchers("/operator/api/**")
                        .hasRole(Roles.OPERATOR)
                        // Any school realm token; each endpoint's permission is then checked against what the
                        // school's role table grants (PermissionEnforcement). A realm account without an enabled
                        // role, such as a student arriving through campus SSO, holds no permission.
                        .requestMatchers("/admin/api/**")
                        .hasRole(Roles.SCHOOL_USER)
                        .requestMatchers("/portal/*/api/**")
                        .permitAll()
                        // Gate devices authenticate each call with their own credential (checked by the device API).
                        .requestMatchers("/device/*/api/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/operator/**", "/admin/**", "/portal/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // The API description (springdoc): present only where springdoc.api-docs.enabled is true,
                        // which the prod profile turns off by default (docs/api.md).
                        .requestMatchers(
                                HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.authenticationManagerResolver(tokens)
                        .authenticationEntryPoint((request, response, e) -> errors.resolveException(
                                request, response, null, new ApiException(PlatformError.UNAUTHENTICATED)))
                        .accessDeniedHandler((request, response, e) -> errors.resolveException(
                                request, response, null, new ApiException(PlatformError.FORBIDDEN))))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> errors.resolveException(
                                request, response, null, new ApiException(PlatformError.UNAUTHENTICATED)))
                        .accessDeniedHandler((request, response, e) -> errors.resolveException(
                                request, response, null, new ApiException(PlatformError.FORBIDDEN))))
                .addFilterAfter(
                        new SchoolBindingFilter(issuers, directory, errors), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
