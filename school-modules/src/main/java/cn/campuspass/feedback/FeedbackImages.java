package cn.campuspass.feedback;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The images of feedback in the school's private object storage. Their type is read from their bytes (JPEG, PNG or
 * WebP, at most 5 MB each), never from the name or declared type; readers get presigned URLs that expire.
 */
@Component
class FeedbackImages {

    static final Duration URL_TTL = Duration.ofMinutes(10);

    private final ObjectStore store;
    private final SchoolJdbc jdbc;

    FeedbackImages(ObjectStore store, SchoolJdbc jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    /** An image that passed the checks, with the type its bytes have. */
    record Checked(byte[] bytes, String contentType) {}

    static Checked check(byte[] bytes) {
        String type = UploadPolicy.PORTAL_PHOTO.sniff(
                bytes.length, Arrays.copyOf(bytes, Math.min(bytes.length, UploadPolicy.HEAD_BYTES)));
        return new Checked(bytes, type);
    }

    void store(SchoolCode school, long feedbackId, List<Checked> images) {
        if (images.isEmpty()) {
            return;
        }
        store.prepareSchool(school);
        List<String> keys = new ArrayList<>();
        for (Checked image : images) {
            String key = "feedback/" + feedbackId + "/" + UUID.randomUUID() + "."
                    + UploadPolicy.extension(image.contentType());
            store.put(school, key, new ByteArrayInputStream(image.bytes()), image.bytes().length, image.contentType());
            keys.add(key);
        }
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO feedback_image (feedback_id, position, object_key, content_type, size_bytes)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < images.size(); i++) {
                    ps.setLong(1, feedbackId);
                    ps.setInt(2, i);
                    ps.setString(3, keys.get(i));
                    ps.setString(4, images.get(i).contentType());
                    ps.setLong(5, images.get(i).bytes().length);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    List<Feedbacks.ImageView> views(SchoolCode school, long feedbackId) {
        List<String[]> rows = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT object_key, content_type FROM feedback_image WHERE feedback_id = ? ORDER BY position")) {
                ps.setLong(1, feedbackId);
                List<String[]> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                return found;
            }
        });
        return rows.stream()
                .map(r -> new Feedbacks.ImageView(store.presignedGet(school, r[0], URL_TTL), r[1]))
                .toList();
    }
}
