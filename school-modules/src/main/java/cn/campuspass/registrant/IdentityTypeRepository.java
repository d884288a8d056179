package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IdentityTypeRepository extends JpaRepository<IdentityType, Long> {

    List<IdentityType> findAllByOrderByIdentityAscIdAsc();

    boolean existsByIdentityAndNameAndIdNot(Identity identity, String name, Long id);

    Optional<IdentityType> findByIdentityAndName(Identity identity, String name);

    @Query(value = "SELECT count(*) FROM registrant WHERE identity_type_id = :id", nativeQuery = true)
    long countRegistrants(long id);

    /** Rows of {type id, registrants}, for types that have any. */
    @Query(
            value = "SELECT identity_type_id, count(*) FROM registrant WHERE identity_type_id IS NOT NULL"
                    + " GROUP BY identity_type_id",
            nativeQuery = true)
    List<Object[]> registrantCounts();
}
