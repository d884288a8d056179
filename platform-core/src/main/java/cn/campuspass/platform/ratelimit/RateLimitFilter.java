package cn.campuspass.platform.ratelimit;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.web.RequestPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Applies {@link RateLimitProperties} rules per client address before security and controllers run. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimitProperties properties;
    private final RateLimiter limiter;
    private final HandlerExceptionResolver errors;
    private final AntPathMatcher paths = new AntPathMatcher();

    RateLimitFilter(
            RateLimitProperties properties,
            RateLimiter limiter,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.properties = properties;
        this.limiter = limiter;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The decoded path routing matches, not the raw URI: /admin/%61pi/home is routed to /admin/api/home.
        String path = RequestPaths.of(request);
        for (RateLimitProperties.Rule rule : properties.rules()) {
            if (paths.match(rule.pattern(), path)
                    && !limiter.tryAcquire(rule.name(), request.getRemoteAddr(), rule.limit(), rule.window())) {
                response.setHeader("Retry-After", String.valueOf(rule.window().toSeconds()));
                errors.resolveException(request, response, null, new ApiException(PlatformError.RATE_LIMITED));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
