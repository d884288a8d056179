package cn.campuspass.wechat.portal;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.web.MultiLine;
import cn.campuspass.violation.AppealStatus;
import cn.campuspass.violation.TicketAppeals;
import cn.campuspass.violation.TicketStatus;
import cn.campuspass.violation.Tickets;
import cn.campuspass.violation.ViolationError;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.session.PortalSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 我的罚单 (R4.7) and 我的申诉单 (R4.8) in the registrant portal: the registrant's tickets filtered by vehicle, status
 * and date, each with whether it can still be appealed; a ticket's details with its photos; an appeal of an effective
 * ticket (multipart: JSON part {@code appeal} with the reason, up to four {@code images}); and the registrant's
 * appeals filtered by plate, status and date. Only the registrant's own tickets and appeals are ever found.
 */
@RestController
@RequestMapping("/portal/{school}/api")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalTicketController {

    private final PortalAccounts accounts;
    private final Tickets tickets;
    private final TicketAppeals appeals;

    PortalTicketController(PortalAccounts accounts, Tickets tickets, TicketAppeals appeals) {
        this.accounts = accounts;
        this.tickets = tickets;
        this.appeals = appeals;
    }

    /** One of my tickets; {@code appealable}: effective and not appealed yet. */
    record MyTicket(Tickets.Ticket ticket, boolean appealable) {}

    record MyTickets(List<MyTicket> items, long total) {}

    @GetMapping("/tickets")
    MyTickets mine(
            PortalSession session,
            @RequestParam(required = false) Long vehicleId,
            @RequestParam(required = false) TicketStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        long me = accounts.requireActive(session);
        Tickets.Found found = tickets.mine(me, vehicleId, status, from, to, page, size);
        Set<Long> appealed = appeals.appealedTickets(me);
        return new MyTickets(
                found.items().stream()
                        .map(t -> new MyTicket(t, t.status() == TicketStatus.EFFECTIVE && !appealed.contains(t.id())))
                        .toList(),
                found.total());
    }

    @GetMapping("/tickets/{id}")
    Tickets.Details one(PortalSession session, @PathVariable long id) {
        long me = accounts.requireActive(session);
        Tickets.Details details = tickets.get(id, DataScope.wholeSchool());
        if (details.ticket().registrantId() == null || details.ticket().registrantId() != me) {
            throw new ApiException(ViolationError.TICKET_NOT_FOUND);
        }
        return details;
    }

    record AppealRequest(
            @NotBlank @Size(max = 500) @MultiLine String reason) {}

    @PostMapping("/tickets/{id}/appeal")
    @ResponseStatus(HttpStatus.CREATED)
    TicketAppeals.Appeal appeal(
            PortalSession session,
            @PathVariable long id,
            @Valid @RequestPart("appeal") AppealRequest request,
            @RequestPart(value = "images", required = false) List<MultipartFile> images) {
        long me = accounts.requireActive(session);
        List<MultipartFile> files = images == null ? List.of() : images;
        if (files.size() > TicketAppeals.MAX_IMAGES) {
            throw new ApiException(ViolationError.APPEAL_TOO_MANY_IMAGES, TicketAppeals.MAX_IMAGES);
        }
        return appeals.submit(
                me,
                id,
                request.reason(),
                files.stream().map(PortalUploads::photo).toList());
    }

    @GetMapping("/appeals")
    TicketAppeals.Found myAppeals(
            PortalSession session,
            @RequestParam(required = false) @Size(max = 16) String plate,
            @RequestParam(required = false) AppealStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        long me = accounts.requireActive(session);
        return appeals.search(
                new TicketAppeals.Filter(plate, status, me, from, to), DataScope.wholeSchool(), page, size);
    }
}
