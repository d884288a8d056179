package cn.campuspass.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** An academic year (学年) such as 2026-2027, from its first to its last day (both inclusive) (A3.5). */
@Entity
@Table(name = "academic_year")
public class AcademicYear extends OrganizationUnit {

    @Column(name = "start_date", nullable = false)
    private LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    private LocalDate endDate;

    protected AcademicYear() {}

    AcademicYear(String name, LocalDate startDate, LocalDate endDate, int sortOrder, String actor) {
        super(name, sortOrder, actor);
        this.startDate = startDate;
        this.endDate = endDate;
    }

    void update(String name, LocalDate startDate, LocalDate endDate, int sortOrder, boolean enabled, String actor) {
        updateCommon(name, sortOrder, enabled, actor);
        this.startDate = startDate;
        this.endDate = endDate;
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public LocalDate getEndDate() {
        return endDate;
    }
}
