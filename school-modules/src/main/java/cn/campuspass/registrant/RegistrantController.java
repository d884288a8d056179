package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.registrant.importing.ImportHttp;
import cn.campuspass.registrant.importing.ImportJobPage;
import cn.campuspass.registrant.importing.ImportJobView;
import cn.campuspass.registrant.importing.RegistrantImportTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Registrants of the caller's school (A4.2): the filtered list with masked phones, create/edit/delete, enable and
 * disable, WeChat unbinding, visitor authorization, the audited whole-phone view and the Excel import. Reading needs
 * a role with {@code registrant:view}; changing needs school admin or security officer.
 */
@RestController
@RequestMapping("/admin/api/registrants")
class RegistrantController {
    private final Registrants registrants;
    private final RegistrantImports imports;
    private final Optional<RegistrantVehicleCounts> vehicleCounts;

    RegistrantController(
            Registrants registrants, RegistrantImports imports, Optional<RegistrantVehicleCounts> vehicleCounts) {
        this.registrants = registrants;
        this.imports = imports;
        this.vehicleCounts = vehicleCounts;
    }

    /** A registrant as the console shows it; {@code phone} and {@code idTail} are always the masked forms. */
    record RegistrantResponse(
            long id,
            String name,
            Identity identity,
            Long identityTypeId,
            String number,
            String phone,
            String idTail,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            boolean visitorAuthorized,
            boolean registered,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            String identityTypeName,
            int carCount,
            int ebikeCount) {

        static RegistrantResponse of(Registrants.Summary s) {
            return of(s, RegistrantVehicleCounts.Counts.NONE);
        }

        static RegistrantResponse of(Registrants.Summary s, RegistrantVehicleCounts.Counts vehicles) {
            return new RegistrantResponse(
                    s.id(),
                    s.name(),
                    s.identity(),
                    s.identityTypeId(),
                    s.number(),
                    s.phoneMasked(),
                    s.idTailMasked(),
                    s.departmentId(),
                    s.departmentName(),
                    s.managedDepartmentId(),
                    s.managedDepartmentName(),
                    s.visitorAuthorized(),
                    s.registered(),
                    s.enabled(),
                    s.createdAt(),
                    s.updatedAt(),
                    s.identityTypeName(),
                    vehicles.motor(),
                    vehicles.ebike());
        }
    }

    record RegistrantPage(List<RegistrantResponse> items, long total) {}

    record RegistrantRequest(
            String name,
            Identity identity,
            Long identityTypeId,
            String number,
            String phone,
            String idTail,
            Long departmentId,
            Long managedDepartmentId) {

        RegistrantDraft draft() {
            return new RegistrantDraft(
                    name, identity, identityTypeId, number, phone, idTail, departmentId, managedDepartmentId);
        }
    }

    record PhoneResponse(String phone) {}

    record IdTailResponse(String idTail) {}

