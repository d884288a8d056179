package cn.campuspass.registrant;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ImportJobRepository extends JpaRepository<ImportJob, UUID> {

    Page<ImportJob> findByKind(String kind, Pageable page);
}
