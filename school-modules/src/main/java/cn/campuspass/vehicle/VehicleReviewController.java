package cn.campuspass.vehicle;

import cn.campuspass.exporting.SpreadsheetExports;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.registrant.importing.ImportHttp;
import cn.campuspass.registrant.importing.ImportJobPage;
import cn.campuspass.registrant.importing.ImportJobView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 车辆备案审核 (A4.4): registrations with the tender's columns (type, plate, owner, relation, registrant, identity,
 * 学号/工号, identity type, status, submitted and reviewed times) and the number of registered vehicles, newest
 * submission first, within the caller's data scope; add a registration for a registrant; details; approve (e-bikes
 * with a validity) or reject with a reason.
 */
@RestController
@RequestMapping("/admin/api/vehicle-reviews")
class VehicleReviewController {

    private final Vehicles vehicles;
    private final VehicleReviews reviews;
    private final VehicleImports imports;
    private final VehicleExports exports;
    private final Clock clock;

    VehicleReviewController(
            Vehicles vehicles, VehicleReviews reviews, VehicleImports imports, VehicleExports exports, Clock clock) {
        this.vehicles = vehicles;
        this.reviews = reviews;
        this.imports = imports;
        this.exports = exports;
        this.clock = clock;
    }

    /** {@code registered}: 已备案车辆数, the approved vehicles within the caller's scope. */
    record ReviewPage(List<VehicleResponse> items, long total, long registered) {}

    record ApproveRequest(Boolean longTerm, LocalDate validUntil) {}

    record RejectRequest(
            @Size(max = VehicleReviews.MAX_REASON) String reason) {}

    @GetMapping
    @RequiresPermission(VehiclePermissions.REVIEW_LIST)
    ReviewPage list(
            DataScope scope,
            @RequestParam(required = false) VehicleType type,
            @RequestParam(required = false) RegistrationStatus status,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Long identityTypeId,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        VehicleQuery.Filter filter =
                new VehicleQuery.Filter(type, status, null, q, identity, identityTypeId, departmentId, from, to, null);
        Vehicles.Found found = vehicles.searchReviews(filter, scope, page, size);
        long registered = vehicles.count(VehicleQuery.Filter.all().withStatus(RegistrationStatus.APPROVED), scope);
        LocalDate today = LocalDate.now(clock);
        return new ReviewPage(
                found.items().stream().map(i -> VehicleResponse.of(i, today)).toList(), found.total(), registered);
    }

    @PostMapping
    @RequiresPermission(VehiclePermissions.REVIEW_CREATE)
    @ResponseStatus(HttpStatus.CREATED)
    VehicleResponse add(@Valid @RequestBody VehicleRequest request, StaffPrincipal principal) {
        return response(vehicles.addRegistration(request.draft(), principal.actor(), principal.scope()));
    }

    @GetMapping("/{id}")
    @RequiresPermission(VehiclePermissions.REVIEW_LIST)
    VehicleResponse get(@PathVariable long id, DataScope scope) {
        return response(vehicles.get(id, scope));
    }

    /** Cars are simply approved; an e-bike needs {@code longTerm: true} or a {@code validUntil} not in the past. */
    @PostMapping("/{id}/approve")
    @RequiresPermission(VehiclePermissions.REVIEW_APPROVE)
    VehicleResponse approve(
            @PathVariable long id, @RequestBody(required = false) ApproveRequest request, StaffPrincipal principal) {
        VehicleReviews.Validity validity = request == null
                ? VehicleReviews.Validity.none()
                : new VehicleReviews.Validity(Boolean.TRUE.equals(request.longTerm()), request.validUntil());
        return response(reviews.approve(id, validity, principal.actor(), principal.scope()));
    }

    @PostMapping("/{id}/reject")
    @RequiresPermission(VehiclePermissions.REVIEW_REJECT)
    VehicleResponse reject(@PathVariable long id, @Valid @RequestBody RejectRequest request, StaffPrincipal principal) {
        return response(reviews.reject(id, request.reason(), principal.actor(), principal.scope()));
    }

