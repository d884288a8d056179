package cn.campuspass.organization;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TermRepository extends JpaRepository<Term, Long> {

    /** Terms of year {@code yearId} (any when 0), name containing {@code name}, status {@code enabled} (or any). */
    @Query("""
            select t from Term t
            where (:yearId = 0 or t.academicYearId = :yearId)
              and (:name = '' or t.name like concat('%', :name, '%'))
              and (:anyStatus = true or t.enabled = :enabled)
            order by t.startDate desc, t.id""")
    List<Term> search(
            @Param("yearId") long yearId,
            @Param("name") String name,
            @Param("anyStatus") boolean anyStatus,
            @Param("enabled") boolean enabled);

    /** Terms of the year other than {@code exceptId} sharing a day with [start, end]. */
    @Query("""
            select t from Term t
            where t.academicYearId = :yearId and t.id <> :exceptId and t.startDate <= :end and t.endDate >= :start
            order by t.startDate""")
    List<Term> overlapping(
            @Param("yearId") long yearId,
            @Param("start") LocalDate start,
            @Param("end") LocalDate end,
            @Param("exceptId") long exceptId);

    /** Enabled terms of enabled years that contain the day (at most one: years and their terms do not overlap). */
    @Query("""
            select t from Term t, AcademicYear y
            where y.id = t.academicYearId and t.enabled = true and y.enabled = true
              and t.startDate <= :date and t.endDate >= :date
            order by t.startDate""")
    List<Term> enabledOn(@Param("date") LocalDate date);

    /** Terms of the year that do not fit in [start, end]. */
    @Query("""
            select count(t) from Term t
            where t.academicYearId = :yearId and (t.startDate < :start or t.endDate > :end)""")
    long countOutside(@Param("yearId") long yearId, @Param("start") LocalDate start, @Param("end") LocalDate end);

    long countByAcademicYearId(Long academicYearId);

    boolean existsByAcademicYearIdAndNameAndIdNot(Long academicYearId, String name, Long id);
}
