package cn.campuspass.visitor;

import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.vehicle.PlateNumber;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bookings from both sides: the visitor's requests, cancellations and invitation confirmations (V1, V1.1, V1.2), the
 * host's approvals, rejections and invitations (R4.2, R4.3), and the window a visitor pass opens in (V2).
 *
 * <p>The one-per-slot (hence three-a-day) rule is the database's partial unique index: a booking that would break it
 * fails on insert or confirm and is answered {@code BOOKING_SLOT_TAKEN}, however many requests race. Overlap with the
 * visitor's effective bookings is not refused but answered as a warning beside the created booking.
 */
@Service
public class VisitorBookings {

    /** Lists show at most this many bookings (newest visit date first). */
    public static final int LIST_LIMIT = 100;

    private final VisitorBookingRepository bookings;
    private final Visitors visitors;
    private final Registrants registrants;
    private final SchoolJdbc jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VisitorBookings(
            VisitorBookingRepository bookings,
            Visitors visitors,
            Registrants registrants,
            SchoolJdbc jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.bookings = bookings;
        this.visitors = visitors;
        this.registrants = registrants;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** A teacher a visitor may book, as the host picker shows them (phone masked). */
    public record Host(long id, String name, String departmentName, String phoneMasked) {}

    /** A booking as the portal lists and details show it. */
    public record View(
            long id,
            BookingKind kind,
            BookingStatus status,
            LocalDate date,
            VisitSlot slot,
            String slotStart,
            String slotEnd,
            String reason,
            Transport transport,
            String plate,
            int companionCount,
            List<Companion> companions,
            String visitorName,
            String visitorPhoneMasked,
            String visitorIdNumberMasked,
            long hostId,
            String hostName,
            String hostDepartmentName,
            String hostPhoneMasked,
            String rejectReason,
            Instant pledgeAcceptedAt,
            Instant decidedAt,
            Instant visitedAt,
            Instant createdAt) {}

    /** A booking accepted with something the person should know (V1.1 c, R4.3 d). */
    public record Warning(String code, String message, long bookingId) {}

    public record Created(View booking, List<Warning> warnings) {}

    /** The visitor's travel details; every part optional where the rules allow. */
    public record TravelDraft(Transport transport, String plate, Integer companionCount, List<Companion> companions) {

        BookingRules.Travel rules() {
            return new BookingRules.Travel(transport, plate, companionCount, companions);
        }
    }

    /** A visitor's request; {@code details} required at the first booking (an incomplete profile). */
    public record RequestCommand(
            Long hostId,
            LocalDate date,
            VisitSlot slot,
            String reason,
            TravelDraft travel,
            boolean pledgeAccepted,
            Visitors.ProfileDraft details) {}

    /** A host's invitation of a visitor by phone and name; travel optional (the visitor completes it). */
    public record InviteCommand(
            LocalDate date,
            VisitSlot slot,
            String reason,
            String visitorPhone,
            String visitorName,
            TravelDraft travel) {}

    /** The visitor's confirmation: missing details, travel (when the host left it open), the pledge. */
    public record ConfirmCommand(TravelDraft travel, boolean pledgeAccepted, Visitors.ProfileDraft details) {}

    /** Where the visitor's pass stands now: open for a booking, or when it opens next (null: no booking ahead). */
    public record PassWindow(Long openBookingId, Instant nextOpensAt, View booking) {

        public boolean open() {
            return openBookingId != null;
        }
    }

    // ----- visitor side -------------------------------------------------------------------------------------------

    /** A visitor a ticket may go to: who they are and the booking that brought them today. */
    public record TicketTarget(
            long visitorId, String name, String phoneMasked, String plate, String hostName, LocalDate visitDate) {}

    /**
     * Visitors a ticket may go to (the staff portal's 新增开单): those with an approved or visited booking today
     * (school time) whose plate is {@code text} (normalised like every plate) or whose name contains it; one row per
     * visitor, a plate match first. The names and phones are the booking's copies (masked phone).
     */
    @Transactional(readOnly = true)
    public List<TicketTarget> ticketTargets(String text, int limit) {
        String typed = text.strip();
        String plate = PlateNumber.normalise(typed);
        String like = "%" + escapeLike(typed) + "%";
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT * FROM (
                        SELECT DISTINCT ON (b.visitor_id) b.visitor_id, b.visitor_name, b.visitor_phone_masked, b.plate,
                               b.host_name, b.visit_date, b.plate IS NOT DISTINCT FROM ? AS by_plate
                        FROM visitor_booking b
                        WHERE b.visit_date = ? AND b.status IN ('APPROVED', 'VISITED') AND b.visitor_id IS NOT NULL
                          AND (b.plate = ? OR b.visitor_name LIKE ?)
                        ORDER BY b.visitor_id, (b.plate IS NOT DISTINCT FROM ?) DESC, b.id DESC) t
                    ORDER BY t.by_plate DESC, t.visitor_name, t.visitor_id
                    LIMIT ?
                    """)) {
                ps.setString(1, plate);
                ps.setObject(2, today());
                ps.setString(3, plate);
                ps.setString(4, like);
                ps.setString(5, plate);
                ps.setInt(6, limit);
                List<TicketTarget> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new TicketTarget(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getObject(6, LocalDate.class)));
                    }
                }
                return found;
            }
        });
    }

    /** Teachers with visitor authorization whose name or department contains {@code text} (V1.1: 受访人员). */
    @Transactional(readOnly = true)
    public List<Host> hosts(String text) {
        String like = text == null || text.isBlank() ? "%" : "%" + escapeLike(text.strip()) + "%";
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.name, d.name, r.phone_masked
                    FROM registrant r LEFT JOIN department d ON d.id = r.department_id
                    WHERE r.identity = 'TEACHER' AND r.visitor_authorized AND r.enabled
                      AND (r.name LIKE ? OR d.name LIKE ?)
                    ORDER BY r.name, r.id
                    LIMIT 30
                    """)) {
                ps.setString(1, like);
                ps.setString(2, like);
                List<Host> hosts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hosts.add(new Host(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return hosts;
            }
        });
    }

    @Transactional
    public Created request(long visitorId, RequestCommand command) {
        if (!command.pledgeAccepted()) {
            throw new ApiException(VisitorError.BOOKING_PLEDGE_REQUIRED);
        }
        jdbc.reusePlans(); // key look-ups and inserts only: the hot path of issue 10's 500 bookings/s
        Visitor visitor = visitors.load(visitorId);
        visitors.apply(visitor, command.details());
        if (!visitor.complete()) {
            throw new ApiException(VisitorError.VISITOR_DETAILS_REQUIRED);
        }
        Instant now = clock.instant();
        BookingRules.checkWhen(command.date(), command.slot(), now, today());
        String reason = BookingRules.checkReason(command.reason());
        VisitorBooking.Details details = BookingRules.details(
                command.date(),
                command.slot(),
                reason,
                command.travel() == null ? null : command.travel().rules(),
                true);
        Registrants.Summary host = requireHost(command.hostId());
        List<Warning> warnings = overlaps(visitorId, command.date(), command.slot(), null);
        VisitorBooking booking = VisitorBooking.request(
                visitorId, snapshot(visitor), host.id(), host.name(), host.departmentId(), details, now);
        insert(booking);
        events.publishEvent(new BookingEvents.Requested(SchoolContext.require(), booking.getId()));
        return new Created(view(booking, new HashMap<>()), warnings);
    }

    /** 我发起的: the visitor's own requests, newest visit first. */
    @Transactional(readOnly = true)
    public List<View> requestsOf(long visitorId) {
        return views(bookings.requestsOf(visitorId, PageRequest.of(0, LIST_LIMIT)));
    }

    /** 被邀请的: invitations addressed to the visitor (by their phone, or already theirs). */
    @Transactional(readOnly = true)
    public List<View> invitationsOf(long visitorId) {
        Visitor visitor = visitors.load(visitorId);
        String phoneIndex = visitor.getPhoneIndex() == null ? "-" : visitor.getPhoneIndex();
        return views(bookings.invitationsOf(visitorId, phoneIndex, PageRequest.of(0, LIST_LIMIT)));
    }

    /** One booking of the visitor (theirs, or an invitation addressed to them). */
    @Transactional(readOnly = true)
    public View getForVisitor(long visitorId, long bookingId) {
        VisitorBooking booking = bookings.findById(bookingId).orElse(null);
        if (booking == null || !belongsToVisitor(booking, visitors.load(visitorId))) {
            throw new ApiException(VisitorError.BOOKING_NOT_FOUND);
        }
        return view(booking, new HashMap<>());
    }

    @Transactional
    public View cancelByVisitor(long visitorId, long bookingId) {
        VisitorBooking booking = lock(bookingId);
        if (!belongsToVisitor(booking, visitors.load(visitorId))) {
            throw new ApiException(VisitorError.BOOKING_NOT_FOUND);
        }
        booking.cancel("visitor:" + visitorId, clock.instant());
        return view(booking, new HashMap<>());
    }

    /** V1.2: the invited visitor completes what is missing, ticks the pledge, and the invitation takes effect. */
    @Transactional
    public Created confirm(long visitorId, long bookingId, ConfirmCommand command) {
        if (!command.pledgeAccepted()) {
            throw new ApiException(VisitorError.BOOKING_PLEDGE_REQUIRED);
        }
        VisitorBooking booking = lock(bookingId);
        Visitor visitor = visitors.load(visitorId);
        if (booking.getKind() != BookingKind.HOST_INVITATION || !belongsToVisitor(booking, visitor)) {
            throw new ApiException(VisitorError.BOOKING_NOT_FOUND);
        }
        if (booking.getStatus() != BookingStatus.PENDING_CONFIRMATION) {
            throw new ApiException(
                    VisitorError.BOOKING_STATE_CONFLICT, booking.getStatus().name());
        }
        visitors.apply(visitor, command.details());
        if (!visitor.complete()) {
            throw new ApiException(VisitorError.VISITOR_DETAILS_REQUIRED);
        }
        Instant now = clock.instant();
        BookingRules.checkWhen(booking.getVisitDate(), booking.getSlot(), now, today());
        VisitorBooking.Details travel = null;
        boolean travelGiven = command.travel() != null && command.travel().transport() != null;
        if (travelGiven || booking.getTransport() == null) {
            travel = BookingRules.details(
                    booking.getVisitDate(),
                    booking.getSlot(),
                    booking.getReason(),
                    command.travel() == null ? null : command.travel().rules(),
                    true);
        }
        List<Warning> warnings = overlaps(visitorId, booking.getVisitDate(), booking.getSlot(), booking.getId());
        booking.confirm(visitorId, snapshot(visitor), travel, now);
        flush(booking);
        events.publishEvent(new BookingEvents.InvitationConfirmed(SchoolContext.require(), booking.getId()));
        return new Created(view(booking, new HashMap<>()), warnings);
    }

    // ----- host side ----------------------------------------------------------------------------------------------

    /** 我收到的 (R4.2): requests made to the host. */
    @Transactional(readOnly = true)
    public List<View> receivedBy(long hostId) {
        return views(bookings.ofHost(hostId, BookingKind.VISITOR_REQUEST, PageRequest.of(0, LIST_LIMIT)));
    }

    /** 我邀请的 (R4.3): the host's invitations. */
    @Transactional(readOnly = true)
    public List<View> invitedBy(long hostId) {
        return views(bookings.ofHost(hostId, BookingKind.HOST_INVITATION, PageRequest.of(0, LIST_LIMIT)));
    }

    @Transactional(readOnly = true)
    public View getForHost(long hostId, long bookingId) {
        VisitorBooking booking = bookings.findById(bookingId)
                .filter(b -> b.getHostId() == hostId)
                .orElseThrow(() -> new ApiException(VisitorError.BOOKING_NOT_FOUND));
        return view(booking, new HashMap<>());
    }

    @Transactional
    public View approve(long hostId, long bookingId) {
        VisitorBooking booking = lockOfHost(hostId, bookingId);
        Instant now = clock.instant();
        if (booking.getStatus() == BookingStatus.PENDING_APPROVAL) {
            // Approving a visit whose slot is over would make a booking no pass can ever open for.
            BookingRules.checkWhen(booking.getVisitDate(), booking.getSlot(), now, today());
        }
        booking.approve(hostId, now);
        events.publishEvent(new BookingEvents.Decided(SchoolContext.require(), booking.getId(), true));
        return view(booking, new HashMap<>());
    }

    @Transactional
    public View reject(long hostId, long bookingId, String reason) {
        if (reason != null && reason.strip().length() > BookingRules.MAX_REASON) {
            throw ApiException.withFields(
                    VisitorError.BOOKING_INVALID, List.of(new FieldProblem("reason", "驳回理由最多200字")));
        }
        VisitorBooking booking = lockOfHost(hostId, bookingId);
        booking.reject(hostId, reason, clock.instant());
        events.publishEvent(new BookingEvents.Decided(SchoolContext.require(), booking.getId(), false));
        return view(booking, new HashMap<>());
    }

    /** The host calls off one of their invitations (a confirmed one too). */
    @Transactional
    public View cancelInvitation(long hostId, long bookingId) {
        VisitorBooking booking = lockOfHost(hostId, bookingId);
        if (booking.getKind() != BookingKind.HOST_INVITATION) {
            throw new ApiException(
                    VisitorError.BOOKING_STATE_CONFLICT, booking.getStatus().name());
        }
        booking.cancel("registrant:" + hostId, clock.instant());
        return view(booking, new HashMap<>());
    }

    /**
     * R4.3: invites the visitor of {@code visitorPhone}. Several invitations per slot are allowed (they hold no
     * slot until confirmed); one overlapping the visitor's effective bookings is sent with a warning.
     */
    @Transactional
    public Created invite(long hostId, InviteCommand command) {
        Registrants.Summary host = requireHost(hostId);
        List<FieldProblem> problems = new ArrayList<>();
        Optional<PhoneNumber> phone = PhoneNumber.parse(command.visitorPhone());
        if (phone.isEmpty()) {
            problems.add(new FieldProblem("visitorPhone", "请填写访客的手机号"));
        }
        String name = command.visitorName() == null ? "" : command.visitorName().strip();
        if (name.isEmpty() || name.length() > BookingRules.MAX_NAME) {
            problems.add(new FieldProblem("visitorName", "请填写访客姓名"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.withFields(VisitorError.BOOKING_INVALID, problems);
        }
        Instant now = clock.instant();
        BookingRules.checkWhen(command.date(), command.slot(), now, today());
        String reason = BookingRules.checkReason(command.reason());
        VisitorBooking.Details details = BookingRules.details(
                command.date(),
                command.slot(),
                reason,
                command.travel() == null ? null : command.travel().rules(),
                false);
        String phoneIndex = visitors.phoneIndex(phone.get());
        Long visitorId = visitorByPhoneIndex(phoneIndex).orElse(null);
        List<Warning> warnings =
                visitorId == null ? List.of() : overlaps(visitorId, command.date(), command.slot(), null);
        VisitorBooking booking = VisitorBooking.invitation(
                visitorId,
                phoneIndex,
                new VisitorBooking.VisitorSnapshot(name, phone.get().masked(), null),
                host.id(),
                host.name(),
                host.departmentId(),
                details,
                now);
        insert(booking);
        return new Created(view(booking, new HashMap<>()), warnings);
    }

    // ----- the pass -------------------------------------------------------------------------------------------------

    /** Where the visitor's pass stands at this moment (V2). */
    @Transactional(readOnly = true)
    public PassWindow passWindow(long visitorId) {
        Instant now = clock.instant();
        LocalDate today = today();
        List<VisitorBooking> ahead =
                bookings.effectiveOf(visitorId, today, today.plusDays(BookingRules.MAX_DAYS_AHEAD));
        Map<Long, Registrants.Summary> hosts = new HashMap<>();
        for (VisitorBooking b : ahead) {
            if (b.passOpenAt(now)) {
                return new PassWindow(b.getId(), null, view(b, hosts));
            }
        }
        return ahead.stream()
                .filter(b -> b.getStatus() == BookingStatus.APPROVED)
                .filter(b -> b.getSlot().opensAt(b.getVisitDate()).isAfter(now))
                .min(Comparator.comparing(b -> b.getSlot().opensAt(b.getVisitDate())))
                .map(b -> new PassWindow(null, b.getSlot().opensAt(b.getVisitDate()), view(b, hosts)))
                .orElse(new PassWindow(null, null, null));
    }

    // ----- helpers
    // ----------------------------------------------------------------------------------------------------

    private Registrants.Summary requireHost(Long hostId) {
        if (hostId == null) {
            throw ApiException.withFields(VisitorError.BOOKING_INVALID, List.of(new FieldProblem("hostId", "请选择受访人员")));
        }
        Registrants.Summary host;
        try {
            host = registrants.get(hostId);
        } catch (ApiException e) {
            throw new ApiException(VisitorError.BOOKING_HOST_NOT_AUTHORIZED);
        }
        if (host.identity() != Identity.TEACHER || !host.visitorAuthorized() || !host.enabled()) {
            throw new ApiException(VisitorError.BOOKING_HOST_NOT_AUTHORIZED);
        }
        return host;
    }

    private List<Warning> overlaps(long visitorId, LocalDate date, VisitSlot slot, Long except) {
        List<Warning> warnings = new ArrayList<>();
        for (VisitorBooking b : bookings.effectiveOf(visitorId, date.minusDays(1), date.plusDays(1))) {
            if (!b.getId().equals(except) && BookingRules.overlaps(date, slot, b.getVisitDate(), b.getSlot())) {
                warnings.add(new Warning(
                        "BOOKING_OVERLAP",
                        "与已生效的预约时间段重叠：" + b.getVisitDate() + " " + b.getSlot().label() + "（受访人 " + b.getHostName()
                                + "）",
                        b.getId()));
            }
        }
        return warnings;
    }

    private void insert(VisitorBooking booking) {
        try {
            bookings.saveAndFlush(booking);
        } catch (DataIntegrityViolationException e) {
            throw slotTaken(booking);
        }
    }

    private void flush(VisitorBooking booking) {
        try {
            bookings.saveAndFlush(booking);
        } catch (DataIntegrityViolationException e) {
            throw slotTaken(booking);
        }
    }

    private static ApiException slotTaken(VisitorBooking booking) {
        return new ApiException(
                VisitorError.BOOKING_SLOT_TAKEN,
                booking.getVisitDate().toString(),
                booking.getSlot().label());
    }

    private VisitorBooking lock(long bookingId) {
        return bookings.lockById(bookingId).orElseThrow(() -> new ApiException(VisitorError.BOOKING_NOT_FOUND));
    }

    private VisitorBooking lockOfHost(long hostId, long bookingId) {
        VisitorBooking booking = lock(bookingId);
        if (booking.getHostId() != hostId) {
            throw new ApiException(VisitorError.BOOKING_NOT_FOUND);
        }
        return booking;
    }

    private static boolean belongsToVisitor(VisitorBooking booking, Visitor visitor) {
        if (booking.getVisitorId() != null) {
            return booking.getVisitorId().equals(visitor.getId());
        }
        return booking.getKind() == BookingKind.HOST_INVITATION
                && visitor.getPhoneIndex() != null
                && visitor.getPhoneIndex().equals(booking.getInviteePhoneIndex());
    }

    private Optional<Long> visitorByPhoneIndex(String phoneIndex) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM visitor WHERE phone_index = ? ORDER BY updated_at DESC LIMIT 1")) {
                ps.setString(1, phoneIndex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    private static VisitorBooking.VisitorSnapshot snapshot(Visitor visitor) {
        return new VisitorBooking.VisitorSnapshot(
                visitor.getName(), visitor.getPhoneMasked(), visitor.getIdNumberMasked());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), SchoolTime.ZONE);
    }

    private List<View> views(List<VisitorBooking> list) {
        Map<Long, Registrants.Summary> hosts = new HashMap<>();
        return list.stream().map(b -> view(b, hosts)).toList();
    }

    /** The booking as shown; hosts are looked up once per list (a host may since be gone: then only the copy). */
    View view(VisitorBooking b, Map<Long, Registrants.Summary> hosts) {
        Registrants.Summary host = hosts.computeIfAbsent(b.getHostId(), id -> {
            try {
                return registrants.get(id);
            } catch (ApiException e) {
                return null;
            }
        });
        return new View(
                b.getId(),
                b.getKind(),
                b.getStatus(),
                b.getVisitDate(),
                b.getSlot(),
                b.getSlot().start().toString(),
                b.getSlot().end().toString(),
                b.getReason(),
                b.getTransport(),
                b.getPlate(),
                b.getCompanionCount(),
                Companions.fromJson(b.getCompanions()),
                b.getVisitorName(),
                b.getVisitorPhoneMasked(),
                b.getVisitorIdMasked(),
                b.getHostId(),
                b.getHostName(),
                host == null ? null : host.departmentName(),
                host == null ? null : host.phoneMasked(),
                b.getRejectReason(),
                b.getPledgeAcceptedAt(),
                b.getDecidedAt(),
                b.getVisitedAt(),
                b.getCreatedAt());
    }

    VisitorBooking load(long bookingId) {
        return bookings.findById(bookingId).orElseThrow(() -> new ApiException(VisitorError.BOOKING_NOT_FOUND));
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
