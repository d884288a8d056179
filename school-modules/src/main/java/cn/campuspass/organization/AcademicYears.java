package cn.campuspass.organization;

import cn.campuspass.platform.error.ApiException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Academic years (学年) of the current school (A3.5). Years do not overlap; their terms lie inside them. */
@Service
public class AcademicYears {

    private final AcademicYearRepository years;
    private final TermRepository terms;

    AcademicYears(AcademicYearRepository years, TermRepository terms) {
        this.years = years;
        this.terms = terms;
    }

    public record YearDraft(String name, LocalDate startDate, LocalDate endDate, Integer sortOrder, Boolean enabled) {}

    @Transactional(readOnly = true)
    public List<AcademicYear> list(String nameContains, Boolean enabled) {
        return years.search(
                nameContains == null ? "" : nameContains.strip(), enabled == null, Boolean.TRUE.equals(enabled));
    }

    @Transactional(readOnly = true)
    public AcademicYear get(long id) {
        return years.findById(id).orElseThrow(() -> new ApiException(OrganizationError.ACADEMIC_YEAR_NOT_FOUND));
    }

    /** The year with its row locked until the transaction ends, so that changes to its terms run one at a time. */
    AcademicYear lock(long id) {
        return years.lockById(id).orElseThrow(() -> new ApiException(OrganizationError.ACADEMIC_YEAR_NOT_FOUND));
    }

    @Transactional
    public AcademicYear create(YearDraft draft, String actor) {
        String name = draft.name().strip();
        Terms.checkDates(draft.startDate(), draft.endDate());
        if (years.existsByName(name)) {
            throw new ApiException(OrganizationError.ACADEMIC_YEAR_NAME_TAKEN, name);
        }
        checkNoOverlap(draft, 0);
        AcademicYear year = new AcademicYear(
                name, draft.startDate(), draft.endDate(), draft.sortOrder() == null ? 0 : draft.sortOrder(), actor);
        return flushed(year, name);
    }

    @Transactional
    public AcademicYear update(long id, YearDraft draft, String actor) {
        AcademicYear year = lock(id);
        String name = draft.name().strip();
        Terms.checkDates(draft.startDate(), draft.endDate());
        if (years.existsByNameAndIdNot(name, id)) {
            throw new ApiException(OrganizationError.ACADEMIC_YEAR_NAME_TAKEN, name);
        }
        checkNoOverlap(draft, id);
        long outside = terms.countOutside(id, draft.startDate(), draft.endDate());
        if (outside > 0) {
            throw new ApiException(OrganizationError.ACADEMIC_YEAR_TERMS_OUTSIDE, outside);
        }
        year.update(
                name,
                draft.startDate(),
                draft.endDate(),
                draft.sortOrder() == null ? year.getSortOrder() : draft.sortOrder(),
                draft.enabled() == null ? year.isEnabled() : draft.enabled(),
                actor);
        return flushed(year, name);
    }

    /** Refused with ACADEMIC_YEAR_IN_USE while the year has terms. */
    @Transactional
    public void delete(long id) {
        AcademicYear year = lock(id);
        long count = terms.countByAcademicYearId(id);
        if (count > 0) {
            throw new ApiException(OrganizationError.ACADEMIC_YEAR_IN_USE, count);
        }
        years.delete(year);
    }

    private void checkNoOverlap(YearDraft draft, long exceptId) {
        years.overlapping(draft.startDate(), draft.endDate(), exceptId).stream()
                .findFirst()
                .ifPresent(other -> {
                    throw new ApiException(OrganizationError.ACADEMIC_YEAR_OVERLAP, " (" + other.getName() + ")");
                });
    }

    /** Writes now, so that a parallel request that passed the same checks meets the database's constraints here. */
    private AcademicYear flushed(AcademicYear year, String name) {
        try {
            return years.saveAndFlush(year);
        } catch (DataIntegrityViolationException e) {
            if (Terms.violated(e, "academic_year_no_overlap")) {
                throw new ApiException(OrganizationError.ACADEMIC_YEAR_OVERLAP, "");
            }
            throw new ApiException(OrganizationError.ACADEMIC_YEAR_NAME_TAKEN, name);
        }
    }
}
