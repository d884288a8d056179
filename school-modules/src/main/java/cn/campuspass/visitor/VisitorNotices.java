package cn.campuspass.visitor;

import cn.campuspass.notification.NotificationKind;
import cn.campuspass.notification.Notifications;
import cn.campuspass.notification.Recipient;
import cn.campuspass.notification.TemplateFields;
import cn.campuspass.platform.time.SchoolTime;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The visitor notices of R4.11 and V4 as WeChat template messages through the durable outbox: a request awaiting
 * the host, the decision to the visitor (by openid: a visitor has no registrant), the confirmed invitation and the
 * arrival to the host. Listens synchronously in the changing transaction and only queues; each message has a dedup
 * key naming its cause, so a retried transaction or a second event never sends twice.
 */
@Component
class VisitorNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Notifications notifications;
    private final VisitorBookings bookings;
    private final Visitors visitors;
    private final Clock clock;
    private final String publicUrl;

    VisitorNotices(
            Notifications notifications,
            VisitorBookings bookings,
            Visitors visitors,
            Clock clock,
            @Value("${campuspass.public-url:}") String publicUrl) {
        this.notifications = notifications;
        this.bookings = bookings;
        this.visitors = visitors;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    @EventListener
    void on(BookingEvents.Requested requested) {
        VisitorBooking b = bookings.load(requested.bookingId());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("thing1", TemplateFields.thing(b.getVisitorName()));
        data.put("phone_number2", nullToEmpty(b.getVisitorPhoneMasked()));
        data.put("time3", window(b));
        data.put("thing4", TemplateFields.thing(b.getReason()));
        notifications.enqueue(
                Recipient.registrant(b.getHostId()),
                NotificationKind.VISITOR_REQUEST_PENDING,
                data,
                publicUrl + "/portal/" + requested.school().value() + "/visitors/received/" + b.getId(),
                "visitor-requested:" + b.getId());
    }

    @EventListener
    void on(BookingEvents.Decided decided) {
        VisitorBooking b = bookings.load(decided.bookingId());
        String openid = b.getVisitorId() == null
                ? null
                : visitors.load(b.getVisitorId()).getWechatOpenid();
        if (openid == null) {
            return; // a visitor whose WeChat account is gone (purged): nobody to tell
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("thing1", TemplateFields.thing(b.getHostName()));
        data.put("time2", window(b));
        data.put("phrase3", decided.approved() ? "已通过" : "已驳回");
        data.put("thing4", decided.approved() ? "请在预约时段内扫描校门二维码通行" : TemplateFields.thing(b.getRejectReason()));
        notifications.enqueue(
                Recipient.openid(openid),
                NotificationKind.VISITOR_BOOKING_DECIDED,
                data,
                publicUrl + "/portal/" + decided.school().value() + "/visitor/bookings/" + b.getId(),
                "visitor-decided:" + b.getId());
    }

    @EventListener
    void on(BookingEvents.InvitationConfirmed confirmed) {
        VisitorBooking b = bookings.load(confirmed.bookingId());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("thing1", TemplateFields.thing(b.getVisitorName()));
        data.put("phone_number2", nullToEmpty(b.getVisitorPhoneMasked()));
        data.put("time3", window(b));
        data.put("thing4", "访客已确认邀请");
        notifications.enqueue(
                Recipient.registrant(b.getHostId()),
                NotificationKind.VISITOR_INVITATION_CONFIRMED,
                data,
                publicUrl + "/portal/" + confirmed.school().value() + "/visitors/invited/" + b.getId(),
                "visitor-confirmed:" + b.getId());
    }

    @EventListener
    void on(BookingEvents.Arrived arrived) {
        VisitorBooking b = bookings.load(arrived.bookingId());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("thing1", TemplateFields.thing(b.getVisitorName()));
        data.put("phone_number2", nullToEmpty(b.getVisitorPhoneMasked()));
        data.put("time3", TIME.format(clock.instant().atZone(SchoolTime.ZONE)));
        data.put("thing4", "访客已到达校门");
        notifications.enqueue(
                Recipient.registrant(b.getHostId()),
                NotificationKind.VISITOR_ARRIVED,
                data,
                null,
                // One arrival notice per booking: the first allowed pass; later passes of the same visit stay quiet.
                "visitor-arrived:" + b.getId());
    }

    private static String window(VisitorBooking b) {
        return b.getVisitDate() + " " + b.getSlot().start() + "-" + b.getSlot().end();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
