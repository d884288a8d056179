package cn.campuspass.wechat.mp;

import cn.campuspass.notification.NotificationChannel;
import cn.campuspass.notification.OutboxMessage;
import cn.campuspass.platform.school.SchoolCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Outbox messages as WeChat template messages (模板消息) through the school's own Official Account (WxJava). The
 * template id of a kind is {@code campuspass.notifications.schools.<code>.template-ids.<KIND>} when the school has its
 * own, else {@code campuspass.notifications.template-ids.<KIND>}; templates belong to an account, so a school on its
 * own account usually needs its own ids.
 *
 * <p>Each message carries {@code client_msg_id} derived from its dedup key: should a dispatcher die after WeChat
 * accepted a message but before its commit, the resend is dropped by WeChat instead of reaching the person twice.
 */
@Component
class WeChatTemplateChannel implements NotificationChannel {

    /** WeChat error codes that no retry can cure. */
    private static final Set<Integer> PERMANENT = Set.of(
            40003, // invalid openid
            40036, // invalid template_id size
            40037, // invalid template_id
            41028, // invalid form id
            43004, // require subscribe
            43101, // user refused to accept the message
            47003); // argument invalid (template data)

    private final SchoolWxMpServices services;
    private final Environment environment;

    WeChatTemplateChannel(SchoolWxMpServices services, Environment environment) {
        this.services = services;
        this.environment = environment;
    }

    @Override
    public Delivery send(SchoolCode school, OutboxMessage message) {
        Optional<WxMpService> service = services.serviceOf(school);
        if (service.isEmpty()) {
            return new Delivery.Skipped("NO_WECHAT_APP");
        }
        String templateId = templateId(school, message.kind().name());
        if (templateId == null) {
            return new Delivery.Skipped("NO_TEMPLATE:" + message.kind().name());
        }
        WxMpTemplateMessage template = WxMpTemplateMessage.builder()
                .toUser(message.openid())
                .templateId(templateId)
                .url(message.url())
                .build();
        template.setClientMsgId(clientMsgId(school, message.dedupKey()));
        message.data().forEach((key, value) -> template.addData(new WxMpTemplateData(key, value)));
        try {
            String msgid = service.get().getTemplateMsgService().sendTemplateMsg(template);
            return new Delivery.Sent(msgid);
        } catch (WxErrorException e) {
            int code = e.getError() == null ? 0 : e.getError().getErrorCode();
            String error = "WECHAT_" + code + ": "
                    + (e.getError() == null ? e.getMessage() : e.getError().getErrorMsg());
            return PERMANENT.contains(code) ? new Delivery.Failed(error) : new Delivery.Retry(error);
        }
    }

    private String templateId(SchoolCode school, String kind) {
        String own =
                environment.getProperty("campuspass.notifications.schools." + school.value() + ".template-ids." + kind);
        String id = own != null && !own.isBlank()
                ? own
                : environment.getProperty("campuspass.notifications.template-ids." + kind);
        return id == null || id.isBlank() ? null : id.strip();
    }

    /** 32 hex characters: unique per school and cause, short enough for WeChat's field. */
    static String clientMsgId(SchoolCode school, String dedupKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((school.value() + "\n" + dedupKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
