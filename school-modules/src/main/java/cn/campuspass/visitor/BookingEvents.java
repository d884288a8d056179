package cn.campuspass.visitor;

import cn.campuspass.platform.school.SchoolCode;

/**
 * What happened to a booking, published synchronously inside the changing transaction so that listeners (the
 * notices) queue their outbox rows in it: the change and its messages commit together.
 */
public final class BookingEvents {

    private BookingEvents() {}

    /** A visitor asked to visit; the host is to decide. */
    public record Requested(SchoolCode school, long bookingId) {}

    /** The host approved or rejected a request. */
    public record Decided(SchoolCode school, long bookingId, boolean approved) {}

    /** The invited visitor confirmed. */
    public record InvitationConfirmed(SchoolCode school, long bookingId) {}

    /** The visitor passed a gate for the first time on this booking. */
    public record Arrived(SchoolCode school, long bookingId, long gateId) {}
}
