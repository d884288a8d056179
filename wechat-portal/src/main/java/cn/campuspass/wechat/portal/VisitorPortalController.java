package cn.campuspass.wechat.portal;

import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.visitor.Companion;
import cn.campuspass.visitor.Transport;
import cn.campuspass.visitor.VisitSlot;
import cn.campuspass.visitor.VisitorBookings;
import cn.campuspass.visitor.VisitorPasses;
import cn.campuspass.visitor.Visitors;
import cn.campuspass.wechat.session.VisitorSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The visitor portal (V1–V3): profile, host search, bookings (我发起的), invitations (被邀请的) and the visitor pass.
 * Every handler takes a {@link VisitorSession} (WeChat sign-in alone); a registrant's portal session does not open
 * these endpoints.
 */
@RestController
@RequestMapping("/portal/{school}/api/visitor")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class VisitorPortalController {

    private final Visitors visitors;
    private final VisitorBookings bookings;
    private final VisitorPasses passes;

    VisitorPortalController(Visitors visitors, VisitorBookings bookings, VisitorPasses passes) {
        this.visitors = visitors;
        this.bookings = bookings;
        this.passes = passes;
    }

    record DetailsRequest(
            @Size(max = 50) String name,
            @Size(max = 32) String phone,
            @Size(max = 32) String idNumber) {

        Visitors.ProfileDraft draft() {
            return new Visitors.ProfileDraft(name, phone, idNumber);
        }
    }

    record CompanionRequest(
            @Size(max = 50) String name, @Size(max = 32) String plate) {}

    record TravelRequest(
            Transport transport,
            @Size(max = 32) String plate,
            @Min(0) @Max(20) Integer companionCount,
            @Size(max = 20) List<@Valid CompanionRequest> companions) {

        VisitorBookings.TravelDraft draft() {
            return new VisitorBookings.TravelDraft(
                    transport,
                    plate,
                    companionCount,
                    companions == null
                            ? List.of()
                            : companions.stream()
                                    .map(c -> new Companion(c == null ? null : c.name(), c == null ? null : c.plate()))
                                    .toList());
        }
    }

    record BookingRequest(
            @NotNull @Positive Long hostId,
            @NotNull LocalDate date,
            @NotNull VisitSlot slot,
            @NotBlank @Size(max = 200) String reason,
            @Valid TravelRequest travel,
            boolean pledgeAccepted,
            @Valid DetailsRequest details) {}

    record ConfirmRequest(
            @Valid TravelRequest travel,
            boolean pledgeAccepted,
            @Valid DetailsRequest details) {}

    record PassRequest(
            @NotNull @Positive Long gateId,
            @NotBlank @Size(max = 200) String signature) {}

    @GetMapping("/profile")
    Visitors.Profile profile(VisitorSession session) {
        return visitors.profile(session.visitorId());
    }

    /** V3: name, phone and ID card number; fields left out stay as they are. */
    @PutMapping("/profile")
    Visitors.Profile updateProfile(VisitorSession session, @Valid @RequestBody DetailsRequest request) {
        return visitors.update(session.visitorId(), request.draft());
    }

    @PostMapping(value = "/profile/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Visitors.Profile avatar(VisitorSession session, @RequestPart("file") MultipartFile file) {
        return visitors.changeAvatar(session.visitorId(), PortalUploads.photo(file));
    }

    /** Teachers who receive visitors, by name or department (phones masked). */
    @GetMapping("/hosts")
    List<VisitorBookings.Host> hosts(VisitorSession session, @RequestParam(required = false) @Size(max = 50) String q) {
        return bookings.hosts(q);
    }

    /** V1.1: a request to a host; 201 with the booking and any overlap warnings. */
    @PostMapping("/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    VisitorBookings.Created book(VisitorSession session, @Valid @RequestBody BookingRequest request) {
        return bookings.request(
                session.visitorId(),
                new VisitorBookings.RequestCommand(
                        request.hostId(),
                        request.date(),
                        request.slot(),
                        request.reason(),
                        request.travel() == null ? null : request.travel().draft(),
                        request.pledgeAccepted(),
                        request.details() == null ? null : request.details().draft()));
    }

    /** 我发起的. */
    @GetMapping("/bookings")
    List<VisitorBookings.View> myBookings(VisitorSession session) {
        return bookings.requestsOf(session.visitorId());
    }

    @GetMapping("/bookings/{id}")
    VisitorBookings.View booking(VisitorSession session, @PathVariable @Positive long id) {
        return bookings.getForVisitor(session.visitorId(), id);
    }

    /** Cancels one of the visitor's bookings, or declines an invitation addressed to them. */
    @PostMapping("/bookings/{id}/cancel")
    VisitorBookings.View cancel(VisitorSession session, @PathVariable @Positive long id) {
        return bookings.cancelByVisitor(session.visitorId(), id);
    }

    /** 被邀请的. */
    @GetMapping("/invitations")
    List<VisitorBookings.View> invitations(VisitorSession session) {
        return bookings.invitationsOf(session.visitorId());
    }

    /** V1.2: completes what the host left open, ticks the pledge; the invitation takes effect. */
    @PostMapping("/invitations/{id}/confirm")
    VisitorBookings.Created confirm(
            VisitorSession session, @PathVariable @Positive long id, @Valid @RequestBody ConfirmRequest request) {
        return bookings.confirm(
                session.visitorId(),
                id,
                new VisitorBookings.ConfirmCommand(
                        request.travel() == null ? null : request.travel().draft(),
                        request.pledgeAccepted(),
                        request.details() == null ? null : request.details().draft()));
    }

    /** V2: the visitor pass at the scanned gate, or when it opens. */
    @PostMapping("/passes")
    VisitorPasses.VisitorPass pass(VisitorSession session, @Valid @RequestBody PassRequest request) {
        return passes.open(session.visitorId(), request.gateId(), request.signature());
    }
}
