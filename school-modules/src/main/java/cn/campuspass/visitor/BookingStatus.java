package cn.campuspass.visitor;

/**
 * Where a booking stands. A visitor request waits for the host's approval; an invitation waits for the visitor's
 * confirmation. {@link #APPROVED} is the effective state (a confirmed invitation is approved too: 已确认).
 */
public enum BookingStatus {
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
    PENDING_CONFIRMATION,
    CANCELLED,
    VISITED,
    EXPIRED;

    /**
     * Whether the booking holds its slot (未访问的预约): these are the statuses of the database's one-per-slot index
     * {@code visitor_booking_one_per_slot_uq}; keep the two in step.
     */
    public boolean holdsSlot() {
        return this == PENDING_APPROVAL || this == APPROVED;
    }

    /** Whether the booking is in effect: a pass opens inside its window. */
    public boolean effective() {
        return this == APPROVED;
    }

    /** Whether the visitor (or the inviting host) may still cancel. */
    public boolean cancellable() {
        return this == PENDING_APPROVAL || this == APPROVED || this == PENDING_CONFIRMATION;
    }
}
