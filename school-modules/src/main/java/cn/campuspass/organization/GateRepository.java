package cn.campuspass.organization;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface GateRepository extends JpaRepository<Gate, Long> {

    List<Gate> findAllByOrderByCampusIdAscSortOrderAscIdAsc();

    List<Gate> findByCampusIdOrderBySortOrderAscIdAsc(Long campusId);

    boolean existsByCampusIdAndName(Long campusId, String name);

    boolean existsByCampusIdAndNameAndIdNot(Long campusId, String name, Long id);
}
