package cn.campuspass.platform.security;

import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * For {@code @WebMvcTest} slices (shared through platform-core's test jar): hands controllers a staff member of the
 * whole school as their {@link StaffPrincipal} / {@link DataScope} parameter. Slices test request and response
 * shapes; who may call what is proven on the real stack (the authorization matrix).
 */
@Configuration(proxyBeanMethods = false)
public class StaffForWebSlices implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    public static final StaffPrincipal STAFF = new StaffPrincipal(
            null, "slice-user", "slice-admin", Set.of("school-admin"), Set.of(), DataScope.wholeSchool());

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == StaffPrincipal.class || parameter.getParameterType() == DataScope.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return parameter.getParameterType() == DataScope.class ? STAFF.scope() : STAFF;
    }
}
