package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registrant queries of the current school. */
@Service
public class Registrants {

    private final RegistrantRepository registrants;

    Registrants(RegistrantRepository registrants) {
        this.registrants = registrants;
    }

    public record Search(Identity identity, Long departmentId, String text, int page, int size) {}

    /** Newest first; {@code text} matches name or 学号/工号. */
    @Transactional(readOnly = true)
    public Page<Registrant> search(Search search) {
        String text = search.text() == null || search.text().isBlank()
                ? null
                : "%" + search.text().strip() + "%";
        return registrants.search(
                search.identity(),
                search.departmentId(),
                text,
                PageRequest.of(Math.max(0, search.page()), Math.min(Math.max(1, search.size()), 200)));
    }
}
