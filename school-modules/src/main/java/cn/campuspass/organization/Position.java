package cn.campuspass.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A position (职位) a staff user holds, such as 保卫处处长 or 门岗班长 (A3.2). */
@Entity
@Table(name = "job_position")
public class Position extends OrganizationUnit {

    @Column(length = 200)
    private String description;

    protected Position() {}

    Position(String name, String description, int sortOrder, String actor) {
        super(name, sortOrder, actor);
        this.description = description;
    }

    void update(String name, String description, int sortOrder, boolean enabled, String actor) {
        updateCommon(name, sortOrder, enabled, actor);
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
