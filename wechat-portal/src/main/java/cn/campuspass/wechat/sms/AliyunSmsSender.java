package cn.campuspass.wechat.sms;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.wechat.PortalError;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Aliyun SMS ({@code dysmsapi}, action {@code SendSms}, version 2017-05-25) over HTTPS with the RPC-style signature
 * (HMAC-SHA1 over the sorted, percent-encoded parameters). Plain JDK HTTP rather than Aliyun's SDK: one call does
 * not justify the SDK's dependency tree.
 */
final class AliyunSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(AliyunSmsSender.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Settings {@code campuspass.sms.aliyun.*}. */
    record Settings(
            String endpoint, String accessKeyId, String accessKeySecret, String signName, String templateCode) {}

    private final Settings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AliyunSmsSender(Settings settings, JsonMapper json, Clock clock, Supplier<String> nonces) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.nonces = nonces;
    }

    AliyunSmsSender(Settings settings, JsonMapper json) {
        this(settings, json, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    @Override
    public void send(SchoolCode school, PhoneNumber phone, String text, Map<String, String> templateParams) {
        Map<String, String> params = new TreeMap<>();
        params.put("AccessKeyId", settings.accessKeyId());
        params.put("Action", "SendSms");
        params.put("Format", "JSON");
        params.put("PhoneNumbers", phone.value());
        params.put("RegionId", "cn-hangzhou");
        params.put("SignName", settings.signName());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", nonces.get());
        params.put("SignatureVersion", "1.0");
        params.put("TemplateCode", settings.templateCode());
        params.put("TemplateParam", json.writeValueAsString(new TreeMap<>(templateParams)));
        params.put("Timestamp", TIMESTAMP.format(clock.instant()));
        params.put("Version", "2017-05-25");
        params.put("Signature", signature("POST", params, settings.accessKeySecret()));
        String form = params.entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode reply = json.readTree(response.body());
            if (response.statusCode() != 200 || !"OK".equals(reply.path("Code").asString())) {
                // The phone stays out of the log (PIPL); Aliyun's code says why (e.g. isv.BUSINESS_LIMIT_CONTROL).
                log.warn(
                        "Aliyun SMS refused for school {}: HTTP {} {}",
                        school,
                        response.statusCode(),
                        reply.path("Code").asString());
                throw new ApiException(PortalError.SMS_SEND_FAILED);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            log.warn("Aliyun SMS call failed for school {}: {}", school, e.getMessage());
            throw new ApiException(PortalError.SMS_SEND_FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(PortalError.SMS_SEND_FAILED);
        }
    }

    private String endpoint() {
        String e = settings.endpoint();
        return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }

    /** Aliyun's RPC signature: {@code Base64(HMAC-SHA1(secret + "&", METHOD&%2F&encode(sorted query)))}. */
    static String signature(String method, Map<String, String> params, String secret) {
        String canonical = new TreeMap<>(params)
                .entrySet().stream()
                        .filter(e -> !e.getKey().equals("Signature"))
                        .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                        .collect(Collectors.joining("&"));
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonical);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** RFC 3986 encoding as Aliyun specifies it: space as %20, {@code *} encoded, {@code ~} kept. */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
