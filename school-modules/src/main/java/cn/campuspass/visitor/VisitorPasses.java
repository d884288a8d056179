package cn.campuspass.visitor;

import cn.campuspass.access.AccessDenial;
import cn.campuspass.access.DynamicPasses;
import cn.campuspass.access.IssuedPass;
import cn.campuspass.access.VerificationMethod;
import cn.campuspass.access.VisitorPassHolders;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The visitor pass (V2). Opening: a visitor who scanned a gate poster inside an effective booking's window gets a
 * dynamic pass from {@link DynamicPasses} (held by the booking); outside any window they are told when it opens.
 * Verifying: the access module hands a visitor's code here ({@link VisitorPassHolders}), which re-checks the booking
 * at that moment, writes a {@code visitor_access_record} and, on the first allowed pass, marks the booking visited
 * and queues the host's arrival notice — all in the verification's transaction.
 */
@Service
public class VisitorPasses implements VisitorPassHolders {

    private final VisitorBookings bookings;
    private final VisitorBookingRepository repository;
    private final Visitors visitors;
    private final DynamicPasses passes;
    private final SchoolJdbc jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VisitorPasses(
            VisitorBookings bookings,
            VisitorBookingRepository repository,
            Visitors visitors,
            DynamicPasses passes,
            SchoolJdbc jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.bookings = bookings;
        this.repository = repository;
        this.visitors = visitors;
        this.passes = passes;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The visitor's pass at a gate, or (open false) when the next effective booking's window opens (null: none). */
    public record VisitorPass(boolean open, Instant opensAt, IssuedPass pass, VisitorBookings.View booking) {}

    @Transactional(readOnly = true)
    public VisitorPass open(long visitorId, long gateId, String signature) {
        VisitorBookings.PassWindow window = bookings.passWindow(visitorId);
        if (!window.open()) {
            return new VisitorPass(false, window.nextOpensAt(), null, window.booking());
        }
        IssuedPass pass = passes.issueForVisitorBooking(window.openBookingId(), gateId, signature);
        return new VisitorPass(true, null, pass, window.booking());
    }

    @Override
    @Transactional
    public Optional<Recorded> verify(
            long bookingId,
            long gateId,
            Long campusId,
            VerificationMethod method,
            AccessDenial denial,
            String verifiedBy,
            Instant at) {
        Optional<VisitorBooking> found = repository.lockById(bookingId);
        if (found.isEmpty() || found.get().getVisitorId() == null) {
            return Optional.empty();
        }
        VisitorBooking booking = found.get();
        AccessDenial reason =
                denial != null ? denial : booking.passOpenAt(at) ? null : AccessDenial.VISITOR_OUTSIDE_WINDOW;
        Visitor visitor = visitors.load(booking.getVisitorId());
        long recordId = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO visitor_access_record (booking_id, visitor_id, host_id, host_department_id, name,
                        phone_masked, campus_id, gate_id, method, allowed, reason, verified_by, passed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    RETURNING id
                    """)) {
                ps.setLong(1, booking.getId());
                ps.setLong(2, visitor.getId());
                ps.setLong(3, booking.getHostId());
                ps.setObject(4, booking.getHostDepartmentId());
                ps.setString(5, booking.getVisitorName());
                ps.setString(6, booking.getVisitorPhoneMasked());
                ps.setObject(7, campusId);
                ps.setLong(8, gateId);
                ps.setString(9, method.name());
                ps.setBoolean(10, reason == null);
                ps.setString(11, reason == null ? null : reason.name());
                ps.setString(12, verifiedBy);
                ps.setObject(13, OffsetDateTime.ofInstant(at, clock.getZone()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        if (reason == null && booking.markVisited(gateId, at)) {
            events.publishEvent(new BookingEvents.Arrived(SchoolContext.require(), booking.getId(), gateId));
        }
        VisitorBookings.View view = bookings.view(booking, new HashMap<>());
        return Optional.of(new Recorded(
                new Subject(
                        booking.getId(),
                        visitor.getId(),
                        booking.getVisitorName(),
                        booking.getVisitorPhoneMasked(),
                        booking.getHostName(),
                        view.hostDepartmentName(),
                        reason),
                recordId,
                at));
    }
}
