package cn.campuspass.organization;

import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Campuses of the caller's school (A3.1). The school is the token's; no request names a school. */
@RestController
@RequestMapping("/admin/api/campuses")
class CampusController {

    private final Campuses campuses;

    CampusController(Campuses campuses) {
        this.campuses = campuses;
    }

    record CampusRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 200) String address,
            Integer sortOrder,
            Boolean enabled) {}

    record CampusResponse(
            long id,
            String name,
            String address,
            boolean enabled,
            int sortOrder,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {
        static CampusResponse of(Campus c) {
            return new CampusResponse(
                    c.getId(),
                    c.getName(),
                    c.getAddress(),
                    c.isEnabled(),
                    c.getSortOrder(),
                    c.getCreatedAt(),
                    c.getUpdatedAt(),
                    c.getUpdatedBy());
        }
    }

    @GetMapping
    @RequiresPermission(OrganizationPermissions.CAMPUS_VIEW)
    List<CampusResponse> list() {
        return campuses.list().stream().map(CampusResponse::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.CAMPUS_VIEW)
    CampusResponse get(@PathVariable long id) {
        return CampusResponse.of(campuses.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(OrganizationPermissions.CAMPUS_MANAGE)
    CampusResponse create(@Valid @RequestBody CampusRequest request, StaffPrincipal principal) {
        return CampusResponse.of(campuses.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.CAMPUS_MANAGE)
    CampusResponse update(@PathVariable long id, @Valid @RequestBody CampusRequest request, StaffPrincipal principal) {
        return CampusResponse.of(campuses.update(id, draft(request), principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(OrganizationPermissions.CAMPUS_MANAGE)
    void delete(@PathVariable long id) {
        campuses.delete(id);
    }

    private static Campuses.CampusDraft draft(CampusRequest r) {
        return new Campuses.CampusDraft(r.name(), r.address(), r.sortOrder(), r.enabled());
    }
}
