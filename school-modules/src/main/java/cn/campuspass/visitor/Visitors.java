package cn.campuspass.visitor;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiError.FieldProblem;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Visitor accounts and profiles (V1, V3). A WeChat openid signs in without registration ({@link #signIn} makes the
 * row on first sight, race-free through the unique openid); the profile holds avatar, name, phone and ID card
 * number, the last two sealed with blind indexes and shown masked.
 */
@Service
public class Visitors {

    /** The fields the phone and the ID card number are sealed for. */
    public static final String PHONE_FIELD = "visitor.phone";

    public static final String ID_NUMBER_FIELD = "visitor.id_number";
    static final Duration AVATAR_URL_TTL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(Visitors.class);

    private final VisitorRepository visitors;
    private final SchoolJdbc jdbc;
    private final FieldCipher cipher;
    private final ObjectStore store;

    Visitors(VisitorRepository visitors, SchoolJdbc jdbc, FieldCipher cipher, ObjectStore store) {
        this.visitors = visitors;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.store = store;
    }

    /** The visitor's own profile as the portal shows it: masked values, whether a booking can skip the details. */
    public record Profile(
            long id, String avatarUrl, String name, String phoneMasked, String idNumberMasked, boolean complete) {}

    /** What the visitor typed on the profile page or the first booking; null fields are left as they are. */
    public record ProfileDraft(String name, String phone, String idNumber) {}

    /** The visitor of this openid, created on first sign-in. */
    @Transactional
    public long signIn(String openid) {
        if (openid == null || openid.isBlank() || openid.length() > 64) {
            throw new ApiException(VisitorError.VISITOR_NOT_SIGNED_IN);
        }
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO visitor (wechat_openid) VALUES (?) ON CONFLICT (wechat_openid) DO NOTHING")) {
                ps.setString(1, openid);
                return ps.executeUpdate();
            }
        });
        return visitors.findByWechatOpenid(openid)
                .orElseThrow(() -> new ApiException(VisitorError.VISITOR_NOT_FOUND))
                .getId();
    }

    @Transactional(readOnly = true)
    public Profile profile(long visitorId) {
        return profileOf(load(visitorId));
    }

    @Transactional
    public Profile update(long visitorId, ProfileDraft draft) {
        Visitor visitor = load(visitorId);
        apply(visitor, draft);
        return profileOf(visitor);
    }

    /** A new avatar (JPEG, PNG, WebP up to 5 MB, typed by its bytes); the old image is deleted. */
    @Transactional
    public Profile changeAvatar(long visitorId, byte[] image) {
        Visitor visitor = load(visitorId);
        SchoolCode school = SchoolContext.require();
        String type = UploadPolicy.PORTAL_PHOTO.sniff(
                image.length, Arrays.copyOf(image, Math.min(image.length, UploadPolicy.HEAD_BYTES)));
        String key = "visitor-avatars/" + visitorId + "/" + UUID.randomUUID() + "." + UploadPolicy.extension(type);
        store.prepareSchool(school);
        store.put(school, key, new ByteArrayInputStream(image), image.length, type);
        String old = visitor.getAvatarKey();
        visitor.changeAvatar(key);
        if (old != null) {
            try {
                store.delete(school, old);
            } catch (RuntimeException e) {
                log.warn("Could not delete the replaced visitor avatar {} of school {}", old, school.value(), e);
            }
        }
        return profileOf(visitor);
    }

    /**
     * Applies typed details (checked; null fields kept) to the visitor; used by the profile page and by a booking
     * that carries details. Throws {@code VISITOR_INVALID} naming the wrong fields.
     */
    void apply(Visitor visitor, ProfileDraft draft) {
        if (draft == null) {
            return;
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = null;
        if (draft.name() != null) {
            name = draft.name().strip();
            if (name.isEmpty() || name.length() > 50) {
                problems.add(new FieldProblem("name", "请填写姓名（最多50字）"));
            }
        }
        Optional<PhoneNumber> phone = Optional.empty();
        if (draft.phone() != null) {
            phone = PhoneNumber.parse(draft.phone());
            if (phone.isEmpty()) {
                problems.add(new FieldProblem("phone", "请填写正确的手机号"));
            }
        }
        Optional<IdCardNumber> idNumber = Optional.empty();
        if (draft.idNumber() != null) {
            idNumber = IdCardNumber.parse(draft.idNumber());
            if (idNumber.isEmpty()) {
                problems.add(new FieldProblem("idNumber", "请填写正确的18位身份证号"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.withFields(VisitorError.VISITOR_INVALID, problems);
        }
        String school = SchoolContext.require().value();
        if (name != null) {
            visitor.changeName(name);
        }
        phone.ifPresent(p -> visitor.changePhone(
                new Visitor.Sealed(cipher.encrypt(school, PHONE_FIELD, p.value()), phoneIndex(p), p.masked())));
        idNumber.ifPresent(n -> visitor.changeIdNumber(
                new Visitor.Sealed(cipher.encrypt(school, ID_NUMBER_FIELD, n.value()), idNumberIndex(n), n.masked())));
    }

    /** The phone's blind index; prefixed so that it never equals a registrant's index of the same digits. */
    String phoneIndex(PhoneNumber phone) {
        return cipher.blindIndex("visitor.phone:" + phone.value());
    }

    String idNumberIndex(IdCardNumber number) {
        return cipher.blindIndex("visitor.id_number:" + number.value());
    }

    Visitor load(long visitorId) {
        return visitors.findById(visitorId).orElseThrow(() -> new ApiException(VisitorError.VISITOR_NOT_FOUND));
    }

    private Profile profileOf(Visitor visitor) {
        String url = visitor.getAvatarKey() == null
                ? null
                : store.presignedGet(SchoolContext.require(), visitor.getAvatarKey(), AVATAR_URL_TTL);
        return new Profile(
                visitor.getId(),
                url,
                visitor.getName(),
                visitor.getPhoneMasked(),
                visitor.getIdNumberMasked(),
                visitor.complete());
    }
}
