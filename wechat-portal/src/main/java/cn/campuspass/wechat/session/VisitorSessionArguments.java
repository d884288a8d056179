package cn.campuspass.wechat.session;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.visitor.VisitorError;
import cn.campuspass.visitor.VisitorSignOuts;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets visitor controllers take a {@link VisitorSession}: the session of the {@value VisitorSessions#HEADER} header,
 * of the school of the URL, of a visitor not signed out by a purge ({@link VisitorSignOuts}: a Redis look-up, no database
 * transaction per request).
 * Otherwise 401 {@code VISITOR_NOT_SIGNED_IN}; a registrant's portal token is not accepted.
 */
@Configuration(proxyBeanMethods = false)
class VisitorSessionArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final VisitorSessions sessions;
    private final VisitorSignOuts signOuts;

    VisitorSessionArguments(VisitorSessions sessions, VisitorSignOuts signOuts) {
        this.sessions = sessions;
        this.signOuts = signOuts;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == VisitorSession.class;
    }

    @Override
    public VisitorSession resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        VisitorSession session = sessions.find(request.getHeader(VisitorSessions.HEADER))
                .filter(s -> s.school().equals(SchoolContext.require()))
                .orElseThrow(() -> new ApiException(VisitorError.VISITOR_NOT_SIGNED_IN));
        if (signOuts.signedOut(session.school(), session.visitorId())) {
            sessions.delete(session);
            throw new ApiException(VisitorError.VISITOR_NOT_SIGNED_IN);
        }
        return session;
    }
}
