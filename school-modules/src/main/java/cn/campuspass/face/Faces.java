package cn.campuspass.face;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A registrant's face: upload (checked, then stored privately), the current face as a presigned URL, and whether the
 * school requires one of this person (P4: per identity, and per identity type where the type has its own setting).
 * Every change leaves a {@code face_update} record with the old and the new face.
 */
@Service
public class Faces {

    /** How long a face URL handed to a person or a guard stays valid. */
    public static final Duration URL_TTL = Duration.ofMinutes(2);

    /** Where a face came from. */
    public enum Source {
        PORTAL,
        CONSOLE,
        IMPORT
    }

    public record FaceView(String url, Instant checkedAt, Instant urlExpiresAt, int width, int height) {}

    private final FaceCheck check;
    private final ObjectStore store;
    private final SchoolJdbc jdbc;
    private final SchoolSettingsProvider settings;
    private final Clock clock;

    Faces(FaceCheck check, ObjectStore store, SchoolJdbc jdbc, SchoolSettingsProvider settings, Clock clock) {
        this.check = check;
        this.store = store;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Checks the photo and, when it passes, makes it the registrant's face. A refused photo throws with the reason and
     * leaves nothing behind; the stored image is the normalized one (upright, no EXIF, at most 1024 px).
     *
     * @param operator who did it: the registrant's own name for the portal, the staff account for the console
     */
    @Transactional
    public FaceView upload(long registrantId, byte[] photo, Source source, String operator) {
        FaceCheck.Accepted accepted = check.check(photo);
        SchoolCode school = SchoolContext.require();
        String key = "faces/" + registrantId + "/" + UUID.randomUUID() + ".jpg";
        store.prepareSchool(school);
        store.put(school, key, new ByteArrayInputStream(accepted.jpeg()), accepted.jpeg().length, "image/jpeg");
        Instant now = clock.instant();
        String oldKey = currentKey(registrantId).orElse(null);
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO registrant_face (registrant_id, object_key, status, checked_at, width, height)
                    VALUES (?, ?, 'ACCEPTED', ?, ?, ?)
                    ON CONFLICT (registrant_id) DO UPDATE SET object_key = EXCLUDED.object_key,
                        status = EXCLUDED.status, checked_at = EXCLUDED.checked_at, width = EXCLUDED.width,
                        height = EXCLUDED.height
                    """)) {
                ps.setLong(1, registrantId);
                ps.setString(2, key);
                ps.setObject(3, OffsetDateTime.ofInstant(now, clock.getZone()));
                ps.setInt(4, accepted.width());
                ps.setInt(5, accepted.height());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO face_update (registrant_id, old_key, new_key, source, operator, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)) {
                ps.setLong(1, registrantId);
                ps.setString(2, oldKey);
                ps.setString(3, key);
                ps.setString(4, source.name());
                ps.setString(5, operator);
                ps.setObject(6, OffsetDateTime.ofInstant(now, clock.getZone()));
                return ps.executeUpdate();
            }
        });
        return view(school, key, now, accepted.width(), accepted.height());
    }

    /** The registrant's current face, or empty when they have none. */
    @Transactional(readOnly = true)
    public Optional<FaceView> current(long registrantId) {
        SchoolCode school = SchoolContext.require();
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT object_key, checked_at, width, height FROM registrant_face WHERE registrant_id = ?")) {
                ps.setLong(1, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(
                            view(school, rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getInt(4)));
                }
            }
        });
    }

    /** A short-lived URL of the registrant's face for a guard, or null when they have none. */
    @Transactional(readOnly = true)
    public String urlOf(long registrantId) {
        return currentKey(registrantId)
                .map(key -> store.presignedGet(SchoolContext.require(), key, URL_TTL))
                .orElse(null);
    }

    /**
     * A presigned URL of a face object whose key the caller read itself (e.g. joined into a query of its own), or
     * null for no key; same validity as {@link #urlOf}.
     */
    public String urlOfKey(String objectKey) {
        return objectKey == null ? null : store.presignedGet(SchoolContext.require(), objectKey, URL_TTL);
    }

    /** Whether the current school requires a face of a registrant with this identity and identity type. */
    public boolean required(Identity identity, Long identityTypeId) {
        return settings.settingsOf(SchoolContext.require()).faceRequiredFor(identity, identityTypeId);
    }

    /** Throws {@link FaceError#FACE_REQUIRED} when the school requires this person's face and there is none yet. */
    @Transactional(readOnly = true)
    public void requireIfNeeded(long registrantId, Identity identity, Long identityTypeId) {
        if (required(identity, identityTypeId) && currentKey(registrantId).isEmpty()) {
            throw new ApiException(FaceError.FACE_REQUIRED);
        }
    }

    private Optional<String> currentKey(long registrantId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT object_key FROM registrant_face WHERE registrant_id = ?")) {
                ps.setLong(1, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private FaceView view(SchoolCode school, String key, Instant checkedAt, int width, int height) {
        return new FaceView(
                store.presignedGet(school, key, URL_TTL),
                checkedAt,
                clock.instant().plus(URL_TTL),
                width,
                height);
    }
}
