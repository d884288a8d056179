package cn.campuspass.notification;

import cn.campuspass.notification.NotificationChannel.Delivery;
import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.ServingSchools;
import cn.campuspass.registrant.Registrants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox messages of every school in service. Each message is claimed, sent and marked in one transaction
 * that holds its row lock ({@code FOR UPDATE SKIP LOCKED}), so any number of dispatchers — threads of this node or
 * other nodes — never send one row twice, and a dispatcher that dies mid-send leaves the row pending (the channel asks
 * WeChat to drop the repeat through the dedup key). One message per transaction keeps a slow send from holding more
 * than one lock.
 *
 * <p>Failures that may pass are retried after {@code backoff-base × 2^(attempt-1)} (capped at {@code backoff-max});
 * after {@code max-attempts} the message is FAILED. Runs every {@code poll-interval} on one daemon thread per node,
 * and at once after a commit that queued a message ({@link #nudge}).
 */
@Component
public class NotificationDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final ServingSchools schools;
    private final OutboxStore store;
    private final Registrants registrants;
    private final NotificationChannel channel;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final int batchSize;
    private final Duration pollInterval;
    private final boolean enabled;
    private final AtomicLong pending = new AtomicLong();
    private final Set<SchoolCode> nudged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("notification-dispatch"));

    NotificationDispatcher(
            ServingSchools schools,
            OutboxStore store,
            Registrants registrants,
            NotificationChannel channel,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters,
            @Value("${campuspass.notifications.max-attempts:8}") int maxAttempts,
            @Value("${campuspass.notifications.backoff-base:PT10S}") Duration backoffBase,
            @Value("${campuspass.notifications.backoff-max:PT1H}") Duration backoffMax,
            @Value("${campuspass.notifications.batch-size:100}") int batchSize,
            @Value("${campuspass.notifications.poll-interval:PT5S}") Duration pollInterval,
            @Value("${campuspass.notifications.enabled:true}") boolean enabled) {
        this.schools = schools;
        this.store = store;
        this.registrants = registrants;
        this.channel = channel;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.batchSize = Math.max(1, batchSize);
        this.pollInterval = pollInterval;
        this.enabled = enabled;
        meters.gauge("campuspass.notifications.pending", pending);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            scheduler.scheduleWithFixedDelay(
                    this::sweep, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Dispatches the school's due messages soon, on the dispatcher thread (after a commit that queued one). */
    void nudge(SchoolCode school) {
        if (enabled && nudged.add(school)) {
            try {
                scheduler.execute(() -> {
                    nudged.remove(school);
                    dispatchQuietly(school, clock.instant());
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                nudged.remove(school); // shutting down; the next node's poll sends it
            }
        }
    }

    /** One pass over every school in service; also refreshes the pending gauge. */
    public void sweep() {
        long backlog = 0;
        for (SchoolCode school : schools.serving()) {
            Instant now = clock.instant();
            dispatchQuietly(school, now);
            try {
                backlog += SchoolContext.callAsUnchecked(school, () -> transactions.execute(tx -> store.pending()));
            } catch (RuntimeException e) {
                log.debug("Pending count of school {} unavailable", school.value(), e);
            }
        }
        pending.set(backlog);
    }

    /** Sends the school's messages due at the clock's now; returns how many were settled (sent, retried, failed). */
    public int dispatchDue(SchoolCode school) {
        return dispatchDue(school, clock.instant());
    }

    /**
     * Sends up to {@code batch-size} messages of {@code school} due at {@code now}, one transaction each; returns how
     * many were handled. Safe to call from any number of threads and nodes at once.
     */
    public int dispatchDue(SchoolCode school, Instant now) {
        return SchoolContext.callAsUnchecked(school, () -> {
            int handled = 0;
            while (handled < batchSize && Boolean.TRUE.equals(transactions.execute(tx -> dispatchOne(school, now)))) {
                handled++;
            }
            return handled;
        });
    }

    private void dispatchQuietly(SchoolCode school, Instant now) {
        try {
            dispatchDue(school, now);
        } catch (RuntimeException e) {
            // A school still migrating towards the outbox table, or a database hiccup: the next poll tries again.
            log.warn("Notification dispatch for school {} failed: {}", school.value(), e.toString());
        }
    }

    /** Claims, sends and marks one message in the caller's transaction; false when none is due. */
    private boolean dispatchOne(SchoolCode school, Instant now) {
        Optional<OutboxStore.Claimed> claimed = store.claimDue(now);
        if (claimed.isEmpty()) {
            return false;
        }
        OutboxStore.Claimed row = claimed.get();
        String openid = row.openid() != null
                ? row.openid()
                : registrants.wechatOpenidOf(row.registrantId()).orElse(null);
        Delivery delivery;
        if (openid == null) {
            delivery = new Delivery.Skipped("NO_WECHAT_BINDING");
        } else {
            OutboxMessage message = new OutboxMessage(
                    row.id(), row.dedupKey(), row.kind(), openid, row.data(), row.url(), row.attempts() + 1);
            try {
                delivery = channel.send(school, message);
            } catch (RuntimeException e) {
                delivery = new Delivery.Retry(e.toString());
            }
        }
        settle(row, delivery, now);
        return true;
    }

    private void settle(OutboxStore.Claimed row, Delivery delivery, Instant now) {
        String kind = row.kind().name();
        if (delivery instanceof Delivery.Sent sent) {
            store.markSent(row.id(), sent.reference(), now);
            counter("campuspass.notifications.sent", kind).increment();
        } else if (delivery instanceof Delivery.Skipped skipped) {
            store.markFinal(row.id(), "SKIPPED", skipped.reason(), false);
            counter("campuspass.notifications.skipped", kind).increment();
        } else if (delivery instanceof Delivery.Failed failed) {
            fail(row, failed.error(), kind);
        } else if (delivery instanceof Delivery.Retry retry) {
            int attempt = row.attempts() + 1;
            if (attempt >= maxAttempts) {
                fail(row, retry.error(), kind);
            } else {
                store.markRetry(row.id(), retry.error(), now.plus(backoff(attempt)));
                counter("campuspass.notifications.retried", kind).increment();
            }
        }
    }

    private void fail(OutboxStore.Claimed row, String error, String kind) {
        store.markFinal(row.id(), "FAILED", error, true);
        counter("campuspass.notifications.failed", kind).increment();
        log.warn("Notification {} ({}) failed after {} attempt(s): {}", row.id(), kind, row.attempts() + 1, error);
    }

    /** The wait after the {@code attempt}-th failed attempt: base, 2×base, 4×base, … capped. */
    Duration backoff(int attempt) {
        Duration wait = backoffBase;
        for (int i = 1; i < attempt && wait.compareTo(backoffMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    private Counter counter(String name, String kind) {
        return meters.counter(name, "kind", kind);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
