package cn.campuspass.wechat.sms;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.wechat.PortalError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The local stack's SMS simulator ({@code POST /__sim/sms/send}); never active under the {@code prod} profile. */
final class SimulatorSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(SimulatorSmsSender.class);

    private final URI sendUri;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SimulatorSmsSender(String baseUrl, JsonMapper json) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.sendUri = URI.create(base + "/__sim/sms/send");
        this.json = json;
    }

    @Override
    public void send(SchoolCode school, PhoneNumber phone, String text, Map<String, String> templateParams) {
        String body = json.writeValueAsString(Map.of("phone", phone.value(), "content", text));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(sendUri)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("SMS simulator answered {} for school {}", response.statusCode(), school);
                throw new ApiException(PortalError.SMS_SEND_FAILED);
            }
        } catch (IOException e) {
            log.warn("SMS simulator unreachable for school {}: {}", school, e.getMessage());
            throw new ApiException(PortalError.SMS_SEND_FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(PortalError.SMS_SEND_FAILED);
        }
    }
}
