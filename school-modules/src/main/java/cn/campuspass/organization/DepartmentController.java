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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Departments of the caller's school (A3.2). */
@RestController
@RequestMapping("/admin/api/departments")
class DepartmentController {

    private final Departments departments;

    DepartmentController(Departments departments) {
        this.departments = departments;
    }

    record DepartmentRequest(
            @NotBlank @Size(max = 100) String name,
            Long parentId,
            @Size(max = 200) String description,
            Integer sortOrder,
            Boolean enabled) {}

    record DepartmentResponse(
            long id,
            String name,
            Long parentId,
            String description,
            boolean enabled,
            int sortOrder,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {
        static DepartmentResponse of(Department d) {
            return new DepartmentResponse(
                    d.getId(),
                    d.getName(),
                    d.getParentId(),
                    d.getDescription(),
                    d.isEnabled(),
                    d.getSortOrder(),
                    d.getCreatedAt(),
                    d.getUpdatedAt(),
                    d.getUpdatedBy());
        }
    }

    @GetMapping
    @RequiresPermission(OrganizationPermissions.DEPARTMENT_VIEW)
    List<DepartmentResponse> list(@RequestParam(required = false) String name) {
        return departments.list(name).stream().map(DepartmentResponse::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.DEPARTMENT_VIEW)
    DepartmentResponse get(@PathVariable long id) {
        return DepartmentResponse.of(departments.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(OrganizationPermissions.DEPARTMENT_MANAGE)
    DepartmentResponse create(@Valid @RequestBody DepartmentRequest request, StaffPrincipal principal) {
        return DepartmentResponse.of(departments.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.DEPARTMENT_MANAGE)
    DepartmentResponse update(
            @PathVariable long id, @Valid @RequestBody DepartmentRequest request, StaffPrincipal principal) {
        return DepartmentResponse.of(departments.update(id, draft(request), principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(OrganizationPermissions.DEPARTMENT_MANAGE)
    void delete(@PathVariable long id) {
        departments.delete(id);
    }

    private static Departments.DepartmentDraft draft(DepartmentRequest r) {
        return new Departments.DepartmentDraft(r.name(), r.parentId(), r.description(), r.sortOrder(), r.enabled());
    }
}
