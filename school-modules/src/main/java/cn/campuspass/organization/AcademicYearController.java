package cn.campuspass.organization;

import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
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

/** Academic years (学年) of the caller's school (A3.5); the newest first. */
@RestController
@RequestMapping("/admin/api/academic-years")
class AcademicYearController {

    private final AcademicYears years;

    AcademicYearController(AcademicYears years) {
        this.years = years;
    }

    record AcademicYearRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull LocalDate startDate,
            @NotNull LocalDate endDate,
            @PositiveOrZero Integer sortOrder,
            Boolean enabled) {}

    record AcademicYearResponse(
            long id,
            String name,
            LocalDate startDate,
            LocalDate endDate,
            boolean enabled,
            int sortOrder,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {
        static AcademicYearResponse of(AcademicYear y) {
            return new AcademicYearResponse(
                    y.getId(),
                    y.getName(),
                    y.getStartDate(),
                    y.getEndDate(),
                    y.isEnabled(),
                    y.getSortOrder(),
                    y.getCreatedAt(),
                    y.getUpdatedAt(),
                    y.getUpdatedBy());
        }
    }

    @GetMapping
    @RequiresPermission(OrganizationPermissions.TERM_VIEW)
    List<AcademicYearResponse> list(
            @RequestParam(required = false) String name, @RequestParam(required = false) Boolean enabled) {
        return years.list(name, enabled).stream().map(AcademicYearResponse::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.TERM_VIEW)
    AcademicYearResponse get(@PathVariable long id) {
        return AcademicYearResponse.of(years.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(OrganizationPermissions.TERM_MANAGE)
    AcademicYearResponse create(@Valid @RequestBody AcademicYearRequest request, StaffPrincipal principal) {
        return AcademicYearResponse.of(years.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.TERM_MANAGE)
    AcademicYearResponse update(
            @PathVariable long id, @Valid @RequestBody AcademicYearRequest request, StaffPrincipal principal) {
        return AcademicYearResponse.of(years.update(id, draft(request), principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(OrganizationPermissions.TERM_MANAGE)
    void delete(@PathVariable long id) {
        years.delete(id);
    }

    private static AcademicYears.YearDraft draft(AcademicYearRequest r) {
        return new AcademicYears.YearDraft(r.name(), r.startDate(), r.endDate(), r.sortOrder(), r.enabled());
    }
}
