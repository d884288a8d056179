package cn.campuspass.wechat.sms;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.wechat.PortalError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Picks the SMS adapter from configuration: Aliyun when {@code campuspass.sms.aliyun.access-key-id} is set, else
 * the local simulator when {@code campuspass.sms.simulator-url} is set, else none (sending answers
 * {@code SMS_UNAVAILABLE}). The simulator under the {@code prod} profile fails start-up: codes sent there would reach
 * nobody while the portal claimed they were sent.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    @Bean
    SmsSender smsSender(
            Environment env,
            JsonMapper json,
            @Value("${campuspass.sms.simulator-url:}") String simulatorUrl,
            @Value("${campuspass.sms.aliyun.endpoint:https://dysmsapi.aliyuncs.com}") String endpoint,
            @Value("${campuspass.sms.aliyun.access-key-id:}") String accessKeyId,
            @Value("${campuspass.sms.aliyun.access-key-secret:}") String accessKeySecret,
            @Value("${campuspass.sms.aliyun.sign-name:}") String signName,
            @Value("${campuspass.sms.aliyun.template-code:}") String templateCode) {
        if (!accessKeyId.isBlank()) {
            if (accessKeySecret.isBlank() || signName.isBlank() || templateCode.isBlank()) {
                throw new IllegalStateException("campuspass.sms.aliyun.access-key-id is set: access-key-secret,"
                        + " sign-name and template-code must be set too");
            }
            return new AliyunSmsSender(
                    new AliyunSmsSender.Settings(endpoint, accessKeyId, accessKeySecret, signName, templateCode), json);
        }
        if (!simulatorUrl.isBlank()) {
            if (env.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException(
                        "campuspass.sms.simulator-url must be empty under the prod profile; configure campuspass.sms.aliyun.*");
            }
            return new SimulatorSmsSender(simulatorUrl, json);
        }
        return (school, phone, text, params) -> {
            throw new ApiException(PortalError.SMS_UNAVAILABLE);
        };
    }
}
