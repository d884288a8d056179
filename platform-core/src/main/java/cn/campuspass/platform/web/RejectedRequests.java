package cn.campuspass.platform.web;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring Security's firewall refuses what slips past {@link RequestHygieneFilter} (e.g. control characters in a
 * header); its refusal is answered like every other one, 400 with {@code {code, message}}.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    @Bean
    RequestRejectedHandler requestRejectedHandler(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        return (request, response, rejected) ->
                errors.resolveException(request, response, null, new ApiException(PlatformError.MALFORMED_REQUEST));
    }
}
