package cn.campuspass.registrant;

import cn.campuspass.platform.school.Identity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A sub-type of a registrant identity (A4.1, 身份类型), e.g. 在编教师 under teacher or 施工人员 under third party. A
 * disabled type stays on the registrants that have it but cannot be given to anyone else.
 */
@Entity
@Table(name = "identity_type")
public class IdentityType {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 50)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Identity identity;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Column(name = "updated_by", length = 100)
    private String updatedBy;

    protected IdentityType() {}

    IdentityType(String name, Identity identity, boolean enabled, String actor) {
        this.name = name;
        this.identity = identity;
        this.enabled = enabled;
        this.updatedBy = actor;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Identity getIdentity() {
        return identity;
    }

    public boolean isEnabled() {
        return enabled;
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

    void update(String name, Identity identity, boolean enabled, String actor) {
        this.name = name;
        this.identity = identity;
        this.enabled = enabled;
        touch(actor);
    }

    void setEnabled(boolean enabled, String actor) {
        if (this.enabled != enabled) {
            this.enabled = enabled;
            touch(actor);
        }
    }

    private void touch(String actor) {
        this.updatedAt = Instant.now();
        this.updatedBy = actor;
    }
}
