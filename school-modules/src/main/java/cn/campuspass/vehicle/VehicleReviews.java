package cn.campuspass.vehicle;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviewing a vehicle registration (A4.4): a pending registration is approved (an e-bike with its validity,
 * long-term or until a date) or rejected with a reason the registrant can act on. Each decision is taken once (a
 * concurrent second reviewer gets {@code VEHICLE_NOT_PENDING}) and announced as {@link VehicleRegistrationDecided}.
 */
@Service
public class VehicleReviews {

    public static final int MAX_REASON = 200;

    private final Vehicles vehicles;
    private final SchoolJdbc jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VehicleReviews(Vehicles vehicles, SchoolJdbc jdbc, ApplicationEventPublisher events, Clock clock) {
        this.vehicles = vehicles;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** An e-bike's validity; ignored for motor vehicles, which have none. */
    public record Validity(boolean longTerm, LocalDate validUntil) {

        public static Validity none() {
            return new Validity(false, null);
        }
    }

    @Transactional
    public Vehicles.Item approve(long id, Validity validity, String actor, DataScope scope) {
        Vehicles.Item item = vehicles.get(id, scope);
        boolean ebike = item.type() == VehicleType.EBIKE;
        Validity v = validity == null ? Validity.none() : validity;
        if (ebike && !v.longTerm() && (v.validUntil() == null || v.validUntil().isBefore(LocalDate.now(clock)))) {
            throw new ApiException(VehicleError.VEHICLE_VALIDITY_INVALID);
        }
        decide(id, "APPROVED", null, ebike && v.longTerm(), ebike && !v.longTerm() ? v.validUntil() : null, actor);
        events.publishEvent(
                new VehicleRegistrationDecided(SchoolContext.require(), id, item.registrantId(), true, null));
        return vehicles.get(id, scope);
    }

    @Transactional
    public Vehicles.Item reject(long id, String reason, String actor, DataScope scope) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new ApiException(VehicleError.VEHICLE_REJECT_REASON_REQUIRED);
        }
        Vehicles.Item item = vehicles.get(id, scope);
        decide(id, "REJECTED", why, false, null, actor);
        events.publishEvent(
                new VehicleRegistrationDecided(SchoolContext.require(), id, item.registrantId(), false, why));
        return vehicles.get(id, scope);
    }

    private void decide(long id, String status, String reason, boolean longTerm, LocalDate until, String actor) {
        int updated = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE vehicle SET status = ?, reject_reason = ?, long_term = ?, valid_until = ?,
                                       reviewed_by = ?, reviewed_at = ?, updated_by = ?, updated_at = now()
                    WHERE id = ? AND status = 'PENDING' AND deleted_at IS NULL""")) {
                ps.setString(1, status);
                ps.setString(2, reason);
                ps.setBoolean(3, longTerm);
                ps.setObject(4, until);
                ps.setString(5, actor);
                ps.setTimestamp(6, Timestamp.from(clock.instant()));
                ps.setString(7, actor);
                ps.setLong(8, id);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new ApiException(VehicleError.VEHICLE_NOT_PENDING);
        }
    }
}
