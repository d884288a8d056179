package cn.campuspass.localstack.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The school admin API as the demo seeding calls it: JSON in and out, one bearer token, failures as exceptions. */
final class DemoApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    DemoApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        boolean ok() {
            return status / 100 == 2;
        }
    }

    JsonNode get(String path) {
        return checked("GET", path, send("GET", path, null)).json();
    }

    JsonNode post(String path, Object body) {
        return checked("POST", path, send("POST", path, body)).json();
    }

    JsonNode put(String path, Object body) {
        return checked("PUT", path, send("PUT", path, body)).json();
    }

    /** The raw answer, for callers that accept some 4xx (e.g. "exists already"). */
    Reply send(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return exchange(b);
    }

    /** A multipart upload of one file in field {@code file}. */
    Reply upload(String path, String filename, String contentType, byte[] content) {
        String boundary = "----campuspass-demo-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A multipart POST: one JSON part named {@code jsonName}, then image files by field name (JPEG). */
    Reply postMultipart(String path, String jsonName, Object json, java.util.Map<String, byte[]> jpegs) {
        String boundary = "----campuspass-demo-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + jsonName
                        + "\"\r\nContent-Type: application/json\r\n\r\n" + JSON.writeValueAsString(json) + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (var file : jpegs.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                            + "\"; filename=\"" + file.getKey() + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Reply checked(String method, String path, Reply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException(
                    method + " " + path + ": HTTP " + reply.status() + " " + abbreviate(reply.body()));
        }
        return reply;
    }

    private Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(
                    request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body() == null ? "" : r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
