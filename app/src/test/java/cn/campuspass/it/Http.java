package cn.campuspass.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: real requests over the loopback, JSON in and out. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    public record Response(int status, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }
    }

    public static Response get(String url, String token) {
        return send(builder(url, token).GET().build());
    }

    public static Response get(String url, String token, Map<String, String> headers) {
        HttpRequest.Builder b = builder(url, token).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    public static Response post(String url, String token, Object body) {
        return send(builder(url, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : toJson(body)))
                .build());
    }

    public static Response put(String url, String token, Object body) {
        return send(builder(url, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body)))
                .build());
    }

    public static Response delete(String url, String token) {
        return send(builder(url, token).DELETE().build());
    }

    public static Response postForm(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build());
    }

    /** A file part of a multipart request. */
    public record FilePart(String name, String fileName, String contentType, byte[] bytes) {}

    /** A multipart POST: one JSON part named {@code jsonName}, then the files. */
    public static Response postMultipart(
            String url, String token, String jsonName, Object json, java.util.List<FilePart> files) {
        return postMultipart(
                url, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), jsonName, json, files);
    }

    /** A multipart POST with these headers (e.g. a portal session) instead of a bearer token. */
    public static Response postMultipart(
            String url, Map<String, String> headers, String jsonName, Object json, java.util.List<FilePart> files) {
        String boundary = "----cp" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + jsonName + "\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + toJson(json) + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (FilePart part : files) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name()
                            + "\"; filename=\"" + part.fileName() + "\"\r\nContent-Type: " + part.contentType()
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = builder(url, null)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        headers.forEach(b::header);
        return send(b.build());
    }

    public static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    public static String toJson(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private static HttpRequest.Builder builder(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** Sends a request built by the caller (multipart bodies, other headers). */
    public static Response send(HttpRequest.Builder request) {
        return send(request.build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The decoded query parameters of a URL (WeChat's {@code #wechat_redirect} suffix ignored), in order. */
    public static Map<String, String> queryOf(String url) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        String raw = java.net.URI.create(url.replace("#wechat_redirect", "")).getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(
                    kv[0],
                    kv.length == 2 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
        }
        return q;
    }
}
