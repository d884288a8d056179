package cn.campuspass.violation;

import cn.campuspass.exporting.SpreadsheetExports;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.storage.UploadPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 罚单管理 (A5.2): the tickets of the caller's school within their data scope, newest first, filtered by text (单号,
 * plate, name or number), item, status, target and date, and to the caller's own ({@code mine}: the staff portal's
 * 本人所开的罚单); details with the three photos; revoke with a reason; and issuing a ticket (the staff portal's 新增开单
 * uses the same endpoint).
 */
@RestController
@RequestMapping("/admin/api/tickets")
class TicketController {

    private final Tickets tickets;
    private final TicketExports exports;

    TicketController(Tickets tickets, TicketExports exports) {
        this.tickets = tickets;
        this.exports = exports;
    }

    @GetMapping
    @RequiresPermission(ViolationPermissions.TICKET_LIST)
    Tickets.Found list(
            DataScope scope,
            @RequestParam(required = false) @Size(max = 50) String q,
            @RequestParam(required = false) Long itemId,
            @RequestParam(required = false) TicketStatus status,
            @RequestParam(required = false) TicketTarget target,
            @RequestParam(required = false) Long registrantId,
            @RequestParam(required = false) Long vehicleId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            StaffPrincipal principal) {
        return tickets.search(
                new TicketQuery.Filter(
                        q, itemId, status, target, registrantId, vehicleId, from, to, mine ? principal.actor() : null),
                scope,
                page,
                size);
    }

    @GetMapping("/{id}")
    @RequiresPermission(ViolationPermissions.TICKET_VIEW)
    Tickets.Details get(@PathVariable long id, DataScope scope) {
        return tickets.get(id, scope);
    }

    record IssueRequest(
            @Size(max = 16) String plate,
            Long registrantId,
            Long visitorId,
            @NotNull Long itemId,
            @Size(max = 100) String location,
            @Size(max = 500) String remark) {}

    // Multipart (part `ticket` as JSON, files `front`, `side`, `back`). No `consumes`: a mapping that refused other
    // content types would answer 415 before the permission check (403); a non-multipart request is a 4xx anyway.
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(ViolationPermissions.TICKET_ISSUE)
    Tickets.Ticket issue(
            @Valid @RequestPart("ticket") IssueRequest request,
            @RequestPart(value = "front", required = false) MultipartFile front,
            @RequestPart(value = "side", required = false) MultipartFile side,
            @RequestPart(value = "back", required = false) MultipartFile back,
            StaffPrincipal principal) {
        Map<PhotoPosition, Tickets.Photo> photos = new EnumMap<>(PhotoPosition.class);
        put(photos, PhotoPosition.FRONT, front);
        put(photos, PhotoPosition.SIDE, side);
        put(photos, PhotoPosition.BACK, back);
        return tickets.issue(
                new Tickets.IssueDraft(
                        request.plate(),
                        request.registrantId(),
                        request.visitorId(),
                        request.itemId(),
                        request.location(),
                        request.remark()),
                photos,
                principal.actor());
    }

    record RevokeRequest(@NotBlank @Size(max = 200) String reason) {}

    @PostMapping("/{id}/revoke")
    @RequiresPermission(ViolationPermissions.TICKET_REVOKE)
    Tickets.Ticket revoke(@PathVariable long id, @Valid @RequestBody RevokeRequest request, StaffPrincipal principal) {
        return tickets.revoke(id, request.reason(), principal.actor(), principal.scope());
    }

    // ---- export (导出罚单) ----------------------------------------------------------------------------------

    /** The list's filters; every one optional. */
    record ExportRequest(
            @Size(max = 50) String q,
            Long itemId,
            TicketStatus status,
            TicketTarget target,
            LocalDate from,
            LocalDate to) {}

    /** Starts the export of the filtered list (within the caller's scope) as a background job. */
    @PostMapping("/export")
    @RequiresPermission(ViolationPermissions.TICKET_EXPORT)
    ResponseEntity<Map<String, Object>> startExport(
            @Valid @RequestBody(required = false) ExportRequest request, StaffPrincipal principal) {
        ExportRequest r = request == null ? new ExportRequest(null, null, null, null, null, null) : request;
        UUID id = exports.start(
                new TicketQuery.Filter(r.q(), r.itemId(), r.status(), r.target(), null, null, r.from(), r.to()),
                principal.scope(),
                principal.actor());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id.toString()));
    }

    record ExportJobList(List<SpreadsheetExports.Job> items) {}

    @GetMapping("/export")
    @RequiresPermission(ViolationPermissions.TICKET_EXPORT)
    ExportJobList exportJobs() {
        return new ExportJobList(exports.recent());
    }

    @GetMapping("/export/{jobId}")
    @RequiresPermission(ViolationPermissions.TICKET_EXPORT)
    SpreadsheetExports.Job exportJob(@PathVariable UUID jobId) {
        return exports.job(jobId);
    }

    @GetMapping("/export/{jobId}/file")
    @RequiresPermission(ViolationPermissions.TICKET_EXPORT)
    ResponseEntity<org.springframework.core.io.InputStreamResource> exportFile(@PathVariable UUID jobId) {
        SpreadsheetExports.Job job = exports.job(jobId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(SpreadsheetExports.XLSX))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(job.fileName(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new org.springframework.core.io.InputStreamResource(exports.file(jobId)));
    }

    /** Refuses a wrong type or an oversize file from its head, before the whole file is read. */
    private static void put(Map<PhotoPosition, Tickets.Photo> photos, PhotoPosition position, MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new ApiException(ViolationError.TICKET_PHOTOS_REQUIRED);
        }
        try (InputStream in = file.getInputStream()) {
            UploadPolicy.PORTAL_PHOTO.sniff(file.getSize(), in.readNBytes(UploadPolicy.HEAD_BYTES));
            photos.put(position, new Tickets.Photo(file.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
