package cn.campuspass.vehicle;

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
 * Tells the registrant of a review decision (R2, R4.6) through a WeChat template message. Listens synchronously, in
 * the deciding transaction, and only queues the message in the outbox: the decision and its message commit
 * together, the sending happens after the commit and is retried by the outbox.
 */
@Component
class VehicleDecisionNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Notifications notifications;
    private final Vehicles vehicles;
    private final Clock clock;
    private final String publicUrl;

    VehicleDecisionNotices(
            Notifications notifications,
            Vehicles vehicles,
            Clock clock,
            @Value("${campuspass.public-url:}") String publicUrl) {
        this.notifications = notifications;
        this.vehicles = vehicles;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    @EventListener
    void on(VehicleRegistrationDecided decided) {
        if (decided.registrantId() == null) {
            return; // a registration the school entered for nobody: there is no one to tell
        }
        Vehicles.Item vehicle =
                vehicles.get(decided.vehicleId(), cn.campuspass.platform.security.DataScope.wholeSchool());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("car_number1", vehicle.plate());
        data.put("thing2", vehicle.type().label());
        data.put("phrase3", decided.approved() ? "已通过" : "已驳回");
        data.put("thing4", decided.approved() ? "备案已生效，可正常通行" : TemplateFields.thing(decided.reason()));
        data.put("time5", TIME.format(clock.instant().atZone(SchoolTime.ZONE)));
        notifications.enqueue(
                Recipient.registrant(decided.registrantId()),
                NotificationKind.VEHICLE_REGISTRATION_DECIDED,
                data,
                publicUrl + "/portal/" + decided.school().value() + "/vehicles",
                // One message per decision (its review time): a registration decided again later gets another one.
                "vehicle-decided:" + decided.vehicleId() + ":"
                        + (vehicle.reviewedAt() == null
                                ? clock.millis()
                                : vehicle.reviewedAt().toEpochMilli()));
    }
}
