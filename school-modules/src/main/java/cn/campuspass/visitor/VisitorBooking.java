package cn.campuspass.visitor;

import cn.campuspass.platform.error.ApiException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One booked visit. The state changes are the methods below; each refuses a change its current status does not
 * allow ({@code BOOKING_STATE_CONFLICT}). The one-per-slot rule is not checked here but by the database's partial
 * unique index (see V19), so that parallel requests cannot pass it together.
 */
@Entity
@Table(name = "visitor_booking")
public class VisitorBooking {

    /** Plain details of a booking the service hands over on creation. */
    record Details(
            LocalDate date,
            VisitSlot slot,
            String reason,
            Transport transport,
            String plate,
            int companionCount,
            String companionsJson) {}

    /** The visitor's details copied into the booking (names and masked values only). */
    record VisitorSnapshot(String name, String phoneMasked, String idMasked) {}

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private BookingKind kind;

    @Column(name = "visitor_id")
    private Long visitorId;

    @Column(name = "host_id", nullable = false)
    private Long hostId;

    @Column(name = "host_name", nullable = false, length = 50)
    private String hostName;

    @Column(name = "host_department_id")
    private Long hostDepartmentId;

    @Column(name = "visit_date", nullable = false)
    private LocalDate visitDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private VisitSlot slot;

    @Column(nullable = false, length = 200)
    private String reason;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private Transport transport;

    @Column(length = 16)
    private String plate;

    @Column(name = "companion_count", nullable = false)
    private int companionCount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String companions = "[]";

    @Column(name = "visitor_name", length = 50)
    private String visitorName;

    @Column(name = "visitor_phone_masked", length = 11)
    private String visitorPhoneMasked;

    @Column(name = "visitor_id_masked", length = 18)
    private String visitorIdMasked;

    @Column(name = "invitee_phone_index", length = 64)
    private String inviteePhoneIndex;

    @Column(name = "pledge_accepted_at")
    private Instant pledgeAcceptedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private BookingStatus status;

    @Column(name = "reject_reason", length = 200)
    private String rejectReason;

