package cn.campuspass.organization;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CampusRepository extends JpaRepository<Campus, Long> {

    List<Campus> findAllByOrderBySortOrderAscIdAsc();

    boolean existsByNameAndIdNot(String name, Long id);

    boolean existsByName(String name);

    @Query(value = "SELECT count(*) FROM gate WHERE campus_id = :campusId", nativeQuery = true)
    long countGates(Long campusId);
}
