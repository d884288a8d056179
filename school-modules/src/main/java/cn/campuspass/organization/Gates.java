package cn.campuspass.organization;

import cn.campuspass.platform.error.ApiException;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Gate operations of the current school (A3.1). */
@Service
public class Gates {

    private final GateRepository gates;
    private final Campuses campuses;

    Gates(GateRepository gates, Campuses campuses) {
        this.gates = gates;
        this.campuses = campuses;
    }

    public record GateDraft(Long campusId, String name, Integer sortOrder, Boolean enabled) {}

    @Transactional(readOnly = true)
    public List<Gate> list(Long campusId) {
        return campusId == null
                ? gates.findAllByOrderByCampusIdAscSortOrderAscIdAsc()
                : gates.findByCampusIdOrderBySortOrderAscIdAsc(campusId);
    }

    @Transactional(readOnly = true)
    public Gate get(long id) {
        return gates.findById(id).orElseThrow(() -> new ApiException(OrganizationError.GATE_NOT_FOUND));
    }

    @Transactional
    public Gate create(GateDraft draft, String actor) {
        campuses.get(draft.campusId());
        String name = draft.name().strip();
        if (gates.existsByCampusIdAndName(draft.campusId(), name)) {
            throw new ApiException(OrganizationError.GATE_NAME_TAKEN, name);
        }
        return gates.save(new Gate(draft.campusId(), name, draft.sortOrder() == null ? 0 : draft.sortOrder(), actor));
    }

    @Transactional
    public Gate update(long id, GateDraft draft, String actor) {
        Gate gate = get(id);
        Long campusId = draft.campusId() == null ? gate.getCampusId() : draft.campusId();
        campuses.get(campusId);
        String name = draft.name().strip();
        if (gates.existsByCampusIdAndNameAndIdNot(campusId, name, id)) {
            throw new ApiException(OrganizationError.GATE_NAME_TAKEN, name);
        }
        gate.update(
                campusId,
                name,
                draft.sortOrder() == null ? gate.getSortOrder() : draft.sortOrder(),
                draft.enabled() == null ? gate.isEnabled() : draft.enabled(),
                actor);
        return gate;
    }

    /** Refused with GATE_IN_USE while access rules or gate devices still refer to the gate. */
    @Transactional
    public void delete(long id) {
        gates.delete(get(id));
        try {
            gates.flush();
        } catch (DataIntegrityViolationException e) {
            throw new ApiException(OrganizationError.GATE_IN_USE);
        }
    }
}
