package cn.campuspass.organization;

import cn.campuspass.platform.error.ApiException;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Positions (职位) of the current school (A3.2); staff users refer to them (staff_user.position_id). */
@Service
public class Positions {

    private final PositionRepository positions;

    Positions(PositionRepository positions) {
        this.positions = positions;
    }

    public record PositionDraft(String name, String description, Integer sortOrder, Boolean enabled) {}

    /** Positions whose name contains {@code nameContains} (any when blank) with status {@code enabled} (any: null). */
    @Transactional(readOnly = true)
    public List<Position> list(String nameContains, Boolean enabled) {
        String name = nameContains == null ? "" : nameContains.strip();
        return positions.search(name, enabled == null, enabled != null && enabled);
    }

    @Transactional(readOnly = true)
    public Position get(long id) {
        return positions.findById(id).orElseThrow(() -> new ApiException(OrganizationError.POSITION_NOT_FOUND));
    }

    @Transactional
    public Position create(PositionDraft draft, String actor) {
        String name = draft.name().strip();
        if (positions.existsByName(name)) {
            throw new ApiException(OrganizationError.POSITION_NAME_TAKEN, name);
        }
        try {
            return positions.saveAndFlush(new Position(
                    name,
                    Departments.blankToNull(draft.description()),
                    draft.sortOrder() == null ? 0 : draft.sortOrder(),
                    actor));
        } catch (DataIntegrityViolationException e) {
            // Another request created the same name between the check and the insert.
            throw new ApiException(OrganizationError.POSITION_NAME_TAKEN, name);
        }
    }

    @Transactional
    public Position update(long id, PositionDraft draft, String actor) {
        Position position = get(id);
        String name = draft.name().strip();
        if (positions.existsByNameAndIdNot(name, id)) {
            throw new ApiException(OrganizationError.POSITION_NAME_TAKEN, name);
        }
        position.update(
                name,
                Departments.blankToNull(draft.description()),
                draft.sortOrder() == null ? position.getSortOrder() : draft.sortOrder(),
                draft.enabled() == null ? position.isEnabled() : draft.enabled(),
                actor);
        return position;
    }

    /** Refused with POSITION_IN_USE while a staff user holds the position (the foreign key says so). */
    @Transactional
    public void delete(long id) {
        positions.delete(get(id));
        try {
            positions.flush();
        } catch (DataIntegrityViolationException e) {
            throw new ApiException(OrganizationError.POSITION_IN_USE);
        }
    }
}
