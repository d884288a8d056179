package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RegistrantRepository extends JpaRepository<Registrant, Long> {

    @Query("select r.number from Registrant r where r.number in :numbers")
    List<String> findExistingNumbers(Collection<String> numbers);

    @Query("select r.phoneIndex from Registrant r where r.phoneIndex in :indexes")
    List<String> findExistingPhoneIndexes(Collection<String> indexes);

    @Query("""
            select r from Registrant r
            where (:identity is null or r.identity = :identity)
              and (:departmentId is null or r.departmentId = :departmentId)
              and (:text is null or r.name like :text or r.number like :text)
            order by r.id desc
            """)
    Page<Registrant> search(Identity identity, Long departmentId, String text, Pageable page);
}
