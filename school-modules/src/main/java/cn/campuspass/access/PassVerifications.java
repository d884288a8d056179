package cn.campuspass.access;

import cn.campuspass.face.Faces;
import cn.campuspass.organization.OrganizationError;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.ErrorMessages;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies a pass code for a guard or a gate device and writes the access record (person, gate, method, time): the
 * answer is returned only after the record is committed, so an acknowledged verification is never lost. The code is
 * consumed by the first verification, whatever its outcome.
 *
 * <p>The hot path (a registrant's pass, an unknown code) takes no ORM session and no transaction of its own: after the
 * Redis {@code GETDEL}, the decision and its record join the school's next group commit ({@link PassRecordBatch}), one
 * read, one batch of inserts and one commit for all the verifications in flight. A visitor's pass goes through the
 * visitor module in an ordinary transaction.
 */
@Service
public class PassVerifications {

    private final PassNonces nonces;
    private final PassSubjects subjects;
    private final SchoolJdbc jdbc;
    private final ErrorMessages messages;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration validity;
    private final Faces faces;
    private final ObjectProvider<VisitorPassHolders> visitorHolders;
    private final PassRecordBatch records;
    private final TransactionTemplate transactions;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    PassVerifications(
            PassRecordBatch records,
            PlatformTransactionManager transactionManager,
            Faces faces,
            ObjectProvider<VisitorPassHolders> visitorHolders,
            PassNonces nonces,
            PassSubjects subjects,
            SchoolJdbc jdbc,
            ErrorMessages messages,
            MeterRegistry meters,
            Clock clock,
            @Value("${campuspass.pass.rotation:PT30S}") Duration rotation,
            @Value("${campuspass.pass.grace:PT5S}") Duration grace) {
        this.faces = faces;
        this.visitorHolders = visitorHolders;
        this.nonces = nonces;
        this.subjects = subjects;
        this.jdbc = jdbc;
        this.messages = messages;
        this.meters = meters;
        this.clock = clock;
        this.validity = rotation.plus(grace);
        this.records = records;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @param rawCode what was typed or scanned: the code or the QR payload
     * @param gateId the gate where the person stands (a device's gate; a guard's chosen gate), or null to accept the
     *     gate the pass was issued for
     * @param verifiedBy the guard's account or the device's key id, kept on the record
     */
    public Verification verify(String rawCode, Long gateId, VerificationMethod method, String verifiedBy) {
        SchoolCode school = SchoolContext.require();
        Optional<PassNonces.Claim> claim =
                PassCodes.parse(rawCode, school.value()).flatMap(code -> nonces.redeem(school.value(), code));
        if (claim.isEmpty()) {
            return answer(
                    records.decide(school, PassRecordBatch.Item.unknown(gateId, method, verifiedBy, clock.instant())),
                    method);
        }
        long atGate = gateId == null ? claim.get().gateId() : gateId;
        if (claim.get().holder().visitor()) {
            return transactions.execute(
                    status -> verifyVisitor(claim.get(), atGate, gateId != null, method, verifiedBy));
        }
        PassRecordBatch.Outcome outcome = records.decide(
                school,
                new PassRecordBatch.Item(
                        claim.get().registrantId(),
                        atGate,
                        claim.get().gateId(),
                        claim.get().issuedAt(),
                        gateId != null,
                        method,
                        verifiedBy,
                        clock.instant()));
        return answer(outcome, method);
    }

    private Verification answer(PassRecordBatch.Outcome outcome, VerificationMethod method) {
        if (outcome.kind() == PassRecordBatch.Kind.GATE_NOT_FOUND) {
            throw new ApiException(OrganizationError.GATE_NOT_FOUND);
        }
        AccessDenial reason = outcome.reason();
        count(method, reason);
        PassSubject subject = outcome.subject();
        if (subject == null) {
            return new Verification(
                    false, reason, message(reason), null, null, method, outcome.recordId(), outcome.at(), null);
        }
        return new Verification(
                reason == null,
                reason,
                message(reason),
                new Verification.Person(
                        subject.registrantId(),
                        subject.name(),
                        subject.identity(),
                        subject.number(),
                        subject.departmentName(),
                        // The guard compares the person with their face: a presigned URL valid for two minutes.
                        faces.urlOfKey(outcome.faceKey())),
                new Verification.Gate(subject.gateId(), subject.gateName(), subject.campusName()),
                method,
                outcome.recordId(),
                outcome.at(),
                null);
    }

    /**
     * A visitor's pass: the pass's own checks (window, gate) here, the booking's (in effect, inside its slot) and the
     * visitor access record in the visitor module, in this transaction.
     */
    private Verification verifyVisitor(
            PassNonces.Claim claim, long atGate, boolean gateChosen, VerificationMethod method, String verifiedBy) {
        Optional<PassSubjects.GateState> gate = subjects.gate(atGate);
        if (gate.isEmpty()) {
            if (gateChosen) {
                throw new ApiException(OrganizationError.GATE_NOT_FOUND);
            }
            return unknown(null, method, verifiedBy);
        }
        VisitorPassHolders holders = visitorHolders.getIfAvailable();
        if (holders == null) {
            return unknown(atGate, method, verifiedBy);
        }
        Instant now = clock.instant();
        Instant issuedAt = claim.issuedAt();
        AccessDenial pre = issuedAt != null && now.isAfter(issuedAt.plus(validity))
                ? AccessDenial.PASS_EXPIRED
                : claim.gateId() != atGate
                        ? AccessDenial.PASS_WRONG_GATE
                        : gate.get().open() ? null : AccessDenial.GATE_DISABLED;
        Optional<VisitorPassHolders.Recorded> recorded =
                holders.verify(claim.holder().id(), atGate, gate.get().campusId(), method, pre, verifiedBy, now);
        if (recorded.isEmpty()) {
            return unknown(atGate, method, verifiedBy); // the booking is gone
        }
        VisitorPassHolders.Subject subject = recorded.get().subject();
        AccessDenial reason = subject.denial();
        count(method, reason);
        return new Verification(
                reason == null,
                reason,
                message(reason),
                null,
                new Verification.Gate(
                        gate.get().id(), gate.get().name(), gate.get().campusName()),
                method,
                recorded.get().recordId(),
                recorded.get().at(),
                new Verification.VisitorPerson(
                        subject.bookingId(),
                        subject.visitorId(),
                        subject.name(),
                        subject.phoneMasked(),
                        subject.hostName(),
                        subject.hostDepartmentName()));
    }

    /**
     * A code that matches no pass still leaves a denied record (gate, method, time, who verified), so replayed
     * screenshots and guessing show up under 拒绝; it names no person, and the gate only when the gate exists. This
     * one writes in the visitor path's transaction; the registrant path's unknown codes go through the group commit.
     */
    private Verification unknown(Long gateId, VerificationMethod method, String verifiedBy) {
        count(method, AccessDenial.PASS_UNKNOWN);
        Recorded recorded = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO access_record (campus_id, gate_id, method, allowed, reason, verified_by, passed_at)
                    SELECT g.campus_id, g.id, ?, false, ?, ?, ?
                    FROM (SELECT 1) one LEFT JOIN gate g ON g.id = ?
                    RETURNING id, passed_at
                    """)) {
                ps.setString(1, method.name());
                ps.setString(2, AccessDenial.PASS_UNKNOWN.name());
                ps.setString(3, verifiedBy);
                ps.setObject(4, java.time.OffsetDateTime.ofInstant(clock.instant(), clock.getZone()));
                ps.setObject(5, gateId, java.sql.Types.BIGINT);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Recorded(rs.getLong(1), rs.getTimestamp(2).toInstant());
                }
            }
        });
        return new Verification(
                false,
                AccessDenial.PASS_UNKNOWN,
                message(AccessDenial.PASS_UNKNOWN),
                null,
                null,
                method,
                recorded.id(),
                recorded.at(),
                null);
    }

    private record Recorded(long id, Instant at) {}

    private String message(AccessDenial reason) {
        return messages.text(reason == null ? "access.ALLOWED" : "access." + reason.name());
    }

    private void count(VerificationMethod method, AccessDenial reason) {
        String result = reason == null ? "ALLOWED" : reason.name();
        counters.computeIfAbsent(
                        method.name() + ":" + result,
                        k -> meters.counter("campuspass.pass.verifications", "method", method.name(), "result", result))
                .increment();
    }
}