    /** Lists show the masked phone only; viewing the full number is a separate, audited action. */
    @GetMapping
    @RequiresPermission(RegistrantPermissions.VIEW)
    RegistrantPage list(
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) Boolean registered,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            DataScope scope) {
        Registrants.Found found = registrants.search(
                new Registrants.Filter(identity, departmentId, q, enabled, registered), scope, page, size);
        Map<Long, RegistrantVehicleCounts.Counts> vehicles = vehicleCounts
                .map(counts -> counts.countsOf(
                        found.items().stream().map(Registrants.Summary::id).toList()))
                .orElse(Map.of());
        return new RegistrantPage(
                found.items().stream()
                        .map(s -> RegistrantResponse.of(
                                s, vehicles.getOrDefault(s.id(), RegistrantVehicleCounts.Counts.NONE)))
                        .toList(),
                found.total());
    }

    @PostMapping
    @RequiresPermission(RegistrantPermissions.MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    RegistrantResponse create(@RequestBody RegistrantRequest request) {
        return RegistrantResponse.of(registrants.create(request.draft()));
    }

    @GetMapping("/{id}")
    @RequiresPermission(RegistrantPermissions.VIEW)
    RegistrantResponse get(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        RegistrantVehicleCounts.Counts vehicles = vehicleCounts
                .map(counts -> counts.countsOf(List.of(id)).get(id))
                .orElse(null);
        return RegistrantResponse.of(
                registrants.get(id), vehicles == null ? RegistrantVehicleCounts.Counts.NONE : vehicles);
    }

    @PutMapping("/{id}")
    @RequiresPermission(RegistrantPermissions.MANAGE)
    RegistrantResponse update(@PathVariable long id, DataScope scope, @RequestBody RegistrantRequest request) {
        registrants.requireInScope(id, scope);
        return RegistrantResponse.of(registrants.update(id, request.draft()));
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(RegistrantPermissions.MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        registrants.delete(id);
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(RegistrantPermissions.MANAGE)
    RegistrantResponse enable(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return RegistrantResponse.of(registrants.enable(id));
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(RegistrantPermissions.MANAGE)
    RegistrantResponse disable(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return RegistrantResponse.of(registrants.disable(id));
    }

    @PostMapping("/{id}/unbind-wechat")
    @RequiresPermission(RegistrantPermissions.MANAGE)
    RegistrantResponse unbindWeChat(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return RegistrantResponse.of(registrants.unbindWeChat(id));
    }

    @PostMapping("/{id}/visitor-authorization")
    @RequiresPermission(RegistrantPermissions.VISITOR_AUTHORIZATION)
    RegistrantResponse authorizeVisitors(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return RegistrantResponse.of(registrants.authorizeVisitors(id));
    }

    record AllTeachersAuthorized(int authorized) {}

    /** A4.2 e: visitor authorization for every teacher at once. */
    @PostMapping("/visitor-authorization/all-teachers")
    @RequiresPermission(RegistrantPermissions.VISITOR_AUTHORIZATION)
    AllTeachersAuthorized authorizeAllTeachers() {
        return new AllTeachersAuthorized(registrants.authorizeAllTeachersForVisitors());
    }

    @DeleteMapping("/{id}/visitor-authorization")
    @RequiresPermission(RegistrantPermissions.VISITOR_AUTHORIZATION)
    RegistrantResponse revokeVisitorAuthorization(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return RegistrantResponse.of(registrants.revokeVisitorAuthorization(id));
    }

    /** The whole number, for calling the person; every view is recorded in the personal-data access log. */
    @GetMapping("/{id}/phone")
    @RequiresPermission(RegistrantPermissions.PERSONAL_DATA_VIEW)
    ResponseEntity<PhoneResponse> phone(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new PhoneResponse(registrants.phoneOf(id)));
    }

    /** The whole 身份证后六位 (half of the portal login); every view is recorded in the personal-data access log. */
    @GetMapping("/{id}/id-tail")
    @RequiresPermission(RegistrantPermissions.PERSONAL_DATA_VIEW)
    ResponseEntity<IdTailResponse> idTail(@PathVariable long id, DataScope scope) {
        registrants.requireInScope(id, scope);
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new IdTailResponse(registrants.idTailOf(id)));
    }

    @GetMapping("/import/template")
    @RequiresPermission(RegistrantPermissions.IMPORT)
    ResponseEntity<byte[]> template() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RegistrantImportTemplate.write(out);
        return ImportHttp.workbook(out.toByteArray(), "备案人导入模板.xlsx");
    }

    @PostMapping("/import")
    @RequiresPermission(RegistrantPermissions.IMPORT)
    ResponseEntity<Map<String, Object>> startImport(@RequestParam("file") MultipartFile file, Principal who)
            throws IOException {
        ImportHttp.checkExcelUpload(file);
        try (InputStream in = file.getInputStream()) {
            return ImportHttp.accepted(imports.start(file.getOriginalFilename(), in, who.getName()));
        }
    }

    /** Import results (A4.2 c): file, time, status and outcome, newest first; problems only in the detail. */
    @GetMapping("/import")
    @RequiresPermission(RegistrantPermissions.IMPORT)
    ImportJobPage importJobs(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ImportJobPage.of(imports.recent(page, size));
    }

    @GetMapping("/import/{id}")
    @RequiresPermission(RegistrantPermissions.IMPORT)
    ImportJobView importJob(@PathVariable UUID id) {
        return ImportJobView.detail(imports.job(id));
    }

    @GetMapping("/import/{id}/problems")
    @RequiresPermission(RegistrantPermissions.IMPORT)
    ResponseEntity<InputStreamResource> problemRows(@PathVariable UUID id) {
        return ImportHttp.workbook(imports.problemRows(id), "备案人导入问题数据.xlsx");
    }
}
