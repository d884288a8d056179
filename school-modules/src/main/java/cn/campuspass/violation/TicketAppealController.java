package cn.campuspass.violation;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 申诉单管理 (A5.3): appeals within the caller's data scope, newest first, filtered by text (单号, plate, appellant),
 * status and date; details with the appeal's images and the ticket with its photos; approve (the ticket is revoked)
 * or reject with a reason.
 */
@RestController
@RequestMapping("/admin/api/ticket-appeals")
class TicketAppealController {

    private final TicketAppeals appeals;

    TicketAppealController(TicketAppeals appeals) {
        this.appeals = appeals;
    }

    @GetMapping
    @RequiresPermission(ViolationPermissions.APPEAL_LIST)
    TicketAppeals.Found list(
            DataScope scope,
            @RequestParam(required = false) @Size(max = 50) String q,
            @RequestParam(required = false) AppealStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return appeals.search(new TicketAppeals.Filter(q, status, null, from, to), scope, page, size);
    }

    @GetMapping("/{id}")
    @RequiresPermission(ViolationPermissions.APPEAL_LIST)
    TicketAppeals.Details get(@PathVariable long id, DataScope scope) {
        return appeals.get(id, scope);
    }

    @PostMapping("/{id}/approve")
    @RequiresPermission(ViolationPermissions.APPEAL_REVIEW)
    TicketAppeals.Appeal approve(@PathVariable long id, StaffPrincipal principal) {
        return appeals.approve(id, principal.actor(), principal.scope());
    }

    record RejectRequest(@NotBlank @Size(max = 200) String reason) {}

    @PostMapping("/{id}/reject")
    @RequiresPermission(ViolationPermissions.APPEAL_REVIEW)
    TicketAppeals.Appeal reject(
            @PathVariable long id, @Valid @RequestBody RejectRequest request, StaffPrincipal principal) {
        return appeals.reject(id, request.reason(), principal.actor(), principal.scope());
    }
}
