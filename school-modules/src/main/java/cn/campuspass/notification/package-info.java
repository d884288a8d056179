/**
 * Notifications to registrants and visitors through WeChat (R4.11, V4): a durable outbox in the school's schema.
 * Other modules call {@link cn.campuspass.notification.Notifications#enqueue} inside the transaction of their
 * business change; {@link cn.campuspass.notification.NotificationDispatcher} sends due messages through a
 * {@link cn.campuspass.notification.NotificationChannel} (WeChat template messages, implemented by the WeChat
 * module), retrying with exponential back-off until a maximum number of attempts.
 */
@org.springframework.modulith.ApplicationModule
package cn.campuspass.notification;
