package cn.campuspass.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A term (学期) of one academic year, inside the year's dates and overlapping no other term of it (A3.5). */
@Entity
@Table(name = "term")
public class Term extends OrganizationUnit {

    @Column(name = "academic_year_id", nullable = false)
    private Long academicYearId;

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    private LocalDate endDate;

    protected Term() {}

    Term(Long academicYearId, String name, LocalDate startDate, LocalDate endDate, int sortOrder, String actor) {
        super(name, sortOrder, actor);
        this.academicYearId = academicYearId;
        this.startDate = startDate;
        this.endDate = endDate;
    }

    void update(
            Long academicYearId,
            String name,
            LocalDate startDate,
            LocalDate endDate,
            int sortOrder,
            boolean enabled,
            String actor) {
        updateCommon(name, sortOrder, enabled, actor);
        this.academicYearId = academicYearId;
        this.startDate = startDate;
        this.endDate = endDate;
    }

    public Long getAcademicYearId() {
        return academicYearId;
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public LocalDate getEndDate() {
        return endDate;
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(startDate) && !date.isAfter(endDate);
    }
}
