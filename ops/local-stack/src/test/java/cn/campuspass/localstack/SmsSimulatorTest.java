package cn.campuspass.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SmsSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WeChatSimulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = WeChatSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<?> list(String phone) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/__sim/sms?phone=" + phone))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readValue(r.body(), List.class);
    }

    @Test
    void sentMessagesAreListedNewestFirstPerPhone() throws Exception {
        simulator.reset();
        assertThat(post("/__sim/sms/send", "{\"phone\":\"13800000000\",\"content\":\"验证码 111111\"}")
                        .statusCode())
                .isEqualTo(200);
        post("/__sim/sms/send", "{\"phone\":\"13900000000\",\"content\":\"别人的\"}");
        post("/__sim/sms/send", "{\"phone\":\"13800000000\",\"content\":\"验证码 222222\"}");

        List<?> mine = list("13800000000");
        assertThat(mine).hasSize(2);
        assertThat(((Map<?, ?>) mine.get(0)).get("content")).isEqualTo("验证码 222222");
        assertThat(((Map<?, ?>) mine.get(1)).get("content")).isEqualTo("验证码 111111");
        assertThat(((Map<?, ?>) mine.get(0)).get("phone")).isEqualTo("13800000000");
        assertThat(((Map<?, ?>) mine.get(0)).get("sentAt")).isNotNull();
        assertThat(list("13700000000")).isEmpty();
        assertThat(simulator.smsMessages("13900000000"))
                .extracting(WeChatSimulator.SmsMessage::content)
                .containsExactly("别人的");
    }

    @Test
    void badRequestsAreRejected() throws Exception {
        assertThat(post("/__sim/sms/send", "{\"content\":\"no phone\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/__sim/sms/send"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }
}
