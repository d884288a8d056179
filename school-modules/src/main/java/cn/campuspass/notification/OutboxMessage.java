package cn.campuspass.notification;

import java.util.Map;

/**
 * A claimed message as a channel sends it: the recipient's openid is resolved, the data is the template's
 * key/value pairs. {@code dedupKey} lets the channel ask WeChat to drop a repeat ({@code client_msg_id}).
 */
public record OutboxMessage(
        long id,
        String dedupKey,
        NotificationKind kind,
        String openid,
        Map<String, String> data,
        String url,
        int attempt) {}
