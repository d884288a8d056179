package cn.campuspass.registrant;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ImportJobRepository extends JpaRepository<ImportJob, UUID> {}
