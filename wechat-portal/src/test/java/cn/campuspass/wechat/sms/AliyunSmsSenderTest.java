package cn.campuspass.wechat.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Aliyun RPC signature against Aliyun's documented example, and the SendSms request a local server receives. */
class AliyunSmsSenderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer server;
    private final AtomicReference<String> received = new AtomicReference<>();
    private volatile String answer = "{\"Code\":\"OK\",\"Message\":\"OK\"}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The worked example of Aliyun's RPC signature documentation (ECS DescribeRegions, secret "testsecret"). */
    @Test
    void signatureMatchesAliyunsDocumentedExample() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Timestamp", "2016-02-23T12:46:24Z");
        params.put("Format", "XML");
        params.put("AccessKeyId", "testid");
        params.put("Action", "DescribeRegions");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        params.put("Version", "2014-05-26");
        params.put("SignatureVersion", "1.0");
        assertThat(AliyunSmsSender.signature("GET", params, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void percentEncodingFollowsAliyunsRules() {
        assertThat(AliyunSmsSender.percentEncode("a b*c~d/é")).isEqualTo("a%20b%2Ac~d%2F%C3%A9");
    }

    @Test
    void sendSmsPostsASignedTemplateRequest() {
        sender().send(SchoolCode.of("smsuni"), new PhoneNumber("13900000001"), "验证码123456", Map.of("code", "123456"));

        Map<String, String> form = form(received.get());
        assertThat(form)
                .containsEntry("Action", "SendSms")
                .containsEntry("Version", "2017-05-25")
                .containsEntry("PhoneNumbers", "13900000001")
                .containsEntry("SignName", "校园人车通")
                .containsEntry("TemplateCode", "SMS_000001")
                .containsEntry("TemplateParam", "{\"code\":\"123456\"}")
                .containsEntry("AccessKeyId", "key-id")
                .containsEntry("Timestamp", "2026-12-01T03:04:05Z")
                .containsEntry("SignatureNonce", "nonce-1");
        // The server can recompute the signature from what it received.
        assertThat(form.get("Signature")).isEqualTo(AliyunSmsSender.signature("POST", form, "key-secret"));
    }

    @Test
    void aRefusalBecomesSmsSendFailed() {
        answer = "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"limit\"}";
        assertThatThrownBy(() -> sender().send(
                                SchoolCode.of("smsuni"), new PhoneNumber("13900000001"), "x", Map.of("code", "1")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error().code()).isEqualTo("SMS_SEND_FAILED"));
    }

    private AliyunSmsSender sender() {
        return new AliyunSmsSender(
                new AliyunSmsSender.Settings(
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                        "key-id",
                        "key-secret",
                        "校园人车通",
                        "SMS_000001"),
                JSON,
                Clock.fixed(Instant.parse("2026-12-01T03:04:05Z"), ZoneOffset.UTC),
                () -> "nonce-1");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }
}
