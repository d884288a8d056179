package cn.campuspass.organization;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * What campuses, gates, departments and positions share: a name, an on/off switch, a sort order, timestamps and who
 * changed it last (操作人).
 */
@MappedSuperclass
public abstract class OrganizationUnit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Column(name = "updated_by", length = 100)
    private String updatedBy;

    protected OrganizationUnit() {}

    protected OrganizationUnit(String name, int sortOrder, String actor) {
        this.name = name;
        this.sortOrder = sortOrder;
        this.updatedBy = actor;
    }

    protected void updateCommon(String name, int sortOrder, boolean enabled, String actor) {
        this.name = name;
        this.sortOrder = sortOrder;
        this.enabled = enabled;
        this.updatedAt = Instant.now();
        this.updatedBy = actor;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public int getSortOrder() {
        return sortOrder;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }
}
