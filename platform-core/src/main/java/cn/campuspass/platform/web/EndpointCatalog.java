package cn.campuspass.platform.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP endpoint of the application, read from Spring MVC's own handler mappings rather than from a hand-kept
 * list, so tests and policies built on it (the bad-input campaign, the tenant matrix, the authorization matrix)
 * cover a new endpoint the moment it exists. One {@link Endpoint} per HTTP method and path pattern.
 */
@Component
public class EndpointCatalog {

    /** The URL prefix a request arrives through; see {@code docs/architecture.md}. */
    public enum Channel {
        OPERATOR,
        ADMIN,
        PORTAL,
        DEVICE,
        PUBLIC,
        /** Not an API channel (the error page, pages served by controllers). */
        OTHER;

        public static Channel of(String pattern) {
            if (pattern.startsWith("/operator/api/")) {
                return OPERATOR;
            }
            if (pattern.startsWith("/admin/api/")) {
                return ADMIN;
            }
            if (pattern.startsWith("/portal/{school}/api/")) {
                return PORTAL;
            }
            if (pattern.startsWith("/device/{school}/api/")) {
                return DEVICE;
            }
            if (pattern.startsWith("/public/api/")) {
                return PUBLIC;
            }
            return OTHER;
        }
    }

    /**
     * One method on one path pattern. {@code method} is {@code null} when the mapping accepts every method.
     * {@code consumes} and {@code produces} are empty when the mapping does not restrict them.
     */
    public record Endpoint(
            RequestMethod method,
            String pattern,
            Channel channel,
            HandlerMethod handler,
            Set<MediaType> consumes,
            Set<MediaType> produces) {

        private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(?::[^}]*)?}");

        /** The path variables in the order they appear, e.g. {@code [school, id]}. */
        public List<String> pathVariables() {
            List<String> names = new ArrayList<>();
            Matcher m = VARIABLE.matcher(pattern);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        public Method javaMethod() {
            return handler.getMethod();
        }

        public Class<?> controller() {
            return handler.getBeanType();
        }

        /** Whether the handler reads a request body ({@code @RequestBody}). */
        public boolean readsBody() {
            for (var parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the handler takes a multipart file. */
        public boolean readsMultipart() {
            for (var parameter : handler.getMethodParameters()) {
                if (org.springframework.web.multipart.MultipartFile.class.isAssignableFrom(
                        parameter.getParameterType())) {
                    return true;
                }
            }
            return false;
        }

        /** The request parameters the handler names ({@code @RequestParam}), e.g. for paging probes. */
        public List<String> requestParameters() {
            List<String> names = new ArrayList<>();
            for (var parameter : handler.getMethodParameters()) {
                var param =
                        parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
                if (param != null
                        && !org.springframework.web.multipart.MultipartFile.class.isAssignableFrom(
                                parameter.getParameterType())) {
                    String name = !param.name().isEmpty() ? param.name() : param.value();
                    names.add(name.isEmpty() ? parameter.getParameterName() : name);
                }
            }
            return names;
        }

        @Override
        public String toString() {
            return (method == null ? "ANY" : method.name()) + " " + pattern;
        }
    }

    private final RequestMappingHandlerMapping mappings;
    private volatile List<Endpoint> endpoints;

    public EndpointCatalog(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    /** Every endpoint, sorted by path then method. Read once: mappings do not change after start-up. */
    public List<Endpoint> endpoints() {
        List<Endpoint> result = endpoints;
        if (result == null) {
            result = read();
            endpoints = result;
        }
        return result;
    }

    public List<Endpoint> endpoints(Channel channel) {
        return endpoints().stream().filter(e -> e.channel() == channel).toList();
    }

    private List<Endpoint> read() {
        List<Endpoint> result = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns(info)) {
                if (methods.isEmpty()) {
                    result.add(endpoint(null, pattern, info, handler));
                } else {
                    methods.forEach(method -> result.add(endpoint(method, pattern, info, handler)));
                }
            }
        });
        result.sort(Comparator.comparing(Endpoint::pattern)
                .thenComparing(e -> e.method() == null ? "" : e.method().name()));
        return List.copyOf(result);
    }

    private static Set<String> patterns(RequestMappingInfo info) {
        return new TreeSet<>(info.getPatternValues());
    }

    private static Endpoint endpoint(
            RequestMethod method, String pattern, RequestMappingInfo info, HandlerMethod handler) {
        return new Endpoint(
                method,
                pattern,
                Channel.of(pattern),
                handler,
                Set.copyOf(info.getConsumesCondition().getConsumableMediaTypes()),
                Set.copyOf(info.getProducesCondition().getProducibleMediaTypes()));
    }
}
