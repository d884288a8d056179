package cn.campuspass.it;

import cn.campuspass.platform.web.EndpointCatalog.Endpoint;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP for the endpoint campaigns: any method name, any bytes, any content type, credentials per channel, and
 * request bodies generated from the handler's own {@code @RequestBody} type so a new endpoint is probed without
 * anyone writing its body by hand.
 */
final class EndpointProbe {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** How the generated body's values are chosen. */
    enum Fill {
        /** Plausible values: text, the given id for every number, first enum constant. */
        PLAUSIBLE,
        /** Every text a NUL and a bell inside. */
        CONTROL,
        /** Every text a line break inside (single-line fields refuse it). */
        NEWLINE,
        /** Every text 100,000 characters. */
        LONG,
        /** Every value of the wrong JSON type. */
        WRONG_TYPES
    }

    /** {@code visitorSession}: a visitor's session (X-Visitor-Session), kept apart from the registrant's. */
    record Credentials(String bearer, String portalSession, String basic, String visitorSession) {
        static final Credentials NONE = new Credentials(null, null, null);

        Credentials(String bearer, String portalSession, String basic) {
            this(bearer, portalSession, basic, null);
        }
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** A well-formed error: JSON with a non-empty code and message. */
        boolean wellFormedError() {
            JsonNode json = json();
            return json != null
                    && !json.path("code").asString("").isEmpty()
                    && !json.path("message").asString("").isEmpty();
        }

        String code() {
            JsonNode json = json();
            return json == null ? null : json.path("code").asString();
        }
    }

    private EndpointProbe() {}

    static Reply send(String method, String url, Credentials credentials, String contentType, byte[] body) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad probe URL " + url, e);
        }
        b.timeout(Duration.ofSeconds(60))
                // A different client address per request: the campaign is not what rate limits are for.
                .header(
                        "X-Forwarded-For",
                        "10.9." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                                + ThreadLocalRandom.current().nextInt(1, 255));
        if (credentials.bearer() != null) {
            b.header("Authorization", "Bearer " + credentials.bearer());
        }
        if (credentials.basic() != null) {
            b.header("Authorization", "Basic " + credentials.basic());
        }
        if (credentials.portalSession() != null) {
            b.header("X-Portal-Session", credentials.portalSession());
        }
        if (credentials.visitorSession() != null) {
            b.header("X-Visitor-Session", credentials.visitorSession());
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply json(String method, String url, Credentials credentials, Object body) {
        return send(
                method,
                url,
                credentials,
                "application/json",
                body == null ? null : Http.toJson(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The endpoint's path with each variable replaced. */
    static String path(Endpoint endpoint, Function<String, String> variables) {
        String path = endpoint.pattern();
        for (String name : endpoint.pathVariables()) {
            path = path.replaceFirst(
                    "\\{\\*?" + java.util.regex.Pattern.quote(name) + "(:[^}]*)?}", variables.apply(name));
        }
        return path;
    }

    /** The handler's {@code @RequestBody} parameter, or null. */
    static MethodParameter bodyParameter(Endpoint endpoint) {
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return parameter;
            }
        }
        return null;
    }

    static boolean bodyRequired(Endpoint endpoint) {
        MethodParameter parameter = bodyParameter(endpoint);
        return parameter != null
                && parameter.getParameterAnnotation(RequestBody.class).required();
    }

    /** Whether the generated body of this endpoint has any text field at all. */
    static boolean hasText(Endpoint endpoint) {
        MethodParameter parameter = bodyParameter(endpoint);
        return parameter != null && Http.toJson(body(endpoint, Fill.CONTROL, 1)).contains("\\u0000");
    }

    /** A body for the endpoint's {@code @RequestBody} type, filled as asked. */
    static Object body(Endpoint endpoint, Fill fill, long id) {
        MethodParameter parameter = bodyParameter(endpoint);
        if (parameter == null) {
            return Map.of();
        }
        return value(parameter.getGenericParameterType(), fill, id, 0);
    }

    private static Object value(Type type, Fill fill, long id, int depth) {
        Class<?> raw = raw(type);
        boolean wrong = fill == Fill.WRONG_TYPES;
        if (raw == String.class || raw == CharSequence.class) {
            return switch (fill) {
                case PLAUSIBLE -> "探测" + id;
                case CONTROL -> "坏\u0000值\u0007";
                case NEWLINE -> "第一行\r\n第二行";
                case LONG -> "长".repeat(100_000);
                case WRONG_TYPES -> Map.of("not", "text");
            };
        }
        if (raw == long.class
                || raw == Long.class
                || raw == int.class
                || raw == Integer.class
                || raw == short.class
                || raw == Short.class) {
            return wrong ? "不是数字" : id;
        }
        if (raw == double.class
                || raw == Double.class
                || raw == float.class
                || raw == Float.class
                || Number.class.isAssignableFrom(raw)) {
            return wrong ? "不是数字" : 1;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return wrong ? "也许" : true;
        }
        if (raw.isEnum()) {
            return wrong ? "NO_SUCH_VALUE" : ((Enum<?>) raw.getEnumConstants()[0]).name();
        }
        if (Temporal.class.isAssignableFrom(raw) || raw == java.util.Date.class) {
            return wrong ? "昨天" : raw == java.time.LocalDate.class ? "2026-01-01" : "2026-01-01T00:00:00Z";
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            if (wrong) {
                return "不是列表";
            }
            Type element = raw.isArray()
                    ? raw.getComponentType()
                    : type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
            List<Object> list = new ArrayList<>();
            list.add(value(element, fill, id, depth + 1));
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type valueType = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : String.class;
            return wrong ? "不是对象" : Map.of("k", value(valueType, fill, id, depth + 1));
        }
        if (raw.isRecord() && depth < 5) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                object.put(component.getName(), value(component.getGenericType(), fill, id, depth + 1));
            }
            return object;
        }
        if (raw == Object.class) {
            return value(String.class, fill, id, depth);
        }
        // A class with setters or a JsonNode: an object with one text field is the best general guess.
        return wrong ? 42 : Map.of("name", value(String.class, fill, id, depth + 1));
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
