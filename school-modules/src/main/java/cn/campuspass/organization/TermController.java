package cn.campuspass.organization;

import cn.campuspass.platform.error.ApiException;
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
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
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

/** Terms (学期) of the caller's school's academic years, and the term of a day (A3.5). */
@RestController
@RequestMapping("/admin/api/terms")
class TermController {

    private final Terms terms;
    private final AcademicYears years;

    TermController(Terms terms, AcademicYears years) {
        this.terms = terms;
        this.years = years;
    }

    record TermRequest(
            @NotNull Long academicYearId,
            @NotBlank @Size(max = 100) String name,
            @NotNull LocalDate startDate,
            @NotNull LocalDate endDate,
            @PositiveOrZero Integer sortOrder,
            Boolean enabled) {}

    record TermResponse(
            long id,
            long academicYearId,
            String academicYearName,
            String name,
            LocalDate startDate,
            LocalDate endDate,
            boolean enabled,
            int sortOrder,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy) {
        static TermResponse of(Term t, String yearName) {
            return new TermResponse(
                    t.getId(),
                    t.getAcademicYearId(),
                    yearName,
                    t.getName(),
                    t.getStartDate(),
                    t.getEndDate(),
                    t.isEnabled(),
                    t.getSortOrder(),
                    t.getCreatedAt(),
                    t.getUpdatedAt(),
                    t.getUpdatedBy());
        }
    }

    /** {@code academicYearId}: one year's terms; {@code name}: part of the name; {@code enabled}: the status. */
    @GetMapping
    @RequiresPermission(OrganizationPermissions.TERM_VIEW)
    List<TermResponse> list(
            @RequestParam(required = false) Long academicYearId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Boolean enabled) {
        Map<Long, String> yearNames = years.list(null, null).stream()
                .collect(Collectors.toMap(AcademicYear::getId, AcademicYear::getName, (a, b) -> a));
        return terms.list(academicYearId, name, enabled).stream()
                .map(t -> TermResponse.of(t, yearNames.get(t.getAcademicYearId())))
                .toList();
    }

    /** The enabled term of an enabled year that contains {@code date} (yyyy-MM-dd); 404 NO_TERM_ON_DATE if none. */
    @GetMapping("/of")
    @RequiresPermission(OrganizationPermissions.TERM_VIEW)
    Terms.TermOfDate termOf(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return terms.termOf(date).orElseThrow(() -> new ApiException(OrganizationError.NO_TERM_ON_DATE));
    }

    @GetMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.TERM_VIEW)
    TermResponse get(@PathVariable long id) {
        return withYear(terms.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(OrganizationPermissions.TERM_MANAGE)
    TermResponse create(@Valid @RequestBody TermRequest request, StaffPrincipal principal) {
        return withYear(terms.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(OrganizationPermissions.TERM_MANAGE)
    TermResponse update(@PathVariable long id, @Valid @RequestBody TermRequest request, StaffPrincipal principal) {
        return withYear(terms.update(id, draft(request), principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(OrganizationPermissions.TERM_MANAGE)
    void delete(@PathVariable long id) {
        terms.delete(id);
    }

    private TermResponse withYear(Term term) {
        return TermResponse.of(term, years.get(term.getAcademicYearId()).getName());
    }

    private static Terms.TermDraft draft(TermRequest r) {
        return new Terms.TermDraft(
                r.academicYearId(), r.name(), r.startDate(), r.endDate(), r.sortOrder(), r.enabled());
    }
}
