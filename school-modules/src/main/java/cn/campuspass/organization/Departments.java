package cn.campuspass.organization;

import cn.campuspass.platform.error.ApiException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Departments of the current school (A3.2). Other modules look departments up by name through this facade. */
@Service
public class Departments {

    private final DepartmentRepository departments;

    Departments(DepartmentRepository departments) {
        this.departments = departments;
    }

    public record DepartmentDraft(String name, Long parentId, String description, Integer sortOrder, Boolean enabled) {}

    @Transactional(readOnly = true)
    public List<Department> list(String nameContains) {
        return nameContains == null || nameContains.isBlank()
                ? departments.findAllByOrderBySortOrderAscIdAsc()
                : departments.findByNameContainingOrderBySortOrderAscIdAsc(nameContains.strip());
    }

    @Transactional(readOnly = true)
    public Department get(long id) {
        return departments.findById(id).orElseThrow(() -> new ApiException(OrganizationError.DEPARTMENT_NOT_FOUND));
    }

    @Transactional(readOnly = true)
    public Optional<Long> idByName(String name) {
        return departments
                .findByName(name.strip())
                .filter(Department::isEnabled)
                .map(Department::getId);
    }

    @Transactional
    public Department create(DepartmentDraft draft, String actor) {
        String name = draft.name().strip();
        if (departments.existsByName(name)) {
            throw new ApiException(OrganizationError.DEPARTMENT_NAME_TAKEN, name);
        }
        checkParent(null, draft.parentId());
        return departments.save(new Department(
                name,
                draft.parentId(),
                blankToNull(draft.description()),
                draft.sortOrder() == null ? 0 : draft.sortOrder(),
                actor));
    }

    @Transactional
    public Department update(long id, DepartmentDraft draft, String actor) {
        Department department = get(id);
        String name = draft.name().strip();
        if (departments.existsByNameAndIdNot(name, id)) {
            throw new ApiException(OrganizationError.DEPARTMENT_NAME_TAKEN, name);
        }
        checkParent(id, draft.parentId());
        department.update(
                name,
                draft.parentId(),
                blankToNull(draft.description()),
                draft.sortOrder() == null ? department.getSortOrder() : draft.sortOrder(),
                draft.enabled() == null ? department.isEnabled() : draft.enabled(),
                actor);
        return department;
    }

    @Transactional
    public void delete(long id) {
        Department department = get(id);
        long children = departments.countByParentId(id);
        if (children > 0) {
            throw new ApiException(OrganizationError.DEPARTMENT_IN_USE, children);
        }
        departments.delete(department);
        try {
            departments.flush();
        } catch (DataIntegrityViolationException e) {
            // Registrants or staff users (the departments they run) still refer to it.
            throw new ApiException(OrganizationError.DEPARTMENT_REFERENCED);
        }
    }

    /** The managing department must exist and must not be the department itself or one it manages. */
    private void checkParent(Long id, Long parentId) {
        Long current = parentId;
        for (int depth = 0; current != null; depth++) {
            if (current.equals(id) || depth > 50) {
                throw new ApiException(OrganizationError.DEPARTMENT_CYCLE);
            }
            current = get(current).getParentId();
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
