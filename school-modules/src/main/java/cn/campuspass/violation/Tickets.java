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
import cn.campuspass.registrant.Registrants;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.storage.UploadPolicy;
import cn.campuspass.vehicle.PlateNumber;
import cn.campuspass.vehicle.Vehicles;
import cn.campuspass.visitor.Visitors;
import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tickets (罚单管理, A5.2): issuing one to the vehicle of a registrant or a visitor with three proof photos, the list
 * with the tender's columns (单号、罚单对象、号牌号码、罚单项目、计分、备案人/访客、状态、开单人员、开单时间), details and
 * revoking with a reason. The target's name, number and masked phone, the item's name and points are copied onto the
 * ticket when it is issued. Every list and detail takes the caller's {@link DataScope}.
 */
@Service
public class Tickets {

    public static final int MAX_PAGE_SIZE = 200;
    static final Duration PHOTO_URL_TTL = Duration.ofMinutes(10);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(SchoolTime.ZONE);

    private final SchoolJdbc jdbc;
    private final TicketItems items;
    private final Registrants registrants;
    private final Vehicles vehicles;
    private final Visitors visitors;
    private final ObjectStore storage;
    private final Notifications notifications;
    private final Clock clock;
    private final String publicUrl;

    Tickets(
            SchoolJdbc jdbc,
            TicketItems items,
            Registrants registrants,
            Vehicles vehicles,
            Visitors visitors,
            ObjectStore storage,
            Notifications notifications,
            Clock clock,
            @Value("${campuspass.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.items = items;
        this.registrants = registrants;
        this.vehicles = vehicles;
        this.visitors = visitors;
        this.storage = storage;
        this.notifications = notifications;
        this.clock = clock;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(SchoolTime.ZONE);

    /** A template message's "thing" value: one line, at most 20 characters. */

    /** One ticket as the list shows it; the phone is masked. */
    public record Ticket(
            long id,
            String ticketNo,
            TicketTarget target,
            Long registrantId,
            Long visitorId,
            Long vehicleId,
            String vehicleType,
            String plate,
            String targetName,
            String targetNumber,
            String targetIdentity,
            String targetPhoneMasked,
            long itemId,
            String itemName,
            int points,
            TicketStatus status,
            String issuedBy,
            Instant issuedAt,
            String location,
            String remark,
            String revokeReason,
            String revokedBy,
            Instant revokedAt) {}

    public record Found(List<Ticket> items, long total) {}

    /** A ticket with its photos behind short-lived presigned URLs. */
    public record Details(Ticket ticket, Map<PhotoPosition, String> photoUrls) {}

    /**
     * What the issuer gave: a plate (the registered vehicle's registrant is the target), or a registrant or a
     * visitor (the plate then optional).
     */
    public record IssueDraft(
            String plate, Long registrantId, Long visitorId, long itemId, String location, String remark) {}

    /** A photo's bytes; its type is read from them. */
    public record Photo(byte[] bytes) {}

    static final String COLUMNS = "SELECT t.id, t.ticket_no, t.target_kind, t.registrant_id, t.visitor_id,"
            + " t.vehicle_id, t.vehicle_type, t.plate, t.target_name, t.target_number, t.target_identity,"
            + " t.target_phone_masked, t.item_id, t.item_name, t.points, t.status, t.issued_by, t.issued_at,"
            + " t.location, t.remark, t.revoke_reason, t.revoked_by, t.revoked_at FROM ticket t";

    /** Newest first. */
    @Transactional(readOnly = true)
    public Found search(TicketQuery.Filter filter, DataScope scope, int page, int size) {
        TicketQuery query = TicketQuery.of(filter, scope);
        int limit = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        long offset = (long) Math.max(0, page) * limit;
        return jdbc.run(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ticket t" + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Ticket> found = new ArrayList<>();
            if (offset < total) {
                try (PreparedStatement ps = c.prepareStatement(
                        COLUMNS + query.where() + " ORDER BY t.issued_at DESC, t.id DESC LIMIT ? OFFSET ?")) {
                    int next = query.bind(c, ps);
                    ps.setInt(next, limit);
                    ps.setLong(next + 1, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(ticket(rs));
                        }
                    }
                }
            }
            return new Found(found, total);
        });
    }

    /** The registrant's own tickets (the portal's 我的罚单), newest first. */
    @Transactional(readOnly = true)
    public Found mine(
            long registrantId,
            Long vehicleId,
            TicketStatus status,
            java.time.LocalDate from,
            java.time.LocalDate to,
            int page,
            int size) {
        return search(
                new TicketQuery.Filter(null, null, status, TicketTarget.REGISTRANT, registrantId, vehicleId, from, to),
                DataScope.wholeSchool(),
                page,
                size);
    }

