package cn.campuspass.access;

import cn.campuspass.face.Faces;
import cn.campuspass.organization.GatePosters;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues dynamic passes (R3): a registrant who scanned a gate's poster gets a code for that gate, valid for one
 * rotation window; the portal asks again when it runs out, so the code on screen keeps changing.
 */
@Service
public class DynamicPasses {

    private final PassSubjects subjects;
    private final PassNonces nonces;
    private final GatePosters posters;
    private final Duration rotation;
    private final Duration grace;
    private final Clock clock;
    private final Faces faces;

    DynamicPasses(
            Faces faces,
            PassSubjects subjects,
            PassNonces nonces,
            GatePosters posters,
            @Value("${campuspass.pass.rotation:PT30S}") Duration rotation,
            @Value("${campuspass.pass.grace:PT5S}") Duration grace,
            Clock clock) {
        this.faces = faces;
        this.subjects = subjects;
        this.nonces = nonces;
        this.posters = posters;
        this.rotation = rotation;
        this.grace = grace;
        this.clock = clock;
    }

    /**
     * A pass at the gate whose poster link carried {@code signature}; 400 when the link was altered, 403 with the
     * reason when this registrant may not pass there.
     */
    @Transactional(readOnly = true)
    public IssuedPass issueFromPoster(long registrantId, long gateId, String signature) {
        if (!posters.linkSignatureHolds(gateId, signature)) {
            throw new ApiException(AccessError.GATE_LINK_INVALID);
        }
        return issue(registrantId, gateId);
    }

    /**
     * A pass at this gate; 403 with the reason when this registrant may not pass there, or {@code FACE_REQUIRED} when
     * the school requires their face and they have not uploaded one.
     */
    @Transactional(readOnly = true)
    public IssuedPass issue(long registrantId, long gateId) {
        PassSubject subject =
                subjects.find(registrantId, gateId).orElseThrow(() -> new ApiException(AccessError.GATE_LINK_INVALID));
        AccessDenial denial = subject.denial();
        if (denial != null) {
            throw new ApiException(denial.asError());
        }
        // P4: where the school requires this person's face, no pass until it is uploaded (the portal shows the upload).
        faces.requireIfNeeded(registrantId, subject.identity(), subject.identityTypeId());
        String school = SchoolContext.require().value();
        Instant now = clock.instant();
        String code =
                nonces.issue(school, PassNonces.Holder.registrant(registrantId), gateId, now, rotation.plus(grace));
        return new IssuedPass(
                code,
                PassCodes.payload(school, code),
                now.plus(rotation),
                (int) rotation.toSeconds(),
                now,
                subject.gate(),
                subject.person());
    }

    /**
     * A visitor's pass (V2) at the gate whose poster link carried {@code signature}, held by {@code bookingId}: the
     * same codes, rotation and one-time use as a registrant's. The caller (the visitor module) has checked that the
     * booking is the visitor's and open now; verification checks it again. {@code person} is null on the answer.
     */
    @Transactional(readOnly = true)
    public IssuedPass issueForVisitorBooking(long bookingId, long gateId, String signature) {
        if (!posters.linkSignatureHolds(gateId, signature)) {
            throw new ApiException(AccessError.GATE_LINK_INVALID);
        }
        PassSubjects.GateState gate =
                subjects.gate(gateId).orElseThrow(() -> new ApiException(AccessError.GATE_LINK_INVALID));
        if (!gate.open()) {
            throw new ApiException(AccessError.GATE_DISABLED);
        }
        String school = SchoolContext.require().value();
        Instant now = clock.instant();
        String code =
                nonces.issue(school, PassNonces.Holder.visitorBooking(bookingId), gateId, now, rotation.plus(grace));
        return new IssuedPass(
                code,
                PassCodes.payload(school, code),
                now.plus(rotation),
                (int) rotation.toSeconds(),
                now,
                gate.view(),
                null);
    }
}
