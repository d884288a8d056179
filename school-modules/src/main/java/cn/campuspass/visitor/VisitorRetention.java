package cn.campuspass.visitor;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.privacy.PersonalDataLog;
import cn.campuspass.storage.ObjectStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases the personal data of visitors whose school's retention ran out (PIPL: kept no longer than the purpose
 * needs). A visitor's last activity is the latest of the profile's last change, any booking's last change and the
 * end of any booked day; a visitor whose last activity is older than the school's retention, and who holds no booking
 * still waiting or in effect, loses name, phone, ID card number, avatar (the stored object too) and the WeChat openid;
 * the copies on their bookings and access records are anonymised. The rows stay, so the statistics still count
 * the visits; {@code purged_at} marks the visitor.
 *
 * <p>One transaction per visitor, claimed with {@code FOR UPDATE SKIP LOCKED}: any number of nodes may run it, none
 * purges a visitor twice, and each purge writes a {@code PURGE} row to the personal-data access log in the same
 * transaction. The avatar object is deleted before the commit; should the commit fail, the next run finds the visitor
 * again and the deletion repeats harmlessly.
 */
@Component
public class VisitorRetention {

    /** The personal-data log's subject kind for visitors. */
    public static final String SUBJECT = "VISITOR";

    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(VisitorRetention.class);

    private final SchoolJdbc jdbc;
    private final TransactionTemplate transactions;
    private final ObjectStore store;
    private final PersonalDataLog personalData;
    private final VisitorSignOuts signOuts;
    /** Schools whose recently purged visitors this node has marked signed out since it started. */
    private final Set<SchoolCode> marked = ConcurrentHashMap.newKeySet();

    VisitorRetention(
            SchoolJdbc jdbc,
            TransactionTemplate transactions,
            ObjectStore store,
            PersonalDataLog personalData,
            VisitorSignOuts signOuts) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
        this.personalData = personalData;
        this.signOuts = signOuts;
    }

    /**
     * Purges the bound school's visitors whose last activity is more than {@code retentionDays} before {@code now};
     * returns how many were purged.
     */
    public int purgeExpired(Instant now, int retentionDays) {
        SchoolCode school = SchoolContext.require();
        if (marked.add(school)) {
            try {
                markPurgedSignedOut(now);
            } catch (RuntimeException e) {
                marked.remove(school); // the next pass tries again
                throw e;
            }
        }
        Instant cutoff = now.minus(Duration.ofDays(retentionDays));
        int purged = 0;
        while (true) {
            Optional<Long> one = transactions.execute(tx -> purgeOne(school, cutoff, now, retentionDays));
            if (one == null || one.isEmpty()) {
                break;
            }
            purged++;
            if (purged % BATCH == 0) {
                log.info("Visitor retention of school {}: {} visitor(s) purged so far", school.value(), purged);
            }
        }
        if (purged > 0) {
            log.info(
                    "Visitor retention of school {} purged {} visitor(s) inactive since before {}",
                    school.value(),
                    purged,
                    cutoff);
        }
        return purged;
    }

    /**
     * Marks signed out every visitor of the bound school purged within a sign-out mark's lifetime before {@code now}
     * (again: a mark is only ever extended). A purge marks its visitor itself; this covers visitors purged before
     * marks existed, or whose mark was lost with a Redis that keeps nothing on disk, whose sessions could otherwise live
     * on (on the emptied row) until their own TTL ran out. Run by each node's first purge pass per school.
     *
     * @return how many visitors were marked
     */
    public int markPurgedSignedOut(Instant now) {
        SchoolCode school = SchoolContext.require();
        List<Long> ids = transactions.execute(tx -> jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id FROM visitor WHERE purged_at IS NOT NULL AND purged_at >= ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(signOuts.markTtl())));
                List<Long> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getLong(1));
                    }
                }
                return found;
            }
        }));
        if (ids == null) {
            return 0;
        }
        for (long id : ids) {
            signOuts.signOut(school, id);
        }
        return ids.size();
    }

    private record Candidate(long id, String avatarKey, Instant lastActivity) {}

    private Optional<Long> purgeOne(SchoolCode school, Instant cutoff, Instant now, int retentionDays) {
        Optional<Candidate> claimed = claim(cutoff);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Candidate visitor = claimed.get();
        boolean avatarDeleted = false;
        if (visitor.avatarKey() != null) {
            store.delete(school, visitor.avatarKey());
            avatarDeleted = true;
        }
        int bookings = update("""
                UPDATE visitor_booking SET visitor_name = NULL, visitor_phone_masked = NULL, visitor_id_masked = NULL,
                    invitee_phone_index = NULL, plate = NULL, companions = '[]'::jsonb, updated_at = ?
                WHERE visitor_id = ?
                """, now, visitor.id());
        int records = update(
                "UPDATE visitor_access_record SET name = NULL, phone_masked = NULL WHERE visitor_id = ?", visitor.id());
        update("""
                UPDATE visitor SET wechat_openid = NULL, avatar_key = NULL, name = NULL, phone_encrypted = NULL,
                    phone_index = NULL, phone_masked = NULL, id_number_encrypted = NULL, id_number_index = NULL,
                    id_number_masked = NULL, purged_at = ?, updated_at = ?
                WHERE id = ?
                """, now, now, visitor.id());
        // Their sessions end now (marked before the commit: should it fail, a signed-out visitor signs in again).
        signOuts.signOut(school, visitor.id());
        personalData.record(
                PersonalDataLog.Action.PURGE,
                SUBJECT,
                visitor.id(),
                "retention " + retentionDays + " days; last activity " + visitor.lastActivity() + "; bookings "
                        + bookings + "; access records " + records + "; avatar "
                        + (avatarDeleted ? "deleted" : "none"));
        return Optional.of(visitor.id());
    }

    /** Locks one visitor due for purging, skipping rows other nodes hold; empty when none is due. */
    private Optional<Candidate> claim(Instant cutoff) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT v.id, v.avatar_key, GREATEST(v.updated_at, a.last_change, a.last_day) AS last_activity
                    FROM visitor v
                    LEFT JOIN LATERAL (
                        SELECT max(b.updated_at) AS last_change,
                               (max(b.visit_date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AS last_day,
                               bool_or(b.status IN ('PENDING_APPROVAL', 'APPROVED', 'PENDING_CONFIRMATION')) AS open
                        FROM visitor_booking b WHERE b.visitor_id = v.id) a ON true
                    WHERE v.purged_at IS NULL AND v.updated_at < ?
                      AND (a.last_change IS NULL OR a.last_change < ?)
                      AND (a.last_day IS NULL OR a.last_day < ?)
                      AND a.open IS NOT TRUE
                    ORDER BY v.updated_at, v.id
                    LIMIT 1
                    FOR UPDATE OF v SKIP LOCKED
                    """)) {
                Timestamp at = Timestamp.from(cutoff);
                ps.setTimestamp(1, at);
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, at);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Candidate(
                            rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
        });
    }

    /** Runs an update whose parameters are the given values in order (instants as timestamps). */
    private int update(String sql, Object... values) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    Object v = values[i];
                    ps.setObject(i + 1, v instanceof Instant instant ? Timestamp.from(instant) : v);
                }
                return ps.executeUpdate();
            }
        });
    }
}
