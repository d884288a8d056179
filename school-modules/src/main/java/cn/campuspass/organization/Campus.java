package cn.campuspass.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A campus (校区) of the school. */
@Entity
@Table(name = "campus")
public class Campus extends OrganizationUnit {

    @Column(length = 200)
    private String address;

    protected Campus() {}

    Campus(String name, String address, int sortOrder, String actor) {
        super(name, sortOrder, actor);
        this.address = address;
    }

    void update(String name, String address, int sortOrder, boolean enabled, String actor) {
        updateCommon(name, sortOrder, enabled, actor);
        this.address = address;
    }

    public String getAddress() {
        return address;
    }
}
