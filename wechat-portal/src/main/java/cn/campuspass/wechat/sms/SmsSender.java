package cn.campuspass.wechat.sms;

import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import java.util.Map;

/**
 * Sends a text message to a mobile phone. Providers differ: the local simulator records the whole text, while real
 * Chinese SMS providers only send pre-approved templates filled with parameters, so a message carries both.
 */
public interface SmsSender {

    /**
     * @param text the message as a person reads it (what the simulator records)
     * @param templateParams the values of the provider's approved template (e.g. {@code code})
     * @throws cn.campuspass.platform.error.ApiException {@code SMS_SEND_FAILED} when the provider refuses
     */
    void send(SchoolCode school, PhoneNumber phone, String text, Map<String, String> templateParams);
}
