package cn.campuspass.notification;

import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of {@code notification_outbox}; every method runs on the caller's transaction and bound school. */
@Component
class OutboxStore {

    /** A claimed row before its recipient is resolved. */
    record Claimed(
            long id,
            String dedupKey,
            NotificationKind kind,
            Long registrantId,
            String openid,
            Map<String, String> data,
            String url,
            int attempts) {}

    private static final TypeReference<LinkedHashMap<String, String>> DATA = new TypeReference<>() {};

    private final SchoolJdbc jdbc;
    private final JsonMapper json;

    OutboxStore(SchoolJdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the message unless its dedup key is already there; true when inserted. */
    boolean insert(
            Recipient recipient,
            NotificationKind kind,
            Map<String, String> data,
            String url,
            String dedupKey,
            Instant now) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO notification_outbox (dedup_key, kind, registrant_id, openid, data, url,
                                                     next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
                    ON CONFLICT (dedup_key) DO NOTHING
                    """)) {
                ps.setString(1, dedupKey);
                ps.setString(2, kind.name());
                ps.setObject(3, recipient.registrantId());
                ps.setString(4, recipient.openid());
                ps.setString(5, json.writeValueAsString(data));
                ps.setString(6, url);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setTimestamp(8, Timestamp.from(now));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Locks the oldest due pending message that no other transaction holds. The lock lasts until the caller's
     * transaction ends, which also writes the outcome: a second dispatcher skips the row and, once the first commits,
     * no longer sees it as pending.
     */
    Optional<Claimed> claimDue(Instant now) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, dedup_key, kind, registrant_id, openid, data, url, attempts
                    FROM notification_outbox
                    WHERE status = 'PENDING' AND next_attempt_at <= ?
                    ORDER BY next_attempt_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """)) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Claimed(
                            rs.getLong("id"),
                            rs.getString("dedup_key"),
                            NotificationKind.valueOf(rs.getString("kind")),
                            rs.getObject("registrant_id", Long.class),
                            rs.getString("openid"),
                            json.readValue(rs.getString("data"), DATA),
                            rs.getString("url"),
                            rs.getInt("attempts")));
                }
            }
        });
    }

    void markSent(long id, String reference, Instant now) {
        update(
                "UPDATE notification_outbox SET status = 'SENT', attempts = attempts + 1, wechat_msgid = ?,"
                        + " sent_at = ?, last_error = NULL WHERE id = ?",
                reference,
                Timestamp.from(now),
                id);
    }

    void markRetry(long id, String error, Instant nextAttempt) {
        update(
                "UPDATE notification_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                        + " WHERE id = ?",
                clip(error),
                Timestamp.from(nextAttempt),
                id);
    }

    /** Ends the message as FAILED or SKIPPED; {@code countsAsAttempt} is false when nothing was sent. */
    void markFinal(long id, String status, String error, boolean countsAsAttempt) {
        update(
                "UPDATE notification_outbox SET status = ?, last_error = ?, attempts = attempts + ? WHERE id = ?",
                status,
                clip(error),
                countsAsAttempt ? 1 : 0,
                id);
    }

    long pending() {
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT count(*) FROM notification_outbox WHERE status = 'PENDING'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void update(String sql, Object... args) {
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static String clip(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= 500 ? error : error.substring(0, 500);
    }
}
