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

/** A registrant of the school. The phone is held encrypted; lists show {@link #getPhoneMasked()}. */
@Entity
@Table(name = "registrant")
public class Registrant {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 50)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Identity identity;

    @Column(name = "identity_type_id")
    private Long identityTypeId;

    @Column(nullable = false, length = 32)
    private String number;

    @Column(name = "phone_encrypted", nullable = false)
    private String phoneEncrypted;

    @Column(name = "phone_index", nullable = false, length = 64)
    private String phoneIndex;

    @Column(name = "phone_masked", nullable = false, length = 11)
    private String phoneMasked;

    @Column(name = "id_tail", length = 6)
    private String idTail;

    @Column(name = "department_id", nullable = false)
    private Long departmentId;

    @Column(name = "managed_department_id")
    private Long managedDepartmentId;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    protected Registrant() {}

    Registrant(
            String name,
            Identity identity,
            Long identityTypeId,
            String number,
            String phoneEncrypted,
            String phoneIndex,
            String phoneMasked,
            String idTail,
            Long departmentId,
            Long managedDepartmentId) {
        this.name = name;
        this.identity = identity;
        this.identityTypeId = identityTypeId;
        this.number = number;
        this.phoneEncrypted = phoneEncrypted;
        this.phoneIndex = phoneIndex;
        this.phoneMasked = phoneMasked;
        this.idTail = idTail;
        this.departmentId = departmentId;
        this.managedDepartmentId = managedDepartmentId;
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

    public String getNumber() {
        return number;
    }

    public String getPhoneMasked() {
        return phoneMasked;
    }

    public String getIdTail() {
        return idTail;
    }

    public Long getDepartmentId() {
        return departmentId;
    }

    public Long getManagedDepartmentId() {
        return managedDepartmentId;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
