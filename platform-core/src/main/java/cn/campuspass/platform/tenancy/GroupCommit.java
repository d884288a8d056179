package cn.campuspass.platform.tenancy;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.school.SchoolCode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for a hot write path: the work items of concurrent requests of one school are handled together, in
 * one transaction on one connection (plain JDBC through {@link SchoolConnections#inTransaction}, or a Spring
 * transaction the batch opens itself), and each request's future completes only after that transaction has
 * committed — so a request still answers only once its row is durable, but N concurrent
 * requests cost one connection checkout, one {@code search_path} switch and one commit (one WAL flush) instead of N.
 *
 * <p>There is no timer and no waiting for a batch to fill: an item submitted while a school's drainers are all busy
 * joins the next batch, so batches grow with load and a lone request is handled at once. At most
 * {@code drainersPerSchool} batches of one school run at a time (one can read while another commits).
 *
 * <p>If a batch fails as a whole (a constraint, a deadlock, a lost connection), each of its items is retried alone
 * in its own transaction, so one bad item fails only its own request.
 *
 * @param <I> a request's work item
 * @param <O> its outcome, available once committed
 */
public final class GroupCommit<I, O> implements AutoCloseable {

    /**
     * A batch's work: one transaction for all the items, committed before it returns one outcome per item, in order.
     * Runs on a writer thread, where no school is bound.
     */
    public interface Batch<I, O> {
        List<O> run(SchoolCode school, List<I> items) throws SQLException;
    }

    /** The batch's work on the school's connection, inside the transaction: one outcome per item, in order. */
    public interface Work<I, O> {
        List<O> run(Connection connection, List<I> items) throws SQLException;
    }

    /** A batch in one plain JDBC transaction on the school's schema. */
    public static <I, O> Batch<I, O> jdbc(SchoolConnections connections, Work<I, O> work) {
        return (school, items) -> connections.inTransaction(school, c -> work.run(c, items));
    }

    /**
     * A group commit of plain JDBC batches ({@link #jdbc(SchoolConnections, Work)}) on its own {@code threads} daemon
     * writer threads named {@code threadName-N}, waiting at most 30 s for a commit; {@link #close} stops the threads.
     */
    public static <I, O> GroupCommit<I, O> onOwnThreads(
            String name,
            String threadName,
            int threads,
            SchoolConnections connections,
            Work<I, O> work,
            int maxBatch,
            int drainersPerSchool) {
        ExecutorService writers = Executors.newFixedThreadPool(threads, DaemonThreads.named(threadName));
        GroupCommit<I, O> commits = new GroupCommit<>(
                name, writers, jdbc(connections, work), maxBatch, drainersPerSchool, Duration.ofSeconds(30));
        commits.ownExecutor = writers;
        return commits;
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Pending<I, O>(I item, CompletableFuture<O> outcome) {}

    private static final class Lane<I, O> {
        final SchoolCode school;
        final Queue<Pending<I, O>> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger drainers = new AtomicInteger();

        Lane(SchoolCode school) {
            this.school = school;
        }
    }

    private final String name;
    private final Executor executor;
    private final Batch<I, O> batch;
    private final int maxBatch;
    private final int drainersPerSchool;
    private final Duration timeout;
    private final Map<SchoolCode, Lane<I, O>> lanes = new ConcurrentHashMap<>();
    private ExecutorService ownExecutor;
    private volatile DistributionSummary batchSizes;

    public GroupCommit(
            String name, Executor executor, Batch<I, O> batch, int maxBatch, int drainersPerSchool, Duration timeout) {
        if (maxBatch < 1 || drainersPerSchool < 1) {
            throw new IllegalArgumentException("maxBatch and drainersPerSchool must be positive");
        }
        this.name = name;
        this.executor = executor;
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.drainersPerSchool = drainersPerSchool;
        this.timeout = timeout;
    }

    /**
     * Records every batch's size in {@code campuspass.group-commit.batch} (tag {@code name}): how many requests one
     * commit served — the figure that tells whether the group commit is doing its job under load.
     */
    public GroupCommit<I, O> measuredBy(MeterRegistry meters) {
        this.batchSizes = DistributionSummary.builder("campuspass.group-commit.batch")
                .description("Requests served by one group commit")
                .baseUnit("requests")
                .tag("name", name)
                .register(meters);
        return this;
    }

    /** Stops the writer threads of a group commit made by {@link #onOwnThreads}; nothing for one given its executor. */
    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    /**
     * Hands the item to the school's next batch and waits until that batch has committed. A failure of the item's
     * work (or of its own retry) is rethrown as it was thrown: a {@link RuntimeException} as is, an
     * {@link SQLException} wrapped in {@link IllegalStateException}.
     */
    public O submitAndWait(SchoolCode school, I item) {
        CompletableFuture<O> outcome = submit(school, item);
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while waiting for the commit", e);
        } catch (TimeoutException e) {
            // The item may still be committed later; the caller was not told it was, which is what matters.
            throw new IllegalStateException(name + ": no commit within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(name + ": " + cause.getMessage(), cause);
        }
    }

    /** Hands the item to the school's next batch; the future completes after that batch's commit. */
    public CompletableFuture<O> submit(SchoolCode school, I item) {
        Lane<I, O> lane = lanes.computeIfAbsent(school, Lane::new);
        CompletableFuture<O> outcome = new CompletableFuture<>();
        lane.queue.add(new Pending<>(item, outcome));
        if (tryAcquire(lane)) {
            try {
                executor.execute(() -> drain(lane));
            } catch (RuntimeException e) {
                lane.drainers.decrementAndGet();
                outcome.completeExceptionally(e);
                throw e;
            }
        }
        return outcome;
    }

    private boolean tryAcquire(Lane<I, O> lane) {
        while (true) {
            int current = lane.drainers.get();
            if (current >= drainersPerSchool) {
                return false;
            }
            if (lane.drainers.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private void drain(Lane<I, O> lane) {
        while (true) {
            List<Pending<I, O>> batch = new ArrayList<>();
            Pending<I, O> next;
            while (batch.size() < maxBatch && (next = lane.queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                lane.drainers.decrementAndGet();
                // An item queued after the poll above but before the decrement found every drainer busy: take it.
                if (lane.queue.isEmpty() || !tryAcquire(lane)) {
                    return;
                }
                continue;
            }
            run(lane.school, batch);
        }
    }

    private void run(SchoolCode school, List<Pending<I, O>> batch) {
        DistributionSummary sizes = batchSizes;
        if (sizes != null) {
            sizes.record(batch.size());
        }
        List<I> items = new ArrayList<>(batch.size());
        for (Pending<I, O> pending : batch) {
            items.add(pending.item());
        }
        List<O> outcomes;
        try {
            outcomes = this.batch.run(school, items);
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).outcome().completeExceptionally(e);
                return;
            }
            log.warn("{}: a batch of {} failed for {}; retrying its items one by one", name, batch.size(), school, e);
            for (Pending<I, O> pending : batch) {
                run(school, List.of(pending));
            }
            return;
        } catch (Error e) {
            batch.forEach(p -> p.outcome().completeExceptionally(e));
            throw e;
        }
        if (outcomes.size() != batch.size()) {
            IllegalStateException e = new IllegalStateException(
                    name + ": " + outcomes.size() + " outcomes for " + batch.size() + " items");
            batch.forEach(p -> p.outcome().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
        }
    }
}
