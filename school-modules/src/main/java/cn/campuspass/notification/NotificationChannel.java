package cn.campuspass.notification;

import cn.campuspass.platform.school.SchoolCode;

/**
 * Sends one message to the outside world (WeChat). Implemented by the WeChat module; called by the dispatcher while it
 * holds the message's row lock, so an implementation must not block for long (bounded HTTP timeouts).
 */
public interface NotificationChannel {

    Delivery send(SchoolCode school, OutboxMessage message);

    /** What became of one attempt. */
    sealed interface Delivery {

        /** Delivered; {@code reference} is the provider's message id. */
        record Sent(String reference) implements Delivery {}

        /** A failure that may pass (network, rate limit, provider busy): try again later. */
        record Retry(String error) implements Delivery {}

        /** A failure that will not pass (invalid openid, the user refused messages): give up now. */
        record Failed(String error) implements Delivery {}

        /** Nothing to send to (the school has no WeChat app, no template configured): recorded, not retried. */
        record Skipped(String reason) implements Delivery {}
    }
}
