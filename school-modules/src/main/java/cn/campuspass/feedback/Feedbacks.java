package cn.campuspass.feedback;

import cn.campuspass.notification.NotificationKind;
import cn.campuspass.notification.Notifications;
import cn.campuspass.notification.Recipient;
import cn.campuspass.notification.TemplateFields;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.registrant.Registrants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registrant feedback (A3.4, R4.5). A registrant sends feedback of an enabled type with up to {@value #MAX_IMAGES}
 * images and reads their own, replied or not; the console lists everyone's within the staff member's data scope,
 * opens one with its images (presigned URLs) and replies once. Who sent it is recorded as they were at the time.
 */
@Service
public class Feedbacks {

    public static final int MAX_IMAGES = 4;
    public static final int MAX_PAGE_SIZE = 100;

    private static final DateTimeFormatter TEMPLATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SchoolJdbc jdbc;
    private final FeedbackTypes types;
    private final FeedbackImages images;
    private final Registrants registrants;
    private final Notifications notifications;
    private final Clock clock;
    private final String publicUrl;

    Feedbacks(
            SchoolJdbc jdbc,
            FeedbackTypes types,
            FeedbackImages images,
            Registrants registrants,
            Notifications notifications,
            Clock clock,
            @Value("${campuspass.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.types = types;
        this.images = images;
        this.registrants = registrants;
        this.notifications = notifications;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    public record Submission(long typeId, String title, String details) {}

    /** Console filters; each is optional. {@code from}/{@code to} are school-local days of sending, inclusive. */
    public record Filter(Long typeId, Boolean replied, LocalDate from, LocalDate to) {

        public static Filter all() {
            return new Filter(null, null, null, null);
        }
    }

    public record Item(
            long id,
            long typeId,
            String typeName,
            String title,
            String details,
            long registrantId,
            String name,
            String number,
            Identity identity,
            Long identityTypeId,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            String reply,
            String repliedBy,
            Instant repliedAt,
            Instant createdAt,
            int imageCount) {

        public boolean replied() {
            return repliedAt != null;
        }
    }

    /** An image as readers fetch it: a presigned URL valid for a few minutes. */
    public record ImageView(String url, String contentType) {}

    public record Detail(Item item, List<ImageView> images) {}

    public record Page(List<Item> items, long total) {}

    /**
     * Stores the feedback and its images; every image is checked (type from its bytes, size) before anything is
     * stored, so a refused image leaves nothing behind.
     *
     * @return the new feedback's id
     */
    @Transactional
    public long submit(long registrantId, Submission submission, List<byte[]> imageBytes) {
        if (imageBytes.size() > MAX_IMAGES) {
            throw new ApiException(FeedbackError.FEEDBACK_TOO_MANY_IMAGES, MAX_IMAGES);
        }
        List<FeedbackImages.Checked> checked =
                imageBytes.stream().map(FeedbackImages::check).toList();
        FeedbackType type = types.enabled().stream()
                .filter(t -> t.getId() == submission.typeId())
                .findFirst()
                .orElseThrow(() -> new ApiException(FeedbackError.FEEDBACK_TYPE_UNAVAILABLE));
        Registrants.Summary sender = registrants.get(registrantId);
        long id = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO feedback (registrant_id, type_id, title, details, name, number, identity,
                                          identity_type_id, department_id, managed_department_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, registrantId);
                ps.setLong(2, type.getId());
                ps.setString(3, submission.title().strip());
                ps.setString(4, submission.details().strip());
                ps.setString(5, sender.name());
                ps.setString(6, sender.number());
                ps.setString(7, sender.identity().name());
                ps.setObject(8, sender.identityTypeId());
                ps.setObject(9, sender.departmentId());
                ps.setObject(10, sender.managedDepartmentId());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong("id");
                }
            }
        });
        images.store(SchoolContext.require(), id, checked);
        return id;
    }

    /** The registrant's own feedback, newest first; {@code replied} null for all. */
    @Transactional(readOnly = true)
    public Page mine(long registrantId, Boolean replied, int page, int size) {
        Where where = new Where();
        where.add("f.registrant_id = ?", registrantId);
        replied(where, replied);
        return page(where, page, size);
    }

    /** One of the registrant's own feedback; another's is "not found". */
    @Transactional(readOnly = true)
    public Detail myDetail(long registrantId, long id) {
        Item item = find(id).filter(i -> i.registrantId() == registrantId)
                .orElseThrow(() -> new ApiException(FeedbackError.FEEDBACK_NOT_FOUND));
        return new Detail(item, images.views(SchoolContext.require(), id));
    }

    /** The console list (A3.4), newest first, within {@code scope}. */
    @Transactional(readOnly = true)
    public Page search(Filter filter, DataScope scope, int page, int size) {
        Where where = scoped(scope);
        if (where == null) {
            return new Page(List.of(), 0);
        }
        if (filter.typeId() != null) {
            where.add("f.type_id = ?", filter.typeId());
        }
        replied(where, filter.replied());
        if (filter.from() != null) {
            where.add(
                    "f.created_at >= ?",
                    filter.from().atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        if (filter.to() != null) {
            where.add(
                    "f.created_at < ?",
                    filter.to().plusDays(1).atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        return page(where, page, size);
    }

    /** One feedback with its images; outside {@code scope} it is "not found", like one that does not exist. */
    @Transactional(readOnly = true)
    public Detail detail(long id, DataScope scope) {
        Item item = find(id).filter(i -> inScope(i, scope))
                .orElseThrow(() -> new ApiException(FeedbackError.FEEDBACK_NOT_FOUND));
        return new Detail(item, images.views(SchoolContext.require(), id));
    }

    /**
     * Replies once; the registrant sees the reply in the portal and gets a WeChat template message, queued in this
     * transaction (a reply that fails to commit sends nothing).
     */
    @Transactional
    public Detail reply(long id, String reply, String actor, DataScope scope) {
        Item item = detail(id, scope).item();
        int updated = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE feedback SET reply = ?, replied_by = ?, replied_at = now() WHERE id = ? AND replied_at IS NULL")) {
                ps.setString(1, reply.strip());
                ps.setString(2, actor);
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new ApiException(FeedbackError.FEEDBACK_ALREADY_REPLIED);
        }
        SchoolCode school = SchoolContext.require();
        notifications.enqueue(
                Recipient.registrant(item.registrantId()),
                NotificationKind.FEEDBACK_REPLIED,
                Map.of(
                        "thing1", TemplateFields.thing(item.title()),
                        "thing2", TemplateFields.thing(reply.strip()),
                        "time3", TEMPLATE_TIME.format(clock.instant().atZone(SchoolTime.ZONE))),
                publicUrl + "/portal/" + school.value() + "/feedback/" + id,
                "feedback-replied:" + id);
        return detail(id, scope);
    }

    /** A template "thing" value holds at most 20 characters; a longer one fails the whole message. */
    private static boolean inScope(Item item, DataScope scope) {
        if (scope instanceof DataScope.Departments d) {
            return item.departmentId() != null && d.departmentIds().contains(item.departmentId());
        }
        // Feedback is made by registrants, never by a staff member: "own records" holds none.
        return scope instanceof DataScope.WholeSchool;
    }

    /** The scope as a WHERE clause; null when it admits nothing. */
    private static Where scoped(DataScope scope) {
        Where where = new Where();
        if (scope instanceof DataScope.WholeSchool) {
            return where;
        }
        if (scope instanceof DataScope.Departments d && !d.departmentIds().isEmpty()) {
            where.add("f.department_id = ANY (?)", (Object) d.departmentIds().toArray(Long[]::new));
            return where;
        }
        return null;
    }

    private static void replied(Where where, Boolean replied) {
        if (replied != null) {
            where.add(replied ? "f.replied_at IS NOT NULL" : "f.replied_at IS NULL");
        }
    }

    private static final String COLUMNS = """
            SELECT f.id, f.type_id, t.name, f.title, f.details, f.registrant_id, f.name, f.number, f.identity,
                   f.identity_type_id, f.department_id, d.name, f.managed_department_id, md.name,
                   f.reply, f.replied_by, f.replied_at, f.created_at,
                   (SELECT count(*) FROM feedback_image i WHERE i.feedback_id = f.id)
            FROM feedback f
            JOIN feedback_type t ON t.id = f.type_id
            LEFT JOIN department d ON d.id = f.department_id
            LEFT JOIN department md ON md.id = f.managed_department_id
            """;

    private java.util.Optional<Item> find(long id) {
        Where where = new Where();
        where.add("f.id = ?", id);
        List<Item> found = page(where, 0, 1).items();
        return found.stream().findFirst();
    }

    private Page page(Where where, int page, int size) {
        int limit = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        long offset = (long) Math.max(0, page) * limit;
        return jdbc.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM feedback f" + where.sql())) {
                where.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Item> items = new ArrayList<>();
            if (offset < total) {
                try (PreparedStatement ps = c.prepareStatement(
                        COLUMNS + where.sql() + " ORDER BY f.created_at DESC, f.id DESC LIMIT ? OFFSET ?")) {
                    int next = where.bind(c, ps);
                    ps.setInt(next, limit);
                    ps.setLong(next + 1, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(item(rs));
                        }
                    }
                }
            }
            return new Page(items, total);
        });
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getString(7),
                rs.getString(8),
                Identity.valueOf(rs.getString(9)),
                rs.getObject(10, Long.class),
                rs.getObject(11, Long.class),
                rs.getString(12),
                rs.getObject(13, Long.class),
                rs.getString(14),
                rs.getString(15),
                rs.getString(16),
                instant(rs.getTimestamp(17)),
                instant(rs.getTimestamp(18)),
                rs.getInt(19));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** AND-ed conditions with their parameters, in order. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        void add(String condition, Object... values) {
            conditions.add(condition);
            params.addAll(List.of(values));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        int bind(Connection c, PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object p : params) {
                if (p instanceof Long[] ids) {
                    ps.setArray(i++, c.createArrayOf("bigint", ids));
                } else {
                    ps.setObject(i++, p);
                }
            }
            return i;
        }
    }
}
