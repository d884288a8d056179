package cn.campuspass.platform.device;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.security.SchoolBindingFilter;
import cn.campuspass.platform.web.RequestPaths;
import cn.campuspass.platform.web.TextInputConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gate devices' fast lane: a pass verification or a plate event is answered here, after the request hygiene
 * and the rate limits, without Spring Security's filter chain (device calls carry no token: their credential is
 * checked by the call itself), the MVC handler look-up (a pattern matched against every mapping), argument
 * resolution and message converters — the largest shares of a device call's CPU in the profile of issue 9.
 *
 * <p>It takes only the ordinary shape of the call: {@code POST}, exact path {@code /device/<code>/api/<operation>},
 * {@code Authorization: Basic …}, a JSON content type and a body of known length within the call's limit that reads
 * as the body type (with the text rule of every request body: no control characters, bounded length) and passes
 * its bean constraints. Anything else — another header, a chunked or large body,
 * broken JSON, a constraint violation — is passed on, body intact, to the ordinary chain and the controller, which
 * answer it exactly as before. What the lane does answer goes through the same code: the school of the path as
 * {@link SchoolBindingFilter} binds it (unknown → {@code SCHOOL_NOT_FOUND}, not in service →
 * {@code SCHOOL_UNAVAILABLE}), the same {@link DeviceCall#handle} as the controller, errors through the same
 * exception handlers, so an answer has the same status, body and error code either way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class DeviceLane extends OncePerRequestFilter {

    private static final String PREFIX = "/device/";

    /** Resolved on the first device call: filters are created with the web server, before the beans they use. */
    private final ObjectProvider<DeviceCall<?>> callBeans;

    private volatile Map<String, DeviceCall<?>> calls;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final SchoolDirectory directory;
    private final JsonMapper json;
    private final JsonMapper reader;
    private final Validator validator;
    private final HandlerExceptionResolver errors;
    private final MeterRegistry meters;

    DeviceLane(
            ObjectProvider<DeviceCall<?>> callBeans,
            SchoolDirectory directory,
            JsonMapper json,
            Validator validator,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors,
            MeterRegistry meters) {
        this.callBeans = callBeans;
        this.directory = directory;
        this.json = json;
        this.reader = TextInputConfiguration.requestReader(json);
        this.validator = validator;
        this.errors = errors;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX) || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] parts = RequestPaths.of(request).split("/", -1);
        DeviceCall<?> call = parts.length == 5 && "api".equals(parts[3]) ? calls().get(parts[4]) : null;
        String authorization = request.getHeader("Authorization");
        long length = request.getContentLengthLong();
        if (call == null
                || authorization == null
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || !json(request.getContentType())
                || length < 0
                || length > call.maxBodyBytes()) {
            chain.doFilter(request, response);
            return;
        }
        SchoolEntry school;
        try {
            school = school(parts[2]);
        } catch (ApiException e) {
            errors.resolveException(request, response, null, e);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) length);
        Object parsed = parse(call, body);
        if (parsed == null) {
            // Not the ordinary shape: the ordinary way answers it (its own 4xx), reading the same bytes.
            chain.doFilter(new Replayed(request, body), response);
            return;
        }
        request.setAttribute(SchoolBindingFilter.SCHOOL_ATTRIBUTE, school.code().value());
        long start = System.nanoTime();
        Object answer;
        try (SchoolContext.Scope ignored = SchoolContext.bind(school.code())) {
            answer = handle(call, authorization, parsed);
        } catch (RuntimeException e) {
            if (errors.resolveException(request, response, null, e) == null) {
                throw e;
            }
            timer(call, "refused").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return;
        }
        byte[] out = json.writeValueAsBytes(answer);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
        timer(call, "answered").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /**
     * Device calls have their own timer instead of {@code http.server.requests} (see {@link #observed}): the
     * observation machinery cost 8 % of a gate decision's CPU; a timer costs a map look-up.
     */
    private Timer timer(DeviceCall<?> call, String outcome) {
        return timers.computeIfAbsent(
                call.operation() + '|' + outcome,
                key -> Timer.builder("campuspass.device.calls")
                        .description(
                                "Gate device calls answered by the fast lane, from the school binding to the answer")
                        .tag("operation", call.operation())
                        .tag("outcome", outcome)
                        .register(meters));
    }

    /**
     * Leaves device calls out of the {@code http.server.requests} observation (they are timed by
     * {@code campuspass.device.calls} and counted by their modules' own meters); every other request keeps it.
     */
    static ObservationPredicate observed() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && "POST".equals(server.getCarrier().getMethod())
                && server.getCarrier().getRequestURI().startsWith(PREFIX));
    }

    private Map<String, DeviceCall<?>> calls() {
        Map<String, DeviceCall<?>> known = calls;
        if (known == null) {
            Map<String, DeviceCall<?>> byOperation = new HashMap<>();
            callBeans.orderedStream().forEach(call -> byOperation.put(call.operation(), call));
            calls = known = Map.copyOf(byOperation);
        }
        return known;
    }

    private SchoolEntry school(String code) {
        if (!SchoolCode.isValid(code)) {
            throw new ApiException(PlatformError.SCHOOL_NOT_FOUND, code);
        }
        SchoolEntry school = directory
                .find(SchoolCode.of(code))
                .orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
        if (!school.serves()) {
            throw new ApiException(PlatformError.SCHOOL_UNAVAILABLE);
        }
        return school;
    }

    /** The body as the call's type if it reads and passes its constraints; null otherwise. */
    private Object parse(DeviceCall<?> call, byte[] body) {
        Object value;
        try {
            value = reader.readValue(body, call.bodyType());
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
        if (value == null || !validator.validate(value).isEmpty()) {
            return null;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <B> Object handle(DeviceCall<B> call, String authorization, Object body) {
        return call.handle(authorization, (B) body);
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The request with its body read once already: the same bytes again for the ordinary chain. */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