    /** Tickets issued today (school day) within the scope: the staff workbench's 今日罚单数 and the home page. */
    @Transactional(readOnly = true)
    public long countIssuedToday(DataScope scope) {
        var today = java.time.LocalDate.now(clock.withZone(SchoolTime.ZONE));
        TicketQuery query =
                TicketQuery.of(new TicketQuery.Filter(null, null, null, null, null, null, today, today), scope);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ticket t" + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** One ticket with its photos; outside {@code scope} it is "not found", like one that does not exist. */
    @Transactional(readOnly = true)
    public Details get(long id, DataScope scope) {
        Ticket ticket = find(id, scope).orElseThrow(() -> new ApiException(ViolationError.TICKET_NOT_FOUND));
        SchoolCode school = SchoolContext.require();
        Map<PhotoPosition, String> urls = new EnumMap<>(PhotoPosition.class);
        jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT position, object_key FROM ticket_photo WHERE ticket_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        urls.put(
                                PhotoPosition.valueOf(rs.getString(1)),
                                storage.presignedGet(school, rs.getString(2), PHOTO_URL_TTL));
                    }
                }
            }
            return null;
        });
        return new Details(ticket, urls);
    }

    Optional<Ticket> find(long id, DataScope scope) {
        TicketQuery query = TicketQuery.of(TicketQuery.Filter.all(), scope).and("t.id = ?", id);
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ticket(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Issues a ticket now. */
    @Transactional
    public Ticket issue(IssueDraft draft, Map<PhotoPosition, Photo> photos, String actor) {
        return issueAt(draft, photos, actor, clock.instant());
    }

    /**
     * Issues a ticket at a given time (the demo school's history uses past times). The photos are checked (JPEG,
     * PNG or WebP by their bytes, 5 MB each) before anything is written; they go to object storage first, and are
     * removed again if the ticket's transaction does not commit.
     */
    @Transactional
    public Ticket issueAt(IssueDraft draft, Map<PhotoPosition, Photo> photos, String actor, Instant at) {
        Map<PhotoPosition, String> types = new EnumMap<>(PhotoPosition.class);
        for (PhotoPosition position : PhotoPosition.values()) {
            Photo photo = photos.get(position);
            if (photo == null || photo.bytes() == null || photo.bytes().length == 0) {
                throw new ApiException(ViolationError.TICKET_PHOTOS_REQUIRED);
            }
            byte[] bytes = photo.bytes();
            types.put(
                    position,
                    UploadPolicy.PORTAL_PHOTO.sniff(
                            bytes.length, Arrays.copyOf(bytes, Math.min(bytes.length, UploadPolicy.HEAD_BYTES))));
        }
        Target target = resolve(draft);
        SchoolCode school = SchoolContext.require();
        long id = jdbc.run(c -> {
            TicketItems.Item item = items.requireEnabled(c, draft.itemId());
            long seq;
            try (PreparedStatement ps = c.prepareStatement("SELECT nextval('ticket_no_seq')")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            String ticketNo = "WZ" + DAY.format(at) + String.format("%06d", seq % 1_000_000);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO ticket (ticket_no, target_kind, registrant_id, visitor_id, vehicle_id, vehicle_type,
                        plate, target_name, target_number, target_identity, target_phone_masked, department_id,
                        managed_department_id, item_id, item_name, points, location, remark, issued_by, issued_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                ps.setString(1, ticketNo);
                ps.setString(2, target.kind().name());
                ps.setObject(3, target.registrantId());
                ps.setObject(4, target.visitorId());
                ps.setObject(5, target.vehicleId());
                ps.setString(6, target.vehicleType());
                ps.setString(7, target.plate());
                ps.setString(8, target.name());
                ps.setString(9, target.number());
                ps.setString(10, target.identity());
                ps.setString(11, target.phoneMasked());
                ps.setObject(12, target.departmentId());
                ps.setObject(13, target.managedDepartmentId());
                ps.setLong(14, item.id());
                ps.setString(15, item.name());
                ps.setInt(16, item.points());
                ps.setString(17, blankToNull(draft.location()));
                ps.setString(18, blankToNull(draft.remark()));
                ps.setString(19, actor);
                ps.setTimestamp(20, Timestamp.from(at));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        storage.prepareSchool(school);
        List<String> stored = new ArrayList<>();
        removeIfRolledBack(school, stored);
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_photo"
                    + " (ticket_id, position, object_key, content_type, size_bytes) VALUES (?, ?, ?, ?, ?)")) {
                for (PhotoPosition position : PhotoPosition.values()) {
                    byte[] bytes = photos.get(position).bytes();
                    String type = types.get(position);
                    String key = "tickets/" + id + "/" + position.name().toLowerCase() + "-" + UUID.randomUUID() + "."
                            + UploadPolicy.extension(type);
                    storage.put(school, key, new ByteArrayInputStream(bytes), bytes.length, type);
                    stored.add(key);
                    ps.setLong(1, id);
                    ps.setString(2, position.name());
                    ps.setString(3, key);
                    ps.setString(4, type);
                    ps.setLong(5, bytes.length);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
        Ticket ticket = find(id, DataScope.wholeSchool()).orElseThrow();
        if (ticket.registrantId() != null) {
            // 车辆违章提醒 (R4.11): queued with the ticket, sent after the commit.
            Map<String, String> data = new java.util.LinkedHashMap<>();
            data.put("character_string1", ticket.ticketNo());
            data.put("car_number2", ticket.plate() == null ? "—" : ticket.plate());
            data.put("thing3", TemplateFields.thing(ticket.itemName()));
            data.put("number4", String.valueOf(ticket.points()));
            data.put("time5", MINUTE.format(ticket.issuedAt()));
            notifications.enqueue(
                    Recipient.registrant(ticket.registrantId()),
                    NotificationKind.TICKET_ISSUED,
                    data,
                    publicUrl + "/portal/" + school.value() + "/tickets",
                    "ticket-issued:" + id);
        }
        return ticket;
    }

    /** Revokes an effective ticket (撤销罚单) with a reason; a revoked ticket stays listed as 撤销. */
    @Transactional
    public Ticket revoke(long id, String reason, String actor, DataScope scope) {
        Ticket ticket = find(id, scope).orElseThrow(() -> new ApiException(ViolationError.TICKET_NOT_FOUND));
        int changed = jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ticket SET status = 'REVOKED', revoke_reason = ?,"
                    + " revoked_by = ?, revoked_at = now() WHERE id = ? AND status = 'EFFECTIVE'")) {
                ps.setString(1, reason.strip());
                ps.setString(2, actor);
                ps.setLong(3, ticket.id());
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new ApiException(ViolationError.TICKET_ALREADY_REVOKED);
        }
        return find(id, DataScope.wholeSchool()).orElseThrow();
    }

    private record Target(
            TicketTarget kind,
            Long registrantId,
            Long visitorId,
            Long vehicleId,
            String vehicleType,
            String plate,
            String name,
            String number,
            String identity,
            String phoneMasked,
            Long departmentId,
            Long managedDepartmentId) {}

    private Target resolve(IssueDraft draft) {
        String plate = draft.plate() == null || draft.plate().isBlank() ? null : PlateNumber.normalise(draft.plate());
        Optional<Vehicles.PlateStatus> vehicle = plate == null ? Optional.empty() : vehicles.findByPlate(plate);
        if (draft.visitorId() != null) {
            Visitors.Profile visitor;
            try {
                visitor = visitors.profile(draft.visitorId());
            } catch (ApiException e) {
                throw new ApiException(ViolationError.TICKET_TARGET_NOT_FOUND);
            }
            String name = visitor.name() == null ? "访客" : visitor.name();
            return new Target(
                    TicketTarget.VISITOR,
                    null,
                    visitor.id(),
                    null,
                    null,
                    plate,
                    name,
                    null,
                    null,
                    visitor.phoneMasked(),
                    null,
                    null);
        }
        Long registrantId = draft.registrantId();
        if (registrantId == null) {
            if (plate == null) {
                throw new ApiException(ViolationError.TICKET_TARGET_REQUIRED);
            }
            registrantId = vehicle.map(Vehicles.PlateStatus::registrantId)
                    .orElseThrow(() -> new ApiException(ViolationError.TICKET_TARGET_NOT_FOUND));
        }
        Registrants.Summary registrant;
        try {
            registrant = registrants.get(registrantId);
        } catch (ApiException e) {
            throw new ApiException(ViolationError.TICKET_TARGET_NOT_FOUND);
        }
        long owner = registrant.id();
        Optional<Vehicles.PlateStatus> own = vehicle.filter(v -> v.registrantId() != null && v.registrantId() == owner);
        return new Target(
                TicketTarget.REGISTRANT,
                registrant.id(),
                null,
                own.map(Vehicles.PlateStatus::vehicleId).orElse(null),
                own.map(v -> v.type().name()).orElse(null),
                plate,
                registrant.name(),
                registrant.number(),
                registrant.identity().name(),
                registrant.phoneMasked(),
                registrant.departmentId(),
                registrant.managedDepartmentId());
    }

    private void removeIfRolledBack(SchoolCode school, List<String> keys) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    for (String key : keys) {
                        try {
                            storage.delete(school, key);
                        } catch (RuntimeException ignored) {
                            // An orphan photo is harmless: it is private and never listed.
                        }
                    }
                }
            }
        });
    }

    static Ticket ticket(ResultSet rs) throws SQLException {
        return new Ticket(
                rs.getLong(1),
                rs.getString(2),
                TicketTarget.valueOf(rs.getString(3)),
                (Long) rs.getObject(4),
                (Long) rs.getObject(5),
                (Long) rs.getObject(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getLong(13),
                rs.getString(14),
                rs.getInt(15),
                TicketStatus.valueOf(rs.getString(16)),
                rs.getString(17),
                rs.getTimestamp(18).toInstant(),
                rs.getString(19),
                rs.getString(20),
                rs.getString(21),
                rs.getString(22),
                rs.getTimestamp(23) == null ? null : rs.getTimestamp(23).toInstant());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
