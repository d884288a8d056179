package cn.campuspass.platform.web;

import cn.campuspass.platform.security.KeycloakProperties;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Chinese unless the client asks for English: users are Chinese security offices. */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        return resolver;
    }

    /** Request mappings looked up through an index of their patterns' shapes; see {@link IndexedHandlerMapping}. */
    @Bean
    WebMvcRegistrations indexedRequestMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedHandlerMapping();
            }
        };
    }

    /** CSP, Referrer-Policy and Vary on the consoles' and portals' pages; see {@link PageHeaders}. */
    @Bean
    FilterRegistrationBean<PageHeaders> pageHeaders(
            KeycloakProperties keycloak, @Value("${campuspass.storage.endpoint:}") String objectStore) {
        FilterRegistrationBean<PageHeaders> registration =
                new FilterRegistrationBean<>(PageHeaders.of(keycloak, objectStore));
        registration.setName("pageHeaders");
        return registration;
    }
}
