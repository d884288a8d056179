package cn.campuspass.visitor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A visitor: a WeChat user of the school's official account who books visits. The openid is the account (no
 * registration); the profile (avatar, name, phone, ID card number) is filled in at the first booking or on the
 * profile page and prefilled into every booking. Phone and ID card number are held sealed with blind indexes and
 * masked forms, like a registrant's phone.
 */
@Entity
@Table(name = "visitor")
public class Visitor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "wechat_openid", length = 64)
    private String wechatOpenid;

    @Column(name = "avatar_key", length = 200)
    private String avatarKey;

    @Column(length = 50)
    private String name;

    @Column(name = "phone_encrypted")
    private String phoneEncrypted;

    @Column(name = "phone_index", length = 64)
    private String phoneIndex;

    @Column(name = "phone_masked", length = 11)
    private String phoneMasked;

    @Column(name = "id_number_encrypted")
    private String idNumberEncrypted;

    @Column(name = "id_number_index", length = 64)
    private String idNumberIndex;

    @Column(name = "id_number_masked", length = 18)
    private String idNumberMasked;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.now();

    @Column(name = "purged_at")
    private Instant purgedAt;

    protected Visitor() {}

    Visitor(String wechatOpenid) {
        this.wechatOpenid = wechatOpenid;
    }

    /** A sealed personal value as the row stores it. */
    record Sealed(String encrypted, String index, String masked) {}

    void changeName(String name) {
        this.name = name;
        touch();
    }

    void changeAvatar(String avatarKey) {
        this.avatarKey = avatarKey;
        touch();
    }

    void changePhone(Sealed phone) {
        this.phoneEncrypted = phone.encrypted();
        this.phoneIndex = phone.index();
        this.phoneMasked = phone.masked();
        touch();
    }

    void changeIdNumber(Sealed idNumber) {
        this.idNumberEncrypted = idNumber.encrypted();
        this.idNumberIndex = idNumber.index();
        this.idNumberMasked = idNumber.masked();
        touch();
    }

    /** Whether the details a booking needs are all there (V1.1 a: a first booking asks for them). */
    public boolean complete() {
        return name != null && phoneIndex != null && idNumberIndex != null;
    }

    private void touch() {
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getWechatOpenid() {
        return wechatOpenid;
    }

    public String getAvatarKey() {
        return avatarKey;
    }

    public String getName() {
        return name;
    }

    public String getPhoneEncrypted() {
        return phoneEncrypted;
    }

    public String getPhoneIndex() {
        return phoneIndex;
    }

    public String getPhoneMasked() {
        return phoneMasked;
    }

    public String getIdNumberEncrypted() {
        return idNumberEncrypted;
    }

    public String getIdNumberIndex() {
        return idNumberIndex;
    }

    public String getIdNumberMasked() {
        return idNumberMasked;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getPurgedAt() {
        return purgedAt;
    }
}
