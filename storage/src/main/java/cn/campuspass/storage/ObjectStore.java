package cn.campuspass.storage;

import cn.campuspass.platform.school.SchoolCode;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * Private object storage kept apart per school. Keys are relative to the school's space; implementations refuse
 * keys that try to leave it. Objects are never public: readers get short-lived presigned URLs.
 */
public interface ObjectStore {

    /** Makes sure the school's space exists (idempotent). */
    void prepareSchool(SchoolCode school);

    void put(SchoolCode school, String key, InputStream content, long size, String contentType);

    InputStream get(SchoolCode school, String key);

    boolean exists(SchoolCode school, String key);

    /** A GET URL valid for {@code ttl} (capped at 15 minutes). */
    String presignedGet(SchoolCode school, String key, Duration ttl);

    List<String> list(SchoolCode school, String prefix);

    void delete(SchoolCode school, String key);

    /** Removes every object of the school (offboarding). */
    void deleteSchool(SchoolCode school);

    /** Stores a platform archive (e.g. an offboarded school's export) outside every school's space. */
    void putArchive(String name, java.nio.file.Path file, String contentType);

    String presignedArchive(String name, Duration ttl);

    /**
     * Deletes the platform archives under {@code prefix} stored before {@code cutoff} (offboarding exports hold a
     * whole school's personal data; they are kept only as long as the operator needs to hand them over).
     *
     * @return the names deleted
     */
    List<String> deleteArchivesBefore(String prefix, java.time.Instant cutoff);
}
