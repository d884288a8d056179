package cn.campuspass.access;

import java.time.Instant;
import java.util.Optional;

/**
 * The visitor side of a dynamic pass, implemented by the visitor module (access does not depend on it): a visitor's
 * pass is held by a booking, and only the visitor module knows whether that booking is open now and what a visitor
 * access record holds. Issuing and verifying stay here, with the same rotation, one-time use and replay refusal as a
 * registrant's pass.
 */
public interface VisitorPassHolders {

    /** The visitor as the guard or device sees them; {@code denial} null when the booking lets them pass now. */
    record Subject(
            long bookingId,
            long visitorId,
            String name,
            String phoneMasked,
            String hostName,
            String hostDepartmentName,
            AccessDenial denial) {}

    /**
     * Decides the visitor of {@code bookingId} at a gate at {@code at} and writes the visitor access record in the
     * caller's transaction; a first allowed pass marks the visit and tells the host.
     *
     * @param denial a refusal the pass itself already carries (expired, wrong gate, gate disabled), or null
     * @return empty when the booking no longer exists; else the subject and the written record's id
     */
    Optional<Recorded> verify(
            long bookingId,
            long gateId,
            Long campusId,
            VerificationMethod method,
            AccessDenial denial,
            String verifiedBy,
            Instant at);

    record Recorded(Subject subject, long recordId, Instant at) {}
}
