package cn.campuspass.registrant;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A registrant's own avatar (头像, R4.10), set from the portal at most {@value #MAX_CHANGES} times: the count is kept
 * on the registrant and raised in the same conditional update that sets the new image, so two racing uploads cannot
 * both pass the limit. The image is typed by its bytes (JPEG, PNG, WebP; 5 MB) and read through presigned URLs.
 */
@Service
public class RegistrantAvatars {

    public static final int MAX_CHANGES = 2;
    static final Duration URL_TTL = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(RegistrantAvatars.class);

    private final SchoolJdbc jdbc;
    private final ObjectStore store;

    RegistrantAvatars(SchoolJdbc jdbc, ObjectStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** The avatar's presigned URL (null when none was set) and how many changes remain. */
    public record Avatar(String url, int changesLeft) {}

    @Transactional(readOnly = true)
    public Avatar of(long registrantId) {
        SchoolCode school = SchoolContext.require();
        Object[] row = read(registrantId);
        String key = (String) row[0];
        int changes = (Integer) row[1];
        return new Avatar(
                key == null ? null : store.presignedGet(school, key, URL_TTL), Math.max(0, MAX_CHANGES - changes));
    }

    /** Sets a new avatar; {@code AVATAR_CHANGE_LIMIT} (409) once it was changed {@value #MAX_CHANGES} times. */
    @Transactional
    public Avatar change(long registrantId, byte[] image) {
        SchoolCode school = SchoolContext.require();
        Object[] before = read(registrantId);
        if ((Integer) before[1] >= MAX_CHANGES) {
            throw new ApiException(RegistrantError.AVATAR_CHANGE_LIMIT, MAX_CHANGES);
        }
        String type = UploadPolicy.PORTAL_PHOTO.sniff(
                image.length, Arrays.copyOf(image, Math.min(image.length, UploadPolicy.HEAD_BYTES)));
        String key = "avatars/" + registrantId + "/" + UUID.randomUUID() + "." + UploadPolicy.extension(type);
        store.prepareSchool(school);
        store.put(school, key, new ByteArrayInputStream(image), image.length, type);
        int updated = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE registrant SET avatar_key = ?, avatar_changes = avatar_changes + 1, updated_at = now()"
                            + " WHERE id = ? AND avatar_changes < ?")) {
                ps.setString(1, key);
                ps.setLong(2, registrantId);
                ps.setInt(3, MAX_CHANGES);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            // Another upload took the last change meanwhile.
            store.delete(school, key);
            throw new ApiException(RegistrantError.AVATAR_CHANGE_LIMIT, MAX_CHANGES);
        }
        String old = (String) before[0];
        if (old != null) {
            try {
                store.delete(school, old);
            } catch (RuntimeException e) {
                log.warn("Could not delete the replaced avatar {} of school {}", old, school.value(), e);
            }
        }
        return of(registrantId);
    }

    private Object[] read(long registrantId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT avatar_key, avatar_changes FROM registrant WHERE id = ?")) {
                ps.setLong(1, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(RegistrantError.REGISTRANT_NOT_FOUND);
                    }
                    return new Object[] {rs.getString(1), rs.getInt(2)};
                }
            }
        });
    }
}
