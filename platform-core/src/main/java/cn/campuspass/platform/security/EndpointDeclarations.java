package cn.campuspass.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What each handler method declares it needs: a {@link RequiresPermission} or an {@link OpenTo}. Checked for every
 * mapped endpoint when the application starts: an endpoint without a declaration, with both, or naming a permission
 * no module declares stops the start (and so fails every test that starts the application).
 *
 * <p>The one exception is the API description itself: springdoc's own controllers (the packages in
 * {@link #API_DOCS_PACKAGES}, a library's code that cannot carry our annotations) are {@link OpenTo.Audience#PUBLIC}
 * by this rule. Whether those paths exist at all is the {@code springdoc.*.enabled} setting (off under {@code prod}
 * unless the operator turns it on, see {@code docs/api.md}). Any other handler outside {@code cn.campuspass} still
 * needs a declaration.
 */
@Component
public class EndpointDeclarations implements SmartInitializingSingleton {

    /** What one handler needs: exactly one of the two is set. */
    public record Declaration(String permission, OpenTo.Audience audience) {}

    // A provider: the handler mapping is built from the WebMvcConfigurers, one of which (PermissionEnforcement)
    // needs this bean.
    /** The packages of springdoc's controllers (the OpenAPI document, Swagger UI's page and its configuration). */
    static final Set<String> API_DOCS_PACKAGES = Set.of("org.springdoc.webmvc.api", "org.springdoc.webmvc.ui");

    private static final Declaration API_DOCS = new Declaration(null, OpenTo.Audience.PUBLIC);

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final PermissionRegistry registry;
    private final Map<java.lang.reflect.Method, Declaration> cache = new ConcurrentHashMap<>();

    public EndpointDeclarations(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings,
            PermissionRegistry registry) {
        this.mappings = mappings;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        mappings.getObject().getHandlerMethods().forEach((info, handler) -> {
            try {
                Declaration declaration = read(handler);
                if (declaration.permission() != null && !registry.exists(declaration.permission())) {
                    problems.add(info + " needs undeclared permission " + declaration.permission());
                }
            } catch (IllegalStateException e) {
                problems.add(info + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Endpoints without a valid permission declaration:\n  " + String.join("\n  ", problems));
        }
    }

    public Declaration of(HandlerMethod handler) {
        return cache.computeIfAbsent(handler.getMethod(), m -> read(handler));
    }

    private static Declaration read(HandlerMethod handler) {
        if (API_DOCS_PACKAGES.contains(handler.getBeanType().getPackageName())) {
            return API_DOCS;
        }
        RequiresPermission permission =
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class);
        OpenTo open = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), OpenTo.class);
        if (permission == null && open == null) {
            permission = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresPermission.class);
            open = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), OpenTo.class);
        }
        if (permission == null && open == null) {
            throw new IllegalStateException("no @RequiresPermission or @OpenTo on " + handler.getShortLogMessage());
        }
        if (permission != null && open != null) {
            throw new IllegalStateException("both @RequiresPermission and @OpenTo on " + handler.getShortLogMessage());
        }
        return permission != null ? new Declaration(permission.value(), null) : new Declaration(null, open.value());
    }
}
