package cn.campuspass.notification;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The facade other modules use to notify someone. {@link #enqueue} only writes an outbox row, and only inside the
 * caller's transaction ({@code MANDATORY}): the message exists exactly when the business change committed. After the
 * commit the dispatcher is nudged, so the message usually leaves at once rather than at the next poll.
 */
@Service
public class Notifications {

    public static final int MAX_DEDUP_KEY = 200;
    public static final int MAX_DATA_ENTRIES = 20;
    public static final int MAX_VALUE_LENGTH = 200;

    private final OutboxStore store;
    private final NotificationDispatcher dispatcher;
    private final Clock clock;

    Notifications(OutboxStore store, NotificationDispatcher dispatcher, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * Queues a message for {@code recipient} in the current transaction.
     *
     * @param data the template's key/value pairs (e.g. {@code thing1 → 东门闸机识别慢})
     * @param dedupKey names the cause, e.g. {@code feedback-replied:42}; a key already queued is not queued again
     * @return true when queued, false when a message with this key exists already
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(Recipient recipient, NotificationKind kind, Map<String, String> data, String dedupKey) {
        return enqueue(recipient, kind, data, null, dedupKey);
    }

    /** {@link #enqueue(Recipient, NotificationKind, Map, String)} with a link the message opens ({@code url}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(
            Recipient recipient, NotificationKind kind, Map<String, String> data, String url, String dedupKey) {
        if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > MAX_DEDUP_KEY) {
            throw new IllegalArgumentException("A notification needs a dedup key of 1.." + MAX_DEDUP_KEY + " chars");
        }
        if (data.size() > MAX_DATA_ENTRIES) {
            throw new IllegalArgumentException("Too many template data entries");
        }
        if (url != null && url.length() > 500) {
            throw new IllegalArgumentException("A notification link has at most 500 characters");
        }
        Map<String, String> clipped = new java.util.LinkedHashMap<>();
        // WeChat refuses over-long template values; clip here so that a long feedback title cannot fail the send.
        data.forEach((k, v) -> clipped.put(k, v == null ? "" : clip(v)));
        SchoolCode school = SchoolContext.require();
        boolean inserted = store.insert(recipient, kind, clipped, url, dedupKey, clock.instant());
        if (inserted && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.nudge(school);
                }
            });
        }
        return inserted;
    }

    private static String clip(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }
}