    // ---- import (A4.4 a, b) ----------------------------------------------------------------------------------

    @GetMapping("/import/template")
    @RequiresPermission(VehiclePermissions.REVIEW_IMPORT)
    ResponseEntity<byte[]> template() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VehicleImportTemplate.write(out);
        return ImportHttp.workbook(out.toByteArray(), "车辆备案导入模板.xlsx");
    }

    @PostMapping("/import")
    @RequiresPermission(VehiclePermissions.REVIEW_IMPORT)
    ResponseEntity<Map<String, Object>> startImport(@RequestParam("file") MultipartFile file, StaffPrincipal principal)
            throws IOException {
        ImportHttp.checkExcelUpload(file);
        try (InputStream in = file.getInputStream()) {
            return ImportHttp.accepted(imports.start(file.getOriginalFilename(), in, principal.actor()));
        }
    }

    /** Import results: file, time, status and outcome, newest first; problems only in the detail. */
    @GetMapping("/import")
    @RequiresPermission(VehiclePermissions.REVIEW_IMPORT)
    ImportJobPage importJobs(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ImportJobPage.of(imports.recent(page, size));
    }

    @GetMapping("/import/{jobId}")
    @RequiresPermission(VehiclePermissions.REVIEW_IMPORT)
    ImportJobView importJob(@PathVariable UUID jobId) {
        return ImportJobView.detail(imports.job(jobId));
    }

    @GetMapping("/import/{jobId}/problems")
    @RequiresPermission(VehiclePermissions.REVIEW_IMPORT)
    ResponseEntity<InputStreamResource> problemRows(@PathVariable UUID jobId) {
        return ImportHttp.workbook(imports.problemRows(jobId), "车辆备案导入问题数据.xlsx");
    }

    // ---- export (A4.4 c) --------------------------------------------------------------------------------------

    /** The list's filters; every one optional. */
    record ExportRequest(
            VehicleType type,
            RegistrationStatus status,
            @Size(max = 64) String q,
            Identity identity,
            Long identityTypeId,
            Long departmentId,
            LocalDate from,
            LocalDate to) {}

    /** Starts the export of the filtered list (within the caller's scope) as a background job. */
    @PostMapping("/export")
    @RequiresPermission(VehiclePermissions.REVIEW_EXPORT)
    ResponseEntity<Map<String, Object>> startExport(
            @Valid @RequestBody(required = false) ExportRequest request, StaffPrincipal principal) {
        ExportRequest r = request == null ? new ExportRequest(null, null, null, null, null, null, null, null) : request;
        UUID id = exports.start(
                new VehicleQuery.Filter(
                        r.type(),
                        r.status(),
                        null,
                        r.q(),
                        r.identity(),
                        r.identityTypeId(),
                        r.departmentId(),
                        r.from(),
                        r.to(),
                        null),
                principal.scope(),
                principal.actor());
        return ImportHttp.accepted(id);
    }

    record ExportJobList(List<SpreadsheetExports.Job> items) {}

    @GetMapping("/export")
    @RequiresPermission(VehiclePermissions.REVIEW_EXPORT)
    ExportJobList exportJobs() {
        return new ExportJobList(exports.recent(20));
    }

    @GetMapping("/export/{jobId}")
    @RequiresPermission(VehiclePermissions.REVIEW_EXPORT)
    SpreadsheetExports.Job exportJob(@PathVariable UUID jobId) {
        return exports.job(jobId);
    }

    @GetMapping("/export/{jobId}/file")
    @RequiresPermission(VehiclePermissions.REVIEW_EXPORT)
    ResponseEntity<InputStreamResource> exportFile(@PathVariable UUID jobId) {
        SpreadsheetExports.Job job = exports.job(jobId);
        return ResponseEntity.ok()
                .contentType(ImportHttp.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ImportHttp.disposition(job.fileName()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new InputStreamResource(exports.file(jobId)));
    }

    private VehicleResponse response(Vehicles.Item item) {
        return VehicleResponse.of(item, LocalDate.now(clock));
    }
}
