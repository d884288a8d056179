package cn.campuspass.registrant;

import org.springframework.data.jpa.repository.JpaRepository;

interface RegistrantRepository extends JpaRepository<Registrant, Long> {

    boolean existsByNumberAndIdNot(String number, long id);

    boolean existsByPhoneIndexAndIdNot(String phoneIndex, long id);
}
