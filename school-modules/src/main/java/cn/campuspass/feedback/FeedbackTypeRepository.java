package cn.campuspass.feedback;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface FeedbackTypeRepository extends JpaRepository<FeedbackType, Long> {

    List<FeedbackType> findAllByOrderBySortOrderAscIdAsc();

    List<FeedbackType> findByEnabledTrueOrderBySortOrderAscIdAsc();

    boolean existsByName(String name);

    boolean existsByNameAndIdNot(String name, long id);
}
