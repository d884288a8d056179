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

    @Column(length = 200)
    private String description;

    protected Department() {}

    Department(String name, Long parentId, String description, int sortOrder, String actor) {
        super(name, sortOrder, actor);
        this.parentId = parentId;
        this.description = description;
    }

    void update(String name, Long parentId, String description, int sortOrder, boolean enabled, String actor) {
        updateCommon(name, sortOrder, enabled, actor);
        this.parentId = parentId;
        this.description = description;
    }

    public Long getParentId() {
        return parentId;
    }

    public String getDescription() {
        return description;
    }
}
