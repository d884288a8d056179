package cn.campuspass.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A department or unit (部门/单位); {@code parentId} is the department that manages it (被分管部门). */
@Entity
@Table(name = "department")
public class Department extends OrganizationUnit {

    @Column(name = "parent_id")
    private Long parentId;

    protected Department() {}

    Department(String name, Long parentId, int sortOrder) {
        super(name, sortOrder);
        this.parentId = parentId;
    }

    void update(String name, Long parentId, int sortOrder, boolean enabled) {
        updateCommon(name, sortOrder, enabled);
        this.parentId = parentId;
    }

    public Long getParentId() {
        return parentId;
    }
}
