package cn.campuspass.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A gate (校门) of one campus. */
@Entity
@Table(name = "gate")
public class Gate extends OrganizationUnit {

    @Column(name = "campus_id", nullable = false)
    private Long campusId;

    protected Gate() {}

    Gate(Long campusId, String name, int sortOrder, String actor) {
        super(name, sortOrder, actor);
        this.campusId = campusId;
    }

    void update(Long campusId, String name, int sortOrder, boolean enabled, String actor) {
        updateCommon(name, sortOrder, enabled, actor);
        this.campusId = campusId;
    }

    public Long getCampusId() {
        return campusId;
    }
}
