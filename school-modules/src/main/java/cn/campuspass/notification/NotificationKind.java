package cn.campuspass.notification;

/**
 * What a notification is about. Each kind maps to one WeChat template (its id configured in
 * {@code campuspass.notifications.template-ids.<KIND>}); the data keys a caller supplies are that template's keys.
 */
public enum NotificationKind {
    /** The school replied to the registrant's feedback (R4.5). */
    FEEDBACK_REPLIED,
    /** A vehicle registration the registrant submitted was approved or rejected (R2, R4.6). */
    VEHICLE_REGISTRATION_DECIDED,
    /** A visitor asked to visit the host, who is to approve or reject (R4.11 访客预约申请审批提醒). */
    VISITOR_REQUEST_PENDING,
    /** The host's visitor passed a gate (R4.11 访客接待通知). */
    VISITOR_ARRIVED,
    /** An invited visitor confirmed the host's invitation (R4.11 访客确认邀请通知). */
    VISITOR_INVITATION_CONFIRMED,
    /** The host approved or rejected the visitor's request; sent to the visitor's openid (V4). */
    VISITOR_BOOKING_DECIDED,
    /** A ticket was issued to the registrant (R4.11 车辆违章提醒). */
    TICKET_ISSUED,
    /** The registrant's appeal was approved or rejected (R4.11 申诉单审核结果通知). */
    TICKET_APPEAL_DECIDED
}