    @Column(name = "decided_by", length = 200)
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "visited_at")
    private Instant visitedAt;

    @Column(name = "visited_gate_id")
    private Long visitedGateId;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected VisitorBooking() {}

    private VisitorBooking(
            BookingKind kind,
            long hostId,
            String hostName,
            Long hostDepartmentId,
            Details details,
            String createdBy,
            Instant now) {
        this.kind = kind;
        this.hostId = hostId;
        this.hostName = hostName;
        this.hostDepartmentId = hostDepartmentId;
        this.visitDate = details.date();
        this.slot = details.slot();
        this.reason = details.reason();
        applyTravel(details);
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A visitor's request (V1.1): it waits for the host's approval; the pledge was accepted now. */
    static VisitorBooking request(
            long visitorId,
            VisitorSnapshot visitor,
            long hostId,
            String hostName,
            Long hostDepartmentId,
            Details details,
            Instant now) {
        VisitorBooking booking = new VisitorBooking(
                BookingKind.VISITOR_REQUEST, hostId, hostName, hostDepartmentId, details, "visitor:" + visitorId, now);
        booking.visitorId = visitorId;
        booking.snapshot(visitor);
        booking.pledgeAcceptedAt = now;
        booking.status = BookingStatus.PENDING_APPROVAL;
        return booking;
    }

    /**
     * A host's invitation (R4.3): addressed to a phone (its blind index) and a name; it takes effect only when the
     * visitor confirms it. {@code visitorId} is the visitor already known by that phone, or null.
     */
    static VisitorBooking invitation(
            Long visitorId,
            String inviteePhoneIndex,
            VisitorSnapshot invitee,
            long hostId,
            String hostName,
            Long hostDepartmentId,
            Details details,
            Instant now) {
        VisitorBooking booking = new VisitorBooking(
                BookingKind.HOST_INVITATION, hostId, hostName, hostDepartmentId, details, "registrant:" + hostId, now);
        booking.visitorId = visitorId;
        booking.inviteePhoneIndex = inviteePhoneIndex;
        booking.snapshot(invitee);
        booking.status = BookingStatus.PENDING_CONFIRMATION;
        return booking;
    }

    private void applyTravel(Details details) {
        this.transport = details.transport();
        this.plate = details.plate();
        this.companionCount = details.companionCount();
        this.companions = details.companionsJson() == null ? "[]" : details.companionsJson();
    }

    private void snapshot(VisitorSnapshot visitor) {
        this.visitorName = visitor.name();
        this.visitorPhoneMasked = visitor.phoneMasked();
        this.visitorIdMasked = visitor.idMasked();
    }

    /** The host approves a waiting request (R4.2). */
    void approve(long hostId, Instant now) {
        require(kind == BookingKind.VISITOR_REQUEST && status == BookingStatus.PENDING_APPROVAL);
        decide(BookingStatus.APPROVED, null, "registrant:" + hostId, now);
    }

    /** The host rejects a waiting request with a reason the visitor reads (R4.2). */
    void reject(long hostId, String reason, Instant now) {
        require(kind == BookingKind.VISITOR_REQUEST && status == BookingStatus.PENDING_APPROVAL);
        if (reason == null || reason.isBlank()) {
            throw new ApiException(VisitorError.BOOKING_REJECT_REASON_REQUIRED);
        }
        decide(BookingStatus.REJECTED, reason.strip(), "registrant:" + hostId, now);
    }

    /**
     * The invited visitor confirms (V1.2): the invitation becomes theirs and effective, with their details, the
     * travel details they completed (when given) and the pledge.
     */
    void confirm(long visitorId, VisitorSnapshot visitor, Details travel, Instant now) {
        require(kind == BookingKind.HOST_INVITATION && status == BookingStatus.PENDING_CONFIRMATION);
        this.visitorId = visitorId;
        snapshot(visitor);
        if (travel != null) {
            applyTravel(travel);
        }
        this.pledgeAcceptedAt = now;
        decide(BookingStatus.APPROVED, null, "visitor:" + visitorId, now);
    }

    /** The visitor (or, for an invitation, the host) calls the visit off. */
    void cancel(String by, Instant now) {
        require(status.cancellable());
        decide(BookingStatus.CANCELLED, null, by, now);
    }

    /** The first allowed verification at a gate: the visitor has arrived. Later passes leave it as it is. */
    boolean markVisited(long gateId, Instant now) {
        if (status == BookingStatus.VISITED) {
            return false;
        }
        require(status == BookingStatus.APPROVED);
        this.status = BookingStatus.VISITED;
        this.visitedAt = now;
        this.visitedGateId = gateId;
        this.updatedAt = now;
        return true;
    }

    /** Whether a pass opens for this booking at {@code at}: effective (or visited, for leaving) and in its window. */
    boolean passOpenAt(Instant at) {
        return (status == BookingStatus.APPROVED || status == BookingStatus.VISITED) && slot.contains(visitDate, at);
    }

    private void decide(BookingStatus next, String rejectReason, String by, Instant now) {
        this.status = next;
        this.rejectReason = rejectReason;
        this.decidedBy = by;
        this.decidedAt = now;
        this.updatedAt = now;
    }

    private void require(boolean allowed) {
        if (!allowed) {
            throw new ApiException(VisitorError.BOOKING_STATE_CONFLICT, status.name());
        }
    }

    public Long getId() {
        return id;
    }

    public BookingKind getKind() {
        return kind;
    }

    public Long getVisitorId() {
        return visitorId;
    }

    public Long getHostId() {
        return hostId;
    }

    public String getHostName() {
        return hostName;
    }

    public Long getHostDepartmentId() {
        return hostDepartmentId;
    }

    public LocalDate getVisitDate() {
        return visitDate;
    }

    public VisitSlot getSlot() {
        return slot;
    }

    public String getReason() {
        return reason;
    }

    public Transport getTransport() {
        return transport;
    }

    public String getPlate() {
        return plate;
    }

    public int getCompanionCount() {
        return companionCount;
    }

    public String getCompanions() {
        return companions;
    }

    public String getVisitorName() {
        return visitorName;
    }

    public String getVisitorPhoneMasked() {
        return visitorPhoneMasked;
    }

    public String getVisitorIdMasked() {
        return visitorIdMasked;
    }

    public String getInviteePhoneIndex() {
        return inviteePhoneIndex;
    }

    public Instant getPledgeAcceptedAt() {
        return pledgeAcceptedAt;
    }

    public BookingStatus getStatus() {
        return status;
    }

    public String getRejectReason() {
        return rejectReason;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public Instant getVisitedAt() {
        return visitedAt;
    }

    public Long getVisitedGateId() {
        return visitedGateId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
