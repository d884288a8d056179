package cn.campuspass.visitor;

import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface VisitorBookingRepository extends JpaRepository<VisitorBooking, Long> {

    /** Locks the booking for a state change: two hosts' clicks or a click and a cancel apply one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select b from VisitorBooking b where b.id = :id")
    Optional<VisitorBooking> lockById(long id);

    @Query("""
            select b from VisitorBooking b
            where b.visitorId = :visitorId and b.kind = cn.campuspass.visitor.BookingKind.VISITOR_REQUEST
            order by b.visitDate desc, b.id desc
            """)
    List<VisitorBooking> requestsOf(long visitorId, org.springframework.data.domain.Pageable page);

    @Query("""
            select b from VisitorBooking b
            where b.kind = cn.campuspass.visitor.BookingKind.HOST_INVITATION
              and (b.visitorId = :visitorId or (b.visitorId is null and b.inviteePhoneIndex = :phoneIndex))
            order by b.visitDate desc, b.id desc
            """)
    List<VisitorBooking> invitationsOf(
            long visitorId, String phoneIndex, org.springframework.data.domain.Pageable page);

    @Query("""
            select b from VisitorBooking b
            where b.hostId = :hostId and b.kind = :kind
            order by b.visitDate desc, b.id desc
            """)
    List<VisitorBooking> ofHost(long hostId, BookingKind kind, org.springframework.data.domain.Pageable page);

    /** The visitor's bookings on these days that are in effect (the overlap warning) or hold a slot. */
    @Query("""
            select b from VisitorBooking b
            where b.visitorId = :visitorId and b.visitDate between :from and :to
              and b.status in (cn.campuspass.visitor.BookingStatus.APPROVED,
                               cn.campuspass.visitor.BookingStatus.VISITED)
            """)
    List<VisitorBooking> effectiveOf(long visitorId, LocalDate from, LocalDate to);
}
