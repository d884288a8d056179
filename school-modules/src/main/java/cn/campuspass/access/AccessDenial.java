package cn.campuspass.access;

/** Why a pass is refused. The codes are stable: devices and the portal act on them. */
public enum AccessDenial {
    /** No such pass code: mistyped, expired after its rotation window, replaced by a newer one, or used. */
    PASS_UNKNOWN,
    /**
     * The code is known but older than its rotation window plus grace: checked against the issue time stored with
     * the code, not left to Redis expiry alone.
     */
    PASS_EXPIRED,
    /** The pass was issued at another gate's poster. */
    PASS_WRONG_GATE,
    /** The registrant's rules do not include this gate. */
    NO_ACCESS,
    REGISTRANT_DISABLED,
    /** The gate or its campus is disabled. */
    GATE_DISABLED,
    /** A visitor's pass outside the window of an effective booking (cancelled, or the slot is over). */
    VISITOR_OUTSIDE_WINDOW;

    AccessError asError() {
        return switch (this) {
            case NO_ACCESS -> AccessError.NO_ACCESS;
            case REGISTRANT_DISABLED -> AccessError.REGISTRANT_DISABLED;
            case GATE_DISABLED -> AccessError.GATE_DISABLED;
            default -> throw new IllegalStateException(name() + " is not an issuing error");
        };
    }
}
