package cn.campuspass.access;

import java.time.Instant;

/**
 * The answer to a pass verification. {@code recordId} is set when an access record was written (always, except for
 * an unknown code, which names no person); once the caller sees it, the record is committed.
 */
public record Verification(
        boolean allowed,
        AccessDenial reason,
        String message,
        Person person,
        Gate gate,
        VerificationMethod method,
        Long recordId,
        Instant verifiedAt,
        VisitorPerson visitor) {

    /** The visitor of a visitor's pass (then {@code person} is null); {@code recordId} is a visitor access record. */
    public record VisitorPerson(
            long bookingId,
            long visitorId,
            String name,
            String phoneMasked,
            String hostName,
            String hostDepartmentName) {}

    public record Person(
            long registrantId,
            String name,
            cn.campuspass.platform.school.Identity identity,
            String number,
            String departmentName,
            String photoUrl) {}

    public record Gate(long id, String name, String campusName) {}
}
