package cn.campuspass.platform.security;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces each endpoint's declaration before the handler runs (and before its body is read): a
 * {@link RequiresPermission} endpoint answers 401 without a token and 403 without the permission; a
 * {@link OpenTo.Audience#SIGNED_IN_STAFF} endpoint needs a staff member holding at least one enabled role. Also
 * hands controllers the {@link StaffPrincipal} and its {@link DataScope} as method parameters.
 */
@Component
class PermissionEnforcement implements WebMvcConfigurer, HandlerInterceptor, HandlerMethodArgumentResolver {

    private final EndpointDeclarations declarations;
    private final StaffPrincipals principals;
    private final ObjectProvider<MeterRegistry> meters;
    private volatile Timer checks;

    // @Lazy: this configurer is built with Spring MVC's configuration while Tomcat starts, before JPA's
    // EntityManager exists; StaffPrincipals reaches it through the school role grants (SchoolJdbc).
    PermissionEnforcement(
            EndpointDeclarations declarations, @Lazy StaffPrincipals principals, ObjectProvider<MeterRegistry> meters) {
        this.declarations = declarations;
        this.principals = principals;
        this.meters = meters;
    }

    /**
     * What the check costs each request (resolving the principal from the verified token and the school's role
     * grants, then the permission test), as a histogram: {@code campuspass_authorization_check_seconds_bucket} on
     * /actuator/prometheus gives its p99 under real load ({@code histogram_quantile(0.99, ...)}) (docs/performance.md). The token's signature check before
     * it is authentication, not part of this figure.
     */
    private Timer checks() {
        Timer timer = checks;
        if (timer == null) {
            MeterRegistry registry = meters.getIfAvailable();
            if (registry == null) {
                return null;
            }
            timer = Timer.builder("campuspass.authorization.check")
                    .description("Permission and data-scope check of one request, principal resolution included")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(1_000))
                    .maximumExpectedValue(Duration.ofMillis(100))
                    .register(registry);
            checks = timer;
        }
        return timer;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        EndpointDeclarations.Declaration declaration = declarations.of(method);
        if (declaration.permission() == null && declaration.audience() != OpenTo.Audience.SIGNED_IN_STAFF) {
            return true; // portal, device and public endpoints check their own credentials
        }
        long start = System.nanoTime();
        try {
            check(request, declaration);
        } finally {
            Timer timer = checks();
            if (timer != null) {
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
        return true;
    }

    private void check(HttpServletRequest request, EndpointDeclarations.Declaration declaration) {
        if (declaration.permission() != null) {
            if (!principals.current(request).has(declaration.permission())) {
                throw new ApiException(PlatformError.FORBIDDEN);
            }
        } else if (declaration.audience() == OpenTo.Audience.SIGNED_IN_STAFF) {
            StaffPrincipal principal = principals.current(request);
            if (principal.school() == null || principal.roles().isEmpty()) {
                throw new ApiException(PlatformError.FORBIDDEN);
            }
        }
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == StaffPrincipal.class || type == DataScope.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        StaffPrincipal principal = principals.current(webRequest.getNativeRequest(HttpServletRequest.class));
        return parameter.getParameterType() == DataScope.class ? principal.scope() : principal;
    }
}
