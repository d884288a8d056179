package cn.campuspass.organization;

import cn.campuspass.platform.error.ApiException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Campus operations of the current school (the school comes from the bound context via Hibernate's tenant). */
@Service
public class Campuses {

    private final CampusRepository campuses;

    Campuses(CampusRepository campuses) {
        this.campuses = campuses;
    }

    public record CampusDraft(String name, String address, Integer sortOrder, Boolean enabled) {}

    @Transactional(readOnly = true)
    public List<Campus> list() {
        return campuses.findAllByOrderBySortOrderAscIdAsc();
    }

    @Transactional(readOnly = true)
    public Campus get(long id) {
        return campuses.findById(id).orElseThrow(() -> new ApiException(OrganizationError.CAMPUS_NOT_FOUND));
    }

    @Transactional
    public Campus create(CampusDraft draft, String actor) {
        String name = draft.name().strip();
        if (campuses.existsByName(name)) {
            throw new ApiException(OrganizationError.CAMPUS_NAME_TAKEN, name);
        }
        return campuses.save(
                new Campus(name, draft.address(), draft.sortOrder() == null ? 0 : draft.sortOrder(), actor));
    }

    @Transactional
    public Campus update(long id, CampusDraft draft, String actor) {
        Campus campus = get(id);
        String name = draft.name().strip();
        if (campuses.existsByNameAndIdNot(name, id)) {
            throw new ApiException(OrganizationError.CAMPUS_NAME_TAKEN, name);
        }
        campus.update(
                name,
                draft.address(),
                draft.sortOrder() == null ? campus.getSortOrder() : draft.sortOrder(),
                draft.enabled() == null ? campus.isEnabled() : draft.enabled(),
                actor);
        return campus;
    }

    @Transactional
    public void delete(long id) {
        Campus campus = get(id);
        long gates = campuses.countGates(id);
        if (gates > 0) {
            throw new ApiException(OrganizationError.CAMPUS_IN_USE, gates);
        }
        campuses.delete(campus);
    }
}
