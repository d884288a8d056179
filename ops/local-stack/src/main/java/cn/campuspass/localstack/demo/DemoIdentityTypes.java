package cn.campuspass.localstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo school's identity types (A4.1), created through the school admin API: teacher sub-types 在编教师, 外聘教师,
 * 博士后; student sub-types 本科生, 研究生; third-party 施工人员, 物业. Construction workers must upload a face photo
 * (a type's own setting over its identity's, P4 / A4.2 b). Idempotent: types that exist are kept, as is a face
 * setting the school already chose.
 */
public final class DemoIdentityTypes {

    /** Type name → identity. */
    static final List<Map.Entry<String, String>> TYPES = List.of(
            Map.entry("在编教师", "TEACHER"),
            Map.entry("外聘教师", "TEACHER"),
            Map.entry("博士后", "TEACHER"),
            Map.entry("本科生", "STUDENT"),
            Map.entry("研究生", "STUDENT"),
            Map.entry("施工人员", "THIRD_PARTY"),
            Map.entry("物业", "THIRD_PARTY"));

    /** Types whose people must upload a face photo whatever their identity says. */
    static final List<String> FACE_REQUIRED = List.of("施工人员");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoIdentityTypes() {}

    /**
     * Creates the demo types that are missing.
     *
     * @param baseUrl the app's address, e.g. {@code http://127.0.0.1:8080}
     * @param bearerToken a school admin's (or security officer's) access token of the demo school
     * @return the ids of all demo types by name
     */
    public static Map<String, Long> seed(HttpClient http, String baseUrl, String bearerToken) {
        Map<String, Long> ids = new LinkedHashMap<>();
        JsonNode existing = call(http, baseUrl, bearerToken, "GET", "/admin/api/identity-types", null, 200);
        for (JsonNode type : existing) {
            ids.put(
                    key(type.path("identity").asString(), type.path("name").asString()),
                    type.path("id").asLong());
        }
        Map<String, Long> byName = new LinkedHashMap<>();
        for (Map.Entry<String, String> type : TYPES) {
            Long id = ids.get(key(type.getValue(), type.getKey()));
            if (id == null) {
                id = call(
                                http,
                                baseUrl,
                                bearerToken,
                                "POST",
                                "/admin/api/identity-types",
                                Map.of("name", type.getKey(), "identity", type.getValue()),
                                201)
                        .path("id")
                        .asLong();
            }
            byName.put(type.getKey(), id);
        }
        requireFaces(http, baseUrl, bearerToken, byName);
        return byName;
    }

    private static void requireFaces(HttpClient http, String baseUrl, String token, Map<String, Long> byName) {
        JsonNode settings = call(http, baseUrl, token, "GET", "/admin/api/school/settings", null, 200);
        Map<String, Boolean> byType = new LinkedHashMap<>();
        settings.path("faceRequiredByTeacherType")
                .properties()
                .forEach(e -> byType.put(e.getKey(), e.getValue().asBoolean()));
        boolean changed = false;
        for (String name : FACE_REQUIRED) {
            changed |= byType.putIfAbsent(String.valueOf(byName.get(name)), true) == null;
        }
        if (changed) {
            call(
                    http,
                    baseUrl,
                    token,
                    "PUT",
                    "/admin/api/school/settings",
                    Map.of("faceRequiredByTeacherType", byType),
                    200);
        }
    }

    private static String key(String identity, String name) {
        return identity + '\u0000' + name;
    }

    private static JsonNode call(
            HttpClient http, String baseUrl, String token, String method, String path, Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding identity types", e);
        }
    }
}
