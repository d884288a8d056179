package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.registrant.importing.RegistrantImportTemplate;
import cn.campuspass.storage.UploadPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.data.domain.Page;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Registrants of the caller's school (A4.2): the masked list and the Excel import. */
@RestController
@RequestMapping("/admin/api/registrants")
class RegistrantController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Registrants registrants;
    private final RegistrantImports imports;

    RegistrantController(Registrants registrants, RegistrantImports imports) {
        this.registrants = registrants;
        this.imports = imports;
    }

    record RegistrantSummary(
            long id,
            String name,
            Identity identity,
            String number,
            String phone,
            String idTail,
            long departmentId,
            Long managedDepartmentId,
            boolean enabled,
            Instant createdAt) {}

    record RegistrantPage(List<RegistrantSummary> items, long total) {}

    /** Lists show the masked phone only; viewing the full number is a separate, audited action. */
    @GetMapping
    RegistrantPage list(
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Page<Registrant> result = registrants.search(new Registrants.Search(identity, departmentId, q, page, size));
        return new RegistrantPage(
                result.stream()
                        .map(r -> new RegistrantSummary(
                                r.getId(),
                                r.getName(),
                                r.getIdentity(),
                                r.getNumber(),
                                r.getPhoneMasked(),
                                r.getIdTail(),
                                r.getDepartmentId(),
                                r.getManagedDepartmentId(),
                                r.isEnabled(),
                                r.getCreatedAt()))
                        .toList(),
                result.getTotalElements());
    }

    @GetMapping("/import/template")
    ResponseEntity<byte[]> template() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RegistrantImportTemplate.write(out);
        return attachment(out.toByteArray(), "备案人导入模板.xlsx");
    }

    @PostMapping("/import")
    @PreAuthorize("hasAnyRole('SCHOOL_ADMIN', 'SCHOOL_SECURITY_OFFICER')")
    ResponseEntity<Map<String, Object>> startImport(@RequestParam("file") MultipartFile file, Principal who)
            throws IOException {
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(8);
        }
        UploadPolicy.EXCEL.check(XLSX.toString(), file.getSize(), head);
        try (InputStream in = file.getInputStream()) {
            UUID id = imports.start(file.getOriginalFilename(), in, who.getName());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id.toString()));
        }
    }

    record ImportJobView(
            String id,
            String status,
            String fileName,
            int totalRows,
            int processedRows,
            int importedRows,
            int rejectedRows,
            List<String> problems,
            boolean problemRowsDownloadable,
            String error,
            Instant createdAt,
            Instant finishedAt) {}

    @GetMapping("/import/{id}")
    ImportJobView importJob(@PathVariable UUID id) {
        ImportJob job = imports.job(id);
        return new ImportJobView(
                job.getId().toString(),
                job.getStatus(),
                job.getFileName(),
                job.getTotalRows(),
                job.getProcessedRows(),
                job.getImportedRows(),
                job.getRejectedRows(),
                job.getProblems() == null || job.getProblems().isEmpty()
                        ? List.of()
                        : List.of(job.getProblems().split("\n")),
                job.getProblemsKey() != null,
                job.getError(),
                job.getCreatedAt(),
                job.getFinishedAt());
    }

    @GetMapping("/import/{id}/problems")
    ResponseEntity<InputStreamResource> problemRows(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition("备案人导入问题数据.xlsx"))
                .body(new InputStreamResource(imports.problemRows(id)));
    }

    private static ResponseEntity<byte[]> attachment(byte[] body, String name) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(name))
                .body(body);
    }

    private static String disposition(String name) {
        return ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8)
                .build()
                .toString();
    }
}
