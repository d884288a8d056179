package cn.campuspass.violation;

import cn.campuspass.notification.NotificationKind;
import cn.campuspass.notification.Notifications;
import cn.campuspass.notification.Recipient;
import cn.campuspass.notification.TemplateFields;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appeals (申诉单, A5.3; the registrant's side R4.7 申诉 and R4.8 我的申诉单): a registrant appeals their own effective
 * ticket once, with a reason and up to four images; the console lists appeals within the staff member's data scope
 * (scoped like the tickets they belong to), shows them and approves — the ticket is revoked in the same transaction —
 * or rejects with a reason. The registrant hears of the decision through the notification outbox.
 */
@Service
public class TicketAppeals {

    public static final int MAX_IMAGES = 4;
    public static final int MAX_PAGE_SIZE = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SchoolJdbc jdbc;
    private final Tickets tickets;
    private final ObjectStore storage;
    private final Notifications notifications;
    private final Clock clock;
    private final String publicUrl;

    TicketAppeals(
            SchoolJdbc jdbc,
            Tickets tickets,
            ObjectStore storage,
            Notifications notifications,
            Clock clock,
            @Value("${campuspass.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.storage = storage;
        this.notifications = notifications;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    /** One appeal as lists show it, with its ticket's number, plate and item (申诉单: 单号、号牌号码、罚单项目、申诉人…). */
    public record Appeal(
            long id,
            long ticketId,
            String ticketNo,
            String plate,
            String itemName,
            int points,
            long registrantId,
            String appellant,
            String appellantNumber,
            String reason,
            AppealStatus status,
            String reviewedBy,
            Instant reviewedAt,
            String rejectReason,
            Instant createdAt) {}

    public record Found(List<Appeal> items, long total) {}

    /** An appeal with its images and its ticket (with the ticket's photos). */
    public record Details(Appeal appeal, List<String> imageUrls, Tickets.Details ticket) {}

    /**
     * @param text the ticket number, plate or the appellant's name or number (part of any)
     * @param from first school day the appeal was made, inclusive
     */
    public record Filter(String text, AppealStatus status, Long registrantId, LocalDate from, LocalDate to) {}

    private static final String COLUMNS = "SELECT a.id, a.ticket_id, t.ticket_no, t.plate, t.item_name, t.points,"
            + " a.registrant_id, t.target_name, t.target_number, a.reason, a.status, a.reviewed_by, a.reviewed_at,"
            + " a.reject_reason, a.created_at FROM ticket_appeal a JOIN ticket t ON t.id = a.ticket_id";

    /** The registrant appeals their own effective ticket; returns the appeal. */
    @Transactional
    public Appeal submit(long registrantId, long ticketId, String reason, List<byte[]> images) {
        if (images.size() > MAX_IMAGES) {
            throw new ApiException(ViolationError.APPEAL_TOO_MANY_IMAGES, MAX_IMAGES);
        }
        List<String> types = new ArrayList<>();
        for (byte[] image : images) {
            types.add(UploadPolicy.PORTAL_PHOTO.sniff(
                    image.length, Arrays.copyOf(image, Math.min(image.length, UploadPolicy.HEAD_BYTES))));
        }
        long id = jdbc.run(c -> {
            // The ticket row is locked: a concurrent revoke or a second appeal waits and then sees this one.
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT status FROM ticket WHERE id = ? AND registrant_id = ? FOR UPDATE")) {
                ps.setLong(1, ticketId);
                ps.setLong(2, registrantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiException(ViolationError.TICKET_NOT_FOUND);
                    }
                    if (!TicketStatus.EFFECTIVE.name().equals(rs.getString(1))) {
                        throw new ApiException(ViolationError.APPEAL_TICKET_NOT_APPEALABLE);
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT EXISTS (SELECT 1 FROM ticket_appeal WHERE ticket_id = ?)")) {
                ps.setLong(1, ticketId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new ApiException(ViolationError.APPEAL_EXISTS);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ticket_appeal (ticket_id, registrant_id, reason, created_at) VALUES (?, ?, ?, ?)"
                            + " RETURNING id")) {
                ps.setLong(1, ticketId);
                ps.setLong(2, registrantId);
                ps.setString(3, reason.strip());
                ps.setTimestamp(4, java.sql.Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        if (!images.isEmpty()) {
            SchoolCode school = SchoolContext.require();
            storage.prepareSchool(school);
            jdbc.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_appeal_image"
                        + " (appeal_id, position, object_key, content_type, size_bytes) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < images.size(); i++) {
                        String key =
                                "appeals/" + id + "/" + UUID.randomUUID() + "." + UploadPolicy.extension(types.get(i));
                        storage.put(
                                school,
                                key,
                                new ByteArrayInputStream(images.get(i)),
                                images.get(i).length,
                                types.get(i));
                        ps.setLong(1, id);
                        ps.setInt(2, i);
                        ps.setString(3, key);
                        ps.setString(4, types.get(i));
                        ps.setLong(5, images.get(i).length);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                }
            });
        }
        return find(id, DataScope.wholeSchool()).orElseThrow();
    }

    /** Newest first, within the scope of the tickets they appeal. */
    @Transactional(readOnly = true)
    public Found search(Filter filter, DataScope scope, int page, int size) {
        TicketQuery query = query(filter, scope);
        int limit = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        long offset = (long) Math.max(0, page) * limit;
        return jdbc.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM ticket_appeal a JOIN ticket t ON t.id = a.ticket_id" + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Appeal> found = new ArrayList<>();
            if (offset < total) {
                try (PreparedStatement ps = c.prepareStatement(
                        COLUMNS + query.where() + " ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?")) {
                    int next = query.bind(c, ps);
                    ps.setInt(next, limit);
                    ps.setLong(next + 1, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(appeal(rs));
                        }
                    }
                }
            }
            return new Found(found, total);
        });
    }

    /** The tickets this registrant has appealed (whatever the outcome). */
    @Transactional(readOnly = true)
    public java.util.Set<Long> appealedTickets(long registrantId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT ticket_id FROM ticket_appeal WHERE registrant_id = ?")) {
                ps.setLong(1, registrantId);
                java.util.Set<Long> ids = new java.util.HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Appeals waiting for review within the scope: the home page's 申诉待审核 quick entry. */
    @Transactional(readOnly = true)
    public long countPending(DataScope scope) {
        return search(new Filter(null, AppealStatus.PENDING, null, null, null), scope, 0, 1)
                .total();
    }

    @Transactional(readOnly = true)
    public Details get(long id, DataScope scope) {
        Appeal appeal = find(id, scope).orElseThrow(() -> new ApiException(ViolationError.APPEAL_NOT_FOUND));
        SchoolCode school = SchoolContext.require();
        List<String> urls = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT object_key FROM ticket_appeal_image WHERE appeal_id = ? ORDER BY position")) {
                ps.setLong(1, id);
                List<String> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(storage.presignedGet(school, rs.getString(1), Tickets.PHOTO_URL_TTL));
                    }
                }
                return found;
            }
        });
        return new Details(appeal, urls, tickets.get(appeal.ticketId(), DataScope.wholeSchool()));
    }

    /** Approves: the appeal is upheld and the ticket revoked, in one transaction; the registrant is told. */
    @Transactional
    public Appeal approve(long id, String actor, DataScope scope) {
        Appeal appeal = decide(id, AppealStatus.APPROVED, null, actor, scope);
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET status = 'REVOKED', revoke_reason = ?,"
                    + " revoked_by = ?, revoked_at = now() WHERE id = ? AND status = 'EFFECTIVE'")) {
                ps.setString(1, "申诉通过");
                ps.setString(2, actor);
                ps.setLong(3, appeal.ticketId());
                return ps.executeUpdate();
            }
        });
        notifyDecision(appeal);
        return appeal;
    }

    @Transactional
    public Appeal reject(long id, String reason, String actor, DataScope scope) {
        Appeal appeal = decide(id, AppealStatus.REJECTED, reason.strip(), actor, scope);
        notifyDecision(appeal);
        return appeal;
    }

    private Appeal decide(long id, AppealStatus status, String rejectReason, String actor, DataScope scope) {
        find(id, scope).orElseThrow(() -> new ApiException(ViolationError.APPEAL_NOT_FOUND));
        int changed = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket_appeal SET status = ?, reject_reason = ?,"
                    + " reviewed_by = ?, reviewed_at = ? WHERE id = ? AND status = 'PENDING'")) {
                ps.setString(1, status.name());
                ps.setString(2, rejectReason);
                ps.setString(3, actor);
                ps.setTimestamp(4, java.sql.Timestamp.from(clock.instant()));
                ps.setLong(5, id);
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new ApiException(ViolationError.APPEAL_ALREADY_DECIDED);
        }
        return find(id, DataScope.wholeSchool()).orElseThrow();
    }

    /** 申诉单审核结果通知 (R4.11), queued with the decision. */
    private void notifyDecision(Appeal appeal) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("character_string1", appeal.ticketNo());
        data.put("car_number2", appeal.plate() == null ? "—" : appeal.plate());
        data.put("phrase3", appeal.status() == AppealStatus.APPROVED ? "已通过" : "已驳回");
        data.put(
                "thing4",
                appeal.status() == AppealStatus.APPROVED ? "罚单已撤销" : TemplateFields.thing(appeal.rejectReason()));
        data.put("time5", TIME.format(clock.instant().atZone(SchoolTime.ZONE)));
        notifications.enqueue(
                Recipient.registrant(appeal.registrantId()),
                NotificationKind.TICKET_APPEAL_DECIDED,
                data,
                publicUrl + "/portal/" + SchoolContext.require().value() + "/appeals",
                "appeal-decided:" + appeal.id());
    }

    Optional<Appeal> find(long id, DataScope scope) {
        TicketQuery query = TicketQuery.of(TicketQuery.Filter.all(), scope).and("a.id = ?", id);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(appeal(rs)) : Optional.empty();
                }
            }
        });
    }

    private static TicketQuery query(Filter filter, DataScope scope) {
        TicketQuery query =
                TicketQuery.of(new TicketQuery.Filter(filter.text(), null, null, null, null, null, null, null), scope);
        if (filter.status() != null) {
            query.and("a.status = ?", filter.status().name());
        }
        if (filter.registrantId() != null) {
            query.and("a.registrant_id = ?", filter.registrantId());
        }
        if (filter.from() != null) {
            query.and(
                    "a.created_at >= ?",
                    filter.from().atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        if (filter.to() != null) {
            query.and(
                    "a.created_at < ?",
                    filter.to().plusDays(1).atStartOfDay(SchoolTime.ZONE).toOffsetDateTime());
        }
        return query;
    }

    private static Appeal appeal(ResultSet rs) throws SQLException {
        return new Appeal(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                AppealStatus.valueOf(rs.getString(11)),
                rs.getString(12),
                rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant(),
                rs.getString(14),
                rs.getTimestamp(15).toInstant());
    }
}
