package cn.campuspass.organization;

import cn.campuspass.platform.error.ApiException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Terms (学期) of the current school's academic years (A3.5), and the term a day falls in ({@link #termOf}), which
 * other modules use to group by term (the violation leaderboards).
 *
 * <p>A term lies inside its year's dates and shares no day with another term of its year. Every change to a year's
 * terms first locks the year's row, so two parallel requests are checked one after the other; the table's exclusion
 * constraint backs this up.
 */
@Service
public class Terms {

    private final TermRepository terms;
    private final AcademicYears years;

    Terms(TermRepository terms, AcademicYears years) {
        this.terms = terms;
        this.years = years;
    }

    public record TermDraft(
            Long academicYearId,
            String name,
            LocalDate startDate,
            LocalDate endDate,
            Integer sortOrder,
            Boolean enabled) {}

    /** The term a day falls in, with its year. */
    public record TermOfDate(
            long termId,
            String termName,
            long academicYearId,
            String academicYearName,
            LocalDate startDate,
            LocalDate endDate) {}

    /**
     * The enabled term of an enabled year that contains {@code date}, if any (needs the school bound, like every
     * school-data call). Years do not overlap and neither do the terms of one year, so there is at most one.
     */
    @Transactional(readOnly = true)
    public Optional<TermOfDate> termOf(LocalDate date) {
        return terms.enabledOn(date).stream().findFirst().map(t -> {
            AcademicYear year = years.get(t.getAcademicYearId());
            return new TermOfDate(
                    t.getId(), t.getName(), year.getId(), year.getName(), t.getStartDate(), t.getEndDate());
        });
    }

    @Transactional(readOnly = true)
    public List<Term> list(Long academicYearId, String nameContains, Boolean enabled) {
        return terms.search(
                academicYearId == null ? 0 : academicYearId,
                nameContains == null ? "" : nameContains.strip(),
                enabled == null,
                Boolean.TRUE.equals(enabled));
    }

    @Transactional(readOnly = true)
    public Term get(long id) {
        return terms.findById(id).orElseThrow(() -> new ApiException(OrganizationError.TERM_NOT_FOUND));
    }

    @Transactional
    public Term create(TermDraft draft, String actor) {
        String name = draft.name().strip();
        checkDates(draft.startDate(), draft.endDate());
        AcademicYear year = years.lock(draft.academicYearId());
        check(year, name, draft, 0);
        Term term = new Term(
                year.getId(),
                name,
                draft.startDate(),
                draft.endDate(),
                draft.sortOrder() == null ? 0 : draft.sortOrder(),
                actor);
        return flushed(term, name);
    }

    @Transactional
    public Term update(long id, TermDraft draft, String actor) {
        Term term = get(id);
        String name = draft.name().strip();
        checkDates(draft.startDate(), draft.endDate());
        AcademicYear year =
                years.lock(draft.academicYearId() == null ? term.getAcademicYearId() : draft.academicYearId());
        check(year, name, draft, id);
        term.update(
                year.getId(),
                name,
                draft.startDate(),
                draft.endDate(),
                draft.sortOrder() == null ? term.getSortOrder() : draft.sortOrder(),
                draft.enabled() == null ? term.isEnabled() : draft.enabled(),
                actor);
        return flushed(term, name);
    }

    @Transactional
    public void delete(long id) {
        terms.delete(get(id));
    }

    /** Called with the year's row locked. */
    private void check(AcademicYear year, String name, TermDraft draft, long exceptId) {
        if (draft.startDate().isBefore(year.getStartDate()) || draft.endDate().isAfter(year.getEndDate())) {
            throw new ApiException(
                    OrganizationError.TERM_OUTSIDE_YEAR, year.getName(), year.getStartDate(), year.getEndDate());
        }
        if (terms.existsByAcademicYearIdAndNameAndIdNot(year.getId(), name, exceptId)) {
            throw new ApiException(OrganizationError.TERM_NAME_TAKEN, name);
        }
        terms.overlapping(year.getId(), draft.startDate(), draft.endDate(), exceptId).stream()
                .findFirst()
                .ifPresent(other -> {
                    throw new ApiException(OrganizationError.TERM_OVERLAP, " (" + other.getName() + ")");
                });
    }

    private Term flushed(Term term, String name) {
        try {
            return terms.saveAndFlush(term);
        } catch (DataIntegrityViolationException e) {
            if (violated(e, "term_no_overlap")) {
                throw new ApiException(OrganizationError.TERM_OVERLAP, "");
            }
            throw new ApiException(OrganizationError.TERM_NAME_TAKEN, name);
        }
    }

    static void checkDates(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new ApiException(OrganizationError.DATES_REVERSED);
        }
    }

    static boolean violated(DataIntegrityViolationException e, String constraint) {
        String message = e.getMostSpecificCause().getMessage();
        return message != null && message.contains(constraint);
    }
}
