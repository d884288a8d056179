package cn.campuspass.organization;

import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AcademicYearRepository extends JpaRepository<AcademicYear, Long> {

    /** Name containing {@code name} (any when empty) and status {@code enabled} (any when {@code anyStatus}). */
    @Query("""
            select y from AcademicYear y
            where (:name = '' or y.name like concat('%', :name, '%'))
              and (:anyStatus = true or y.enabled = :enabled)
            order by y.startDate desc, y.id""")
    List<AcademicYear> search(
            @Param("name") String name, @Param("anyStatus") boolean anyStatus, @Param("enabled") boolean enabled);

    /** The year, its row locked until the transaction ends: term changes of one year run one after another. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select y from AcademicYear y where y.id = :id")
    Optional<AcademicYear> lockById(@Param("id") long id);

    /** Years other than {@code exceptId} sharing a day with [start, end]. */
    @Query("""
            select y from AcademicYear y
            where y.id <> :exceptId and y.startDate <= :end and y.endDate >= :start
            order by y.startDate""")
    List<AcademicYear> overlapping(
            @Param("start") LocalDate start, @Param("end") LocalDate end, @Param("exceptId") long exceptId);

    boolean existsByName(String name);

    boolean existsByNameAndIdNot(String name, Long id);
}
