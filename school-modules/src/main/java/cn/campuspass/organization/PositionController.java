package cn.campuspass.organization;

import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
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

/** Positions (职位) of the caller's school (A3.2). Enabling and disabling is an edit of {@code enabled}. */
@RestController
@RequestMapping("/admin/api/positions")
class PositionController {

    private final Positions positions;

    PositionController(Positions positions) {
        this.positions = positions;
    }

    record PositionRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 200) String description,
            @PositiveOrZero Integer sortOrder,
            Boolean enabled) {}

    record PositionResponse(
            long id,
            String name,
            String description,
            boolean enabled,
            int sortOrder,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {
        static PositionResponse of(Position p) {
            return new PositionResponse(
                    p.getId(),
                    p.getName(),
                    p.getDescription(),
                    p.isEnabled(),
                    p.getSortOrder(),
                    p.getCreatedAt(),
                    p.getUpdatedAt(),
                    p.getUpdatedBy());
        }
    }

    /** {@code name}: part of the name; {@code enabled}: true (启用) or false (停用), both when absent. */
    @GetMapping
    @RequiresPermission(OrganizationPermissions.POSITION_VIEW)
    List<PositionResponse> list(
            @RequestParam(required = false) String name, @RequestParam(required = false) Boolean enabled) {
        return positions.list(name, enabled).stream().map(PositionResponse::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.POSITION_VIEW)
    PositionResponse get(@PathVariable long id) {
        return PositionResponse.of(positions.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(OrganizationPermissions.POSITION_MANAGE)
    PositionResponse create(@Valid @RequestBody PositionRequest request, StaffPrincipal principal) {
        return PositionResponse.of(positions.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.POSITION_MANAGE)
    PositionResponse update(
            @PathVariable long id, @Valid @RequestBody PositionRequest request, StaffPrincipal principal) {
        return PositionResponse.of(positions.update(id, draft(request), principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(OrganizationPermissions.POSITION_MANAGE)
    void delete(@PathVariable long id) {
        positions.delete(id);
    }

    private static Positions.PositionDraft draft(PositionRequest r) {
        return new Positions.PositionDraft(r.name(), r.description(), r.sortOrder(), r.enabled());
    }
}
