package cn.campuspass.face;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.constraints.Size;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
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
 * Face update records in the school console (人脸更新记录, A4.5): the list with the tender's columns (name, new face,
 * old face, phone masked, identity, identity type, number, department and managing department, time) plus source and
 * operator, filtered and paged within the caller's data scope; the export of faces (all or the filtered list) as a
 * background job with progress and a download.
 */
@RestController
@RequestMapping("/admin/api/faces")
@Validated
class FaceController {

    private final FaceUpdates updates;
    private final FaceExports exports;
    private final Faces faces;

    FaceController(FaceUpdates updates, FaceExports exports, Faces faces) {
        this.updates = updates;
        this.exports = exports;
        this.faces = faces;
    }

    /**
     * A staff member sets a registrant's face (source CONSOLE; multipart part {@code file}), checked like a portal
     * upload; 404 for a registrant outside the caller's data scope.
     */
    // No `consumes`: a mapping that refused other content types would answer 415 before the permission check (403).
    @PostMapping("/registrants/{registrantId}")
    @RequiresPermission(FacePermissions.UPLOAD)
    Faces.FaceView upload(
            @PathVariable long registrantId,
            @RequestPart("file") MultipartFile file,
            DataScope scope,
            StaffPrincipal principal) {
        if (!updates.visible(registrantId, scope)) {
            throw new ApiException(FaceError.FACE_REGISTRANT_NOT_FOUND);
        }
        if (file.getSize() > FaceRules.defaults().maxBytes()) {
            throw new ApiException(
                    FaceError.FACE_FILE_TOO_LARGE, FaceRules.defaults().maxBytes() / (1024 * 1024));
        }
        try {
            return faces.upload(registrantId, file.getBytes(), Faces.Source.CONSOLE, principal.actor());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @GetMapping("/updates")
    @RequiresPermission(FacePermissions.LIST)
    FaceUpdates.Page list(
            DataScope scope,
            @RequestParam(required = false) @Size(max = 50) String keyword,
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Long identityTypeId,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Faces.Source source,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return updates.search(
                new FaceUpdates.Filter(keyword, identity, identityTypeId, departmentId, source, from, to),
                scope,
                page,
                size);
    }

    /** Starts an export of the records the same filters select (none: all records in scope). */
    @PostMapping("/exports")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresPermission(FacePermissions.EXPORT)
    FaceExports.Job export(
            DataScope scope,
            StaffPrincipal principal,
            @RequestParam(required = false) @Size(max = 50) String keyword,
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Long identityTypeId,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Faces.Source source,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return exports.start(
                new FaceUpdates.Filter(keyword, identity, identityTypeId, departmentId, source, from, to),
                scope,
                principal.actor());
    }

    @GetMapping("/exports")
    @RequiresPermission(FacePermissions.EXPORT)
    List<FaceExports.Job> exports() {
        return exports.recent(20);
    }

    @GetMapping("/exports/{id}")
    @RequiresPermission(FacePermissions.EXPORT)
    FaceExports.Job job(@PathVariable UUID id) {
        return exports.job(id);
    }

    @GetMapping("/exports/{id}/download")
    @RequiresPermission(FacePermissions.EXPORT)
    ResponseEntity<InputStreamResource> download(@PathVariable UUID id) {
        InputStream zip = exports.download(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("faces-" + id + ".zip")
                                .build()
                                .toString())
                .body(new InputStreamResource(zip));
    }
}
