package cn.campuspass.organization;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PositionRepository extends JpaRepository<Position, Long> {

    /** Name containing {@code name} (any when empty) and status {@code enabled} (any when null). */
    @Query("""
            select p from Position p
            where (:name = '' or p.name like concat('%', :name, '%'))
              and (:anyStatus = true or p.enabled = :enabled)
            order by p.sortOrder, p.id""")
    List<Position> search(
            @Param("name") String name, @Param("anyStatus") boolean anyStatus, @Param("enabled") boolean enabled);

    boolean existsByName(String name);

    boolean existsByNameAndIdNot(String name, Long id);
}
