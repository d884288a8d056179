package cn.campuspass.wechat.session;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.wechat.PortalError;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets portal controllers take a {@link PortalSession} parameter: the session of the {@code X-Portal-Session}
 * header, which must belong to the school of the URL. Without one the request is refused with 401
 * {@code PORTAL_SESSION_REQUIRED}; a session of another school counts as none.
 */
@Configuration(proxyBeanMethods = false)
class PortalSessionArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final PortalSessions sessions;

    PortalSessionArguments(PortalSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PortalSession.class;
    }

    @Override
    public PortalSession resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        return sessions.find(request.getHeader(PortalSessions.HEADER))
                .filter(s -> s.school().equals(SchoolContext.require()))
                .orElseThrow(() -> new ApiException(PortalError.PORTAL_SESSION_REQUIRED));
    }
}
