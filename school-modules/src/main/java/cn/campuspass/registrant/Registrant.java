package cn.campuspass.registrant;

import cn.campuspass.platform.error.ApiException;
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
import java.util.Optional;

/**
 * A registrant of the school. The phone is held encrypted; lists show {@link #getPhoneMasked()}.
 *
 * <p>Invariants kept here: only a teacher can hold visitor authorization (it is dropped when the identity changes
 * away from teacher); a disabled registrant has no WeChat binding (disabling signs the person out of the portal
 * for good, and after re-enabling they bind again by logging in).
 */
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

    @Column(name = "id_tail_encrypted")
    private String idTailEncrypted;

    @Column(name = "id_tail_index", length = 64)
    private String idTailIndex;

    @Column(name = "id_tail_masked", length = 6)
    private String idTailMasked;

    @Column(name = "department_id", nullable = false)
    private Long departmentId;

    @Column(name = "managed_department_id")
    private Long managedDepartmentId;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "visitor_authorized", nullable = false)
    private boolean visitorAuthorized;

    @Column(name = "wechat_openid", length = 64)
    private String wechatOpenid;

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
            IdTails.Sealed idTail,
            Long departmentId,
            Long managedDepartmentId) {
        this.name = name;
        this.identity = identity;
        this.identityTypeId = identityTypeId;
        this.number = number;
        this.phoneEncrypted = phoneEncrypted;
        this.phoneIndex = phoneIndex;
        this.phoneMasked = phoneMasked;
        changeIdTail(idTail == null ? IdTails.Sealed.NONE : idTail);
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

    /** {@code ****5X}, or null when no tail is stored. */
    public String getIdTailMasked() {
        return idTailMasked;
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

    public Long getIdentityTypeId() {
        return identityTypeId;
    }

    public boolean isVisitorAuthorized() {
        return visitorAuthorized;
    }

    /** The bound WeChat account, or null when the registrant has not registered through the portal. */
    public String getWechatOpenid() {
        return wechatOpenid;
    }

    public boolean isRegistered() {
        return wechatOpenid != null;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    String getPhoneEncrypted() {
        return phoneEncrypted;
    }

    String getPhoneIndex() {
        return phoneIndex;
    }

    /** Replaces the editable details. Changing a teacher to another identity withdraws visitor authorization. */
    void update(
            String name,
            Identity identity,
            Long identityTypeId,
            String number,
            Long departmentId,
            Long managedDepartmentId) {
        this.name = name;
        this.identity = identity;
        this.identityTypeId = identityTypeId;
        this.number = number;
        this.departmentId = departmentId;
        this.managedDepartmentId = managedDepartmentId;
        if (identity != Identity.TEACHER) {
            this.visitorAuthorized = false;
        }
        touch();
    }

    String getIdTailEncrypted() {
        return idTailEncrypted;
    }

    void changeIdTail(IdTails.Sealed tail) {
        this.idTailEncrypted = tail.encrypted();
        this.idTailIndex = tail.index();
        this.idTailMasked = tail.masked();
        touch();
    }

    void changePhone(String phoneEncrypted, String phoneIndex, String phoneMasked) {
        this.phoneEncrypted = phoneEncrypted;
        this.phoneIndex = phoneIndex;
        this.phoneMasked = phoneMasked;
        touch();
    }

    void enable() {
        if (!enabled) {
            enabled = true;
            touch();
        }
    }

    /** Disables the registrant and drops the WeChat binding; answers the openid that was unbound, if any. */
    Optional<String> disable() {
        if (enabled) {
            enabled = false;
            touch();
        }
        return unbindWeChat();
    }

    /** Drops the WeChat binding; answers the openid that was unbound, if there was one. */
    Optional<String> unbindWeChat() {
        String openid = wechatOpenid;
        if (openid != null) {
            wechatOpenid = null;
            touch();
        }
        return Optional.ofNullable(openid);
    }

    /** Lets visitors book visits to this registrant (A4.2, R4.2). Teachers only. */
    void authorizeVisitors() {
        if (identity != Identity.TEACHER) {
            throw new ApiException(RegistrantError.VISITOR_AUTHORIZATION_TEACHERS_ONLY);
        }
        if (!visitorAuthorized) {
            visitorAuthorized = true;
            touch();
        }
    }

    /** Withdraws visitor authorization. Teachers only, like granting it, so the console's rule is one rule. */
    void revokeVisitorAuthorization() {
        if (identity != Identity.TEACHER) {
            throw new ApiException(RegistrantError.VISITOR_AUTHORIZATION_TEACHERS_ONLY);
        }
        if (visitorAuthorized) {
            visitorAuthorized = false;
            touch();
        }
    }

    private void touch() {
        updatedAt = Instant.now();
    }
}
