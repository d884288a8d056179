package cn.campuspass.wechat.portal;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.visitor.Companion;
import cn.campuspass.visitor.Transport;
import cn.campuspass.visitor.VisitSlot;
import cn.campuspass.visitor.VisitorBookings;
import cn.campuspass.visitor.VisitorError;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.session.PortalSession;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The host side in the registrant portal (R4.2 我的访客预约, R4.3 发起邀请): open only to a teacher with visitor
 * authorization (403-like refusal {@code BOOKING_HOST_NOT_AUTHORIZED} otherwise, also once it is revoked).
 */
@RestController
@RequestMapping("/portal/{school}/api/visitors")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalHostVisitorController {

    private final PortalAccounts accounts;
    private final Registrants registrants;
    private final VisitorBookings bookings;

    PortalHostVisitorController(PortalAccounts accounts, Registrants registrants, VisitorBookings bookings) {
        this.accounts = accounts;
        this.registrants = registrants;
        this.bookings = bookings;
    }

    record HostStatus(boolean authorized) {}

    record RejectRequest(@NotBlank @Size(max = 200) String reason) {}

    record CompanionRequest(
            @Size(max = 50) String name, @Size(max = 32) String plate) {}

    record InvitationRequest(
            @NotNull LocalDate date,
            @NotNull VisitSlot slot,
            @NotBlank @Size(max = 200) String reason,
            @NotBlank @Size(max = 32) String visitorPhone,
            @NotBlank @Size(max = 50) String visitorName,
            Transport transport,
            @Size(max = 32) String plate,
            @Min(0) @Max(20) Integer companionCount,
            @Size(max = 20) List<@Valid CompanionRequest> companions) {}

    /** Whether the signed-in registrant sees 我的访客预约 and 发起邀请 (a teacher with visitor authorization). */
    @GetMapping("/host")
    HostStatus host(PortalSession session) {
        long id = accounts.requireActive(session);
        Registrants.Summary me = registrants.get(id);
        return new HostStatus(me.identity() == Identity.TEACHER && me.visitorAuthorized());
    }

    /** 我收到的. */
    @GetMapping("/received")
    List<VisitorBookings.View> received(PortalSession session) {
        return bookings.receivedBy(requireHost(session));
    }

    /** 我邀请的. */
    @GetMapping("/invited")
    List<VisitorBookings.View> invited(PortalSession session) {
        return bookings.invitedBy(requireHost(session));
    }

    @GetMapping("/bookings/{id}")
    VisitorBookings.View booking(PortalSession session, @PathVariable @Positive long id) {
        return bookings.getForHost(requireHost(session), id);
    }

    @PostMapping("/bookings/{id}/approve")
    VisitorBookings.View approve(PortalSession session, @PathVariable @Positive long id) {
        return bookings.approve(requireHost(session), id);
    }

    @PostMapping("/bookings/{id}/reject")
    VisitorBookings.View reject(
            PortalSession session, @PathVariable @Positive long id, @Valid @RequestBody RejectRequest request) {
        return bookings.reject(requireHost(session), id, request.reason());
    }

    /** R4.3: invites a visitor by phone and name; 201 with the invitation and any overlap warnings. */
    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    VisitorBookings.Created invite(PortalSession session, @Valid @RequestBody InvitationRequest request) {
        return bookings.invite(
                requireHost(session),
                new VisitorBookings.InviteCommand(
                        request.date(),
                        request.slot(),
                        request.reason(),
                        request.visitorPhone(),
                        request.visitorName(),
                        new VisitorBookings.TravelDraft(
                                request.transport(),
                                request.plate(),
                                request.companionCount(),
                                request.companions() == null
                                        ? List.of()
                                        : request.companions().stream()
                                                .map(c -> new Companion(
                                                        c == null ? null : c.name(), c == null ? null : c.plate()))
                                                .toList())));
    }

    @PostMapping("/invitations/{id}/cancel")
    VisitorBookings.View cancelInvitation(PortalSession session, @PathVariable @Positive long id) {
        return bookings.cancelInvitation(requireHost(session), id);
    }

    private long requireHost(PortalSession session) {
        long id = accounts.requireActive(session);
        Registrants.Summary me = registrants.get(id);
        if (me.identity() != Identity.TEACHER || !me.visitorAuthorized()) {
            throw new ApiException(VisitorError.BOOKING_HOST_NOT_AUTHORIZED);
        }
        return id;
    }
}
