package cn.campuspass.organization;

import cn.campuspass.organization.poster.Orientation;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

/** Gates of the caller's school and their QR posters (A3.1). */
@RestController
@RequestMapping("/admin/api/gates")
class GateController {

    private final Gates gates;
    private final GatePosters posters;

    GateController(Gates gates, GatePosters posters) {
        this.gates = gates;
        this.posters = posters;
    }

    record GateRequest(
            @NotNull Long campusId,
            @NotBlank @Size(max = 100) String name,
            Integer sortOrder,
            Boolean enabled) {}

    record GateResponse(
            long id,
            long campusId,
            String name,
            boolean enabled,
            int sortOrder,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {
        static GateResponse of(Gate g) {
            return new GateResponse(
                    g.getId(),
                    g.getCampusId(),
                    g.getName(),
                    g.isEnabled(),
                    g.getSortOrder(),
                    g.getCreatedAt(),
                    g.getUpdatedAt(),
                    g.getUpdatedBy());
        }
    }

    @GetMapping
    @RequiresPermission(OrganizationPermissions.GATE_VIEW)
    List<GateResponse> list(@RequestParam(required = false) Long campusId) {
        return gates.list(campusId).stream().map(GateResponse::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.GATE_VIEW)
    GateResponse get(@PathVariable long id) {
        return GateResponse.of(gates.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(OrganizationPermissions.GATE_MANAGE)
    GateResponse create(@Valid @RequestBody GateRequest request, StaffPrincipal principal) {
        return GateResponse.of(gates.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.GATE_MANAGE)
    GateResponse update(@PathVariable long id, @Valid @RequestBody GateRequest request, StaffPrincipal principal) {
        return GateResponse.of(gates.update(id, draft(request), principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(OrganizationPermissions.GATE_MANAGE)
    void delete(@PathVariable long id) {
        gates.delete(id);
    }

    /** The printable poster: {@code orientation} PORTRAIT (竖版) or LANDSCAPE (横版), {@code format} PNG or PDF. */
    @GetMapping("/{id}/poster")
    @RequiresPermission(OrganizationPermissions.GATE_POSTER)
    ResponseEntity<byte[]> poster(
            @PathVariable long id,
            @RequestParam(defaultValue = "PORTRAIT") Orientation orientation,
            @RequestParam(defaultValue = "PNG") GatePosters.Format format) {
        byte[] body = posters.render(id, orientation, format);
        String file = "gate-" + id + "-" + orientation.name().toLowerCase() + "."
                + format.name().toLowerCase();
        return ResponseEntity.ok()
                .contentType(format == GatePosters.Format.PDF ? MediaType.APPLICATION_PDF : MediaType.IMAGE_PNG)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }

    private static Gates.GateDraft draft(GateRequest r) {
        return new Gates.GateDraft(r.campusId(), r.name(), r.sortOrder(), r.enabled());
    }
}
