package cn.campuspass.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.school.SchoolCode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private static final SchoolCode DEMO = SchoolCode.of("demo");
    private static final SchoolCode OTHER = SchoolCode.of("other");

    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void completesEachItemWithItsOwnOutcomeAfterTheBatchRan() {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, String> commits = new GroupCommit<>(
                "test",
                executor,
                (school, items) -> {
                    batches.add(List.copyOf(items));
                    return items.stream().map(i -> school.value() + ":" + i).toList();
                },
                100,
                2,
                Duration.ofSeconds(10));

        assertThat(commits.submitAndWait(DEMO, 7)).isEqualTo("demo:7");
        assertThat(commits.submitAndWait(OTHER, 8)).isEqualTo("other:8");
        assertThat(batches).containsExactly(List.of(7), List.of(8));
    }

    @Test
    void itemsArrivingWhileTheDrainersAreBusyShareTheNextBatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(
                "test",
                executor,
                (school, items) -> {
                    batches.add(List.copyOf(items));
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return items.stream().map(i -> i * 10).toList();
                },
                100,
                1,
                Duration.ofSeconds(10));

        CompletableFuture<Integer> first = commits.submit(DEMO, 1);
        while (batches.isEmpty()) {
            Thread.onSpinWait();
        }
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 2; i <= 6; i++) {
            waiting.add(commits.submit(DEMO, i));
        }
        assertThat(first).isNotDone(); // nothing is answered before its batch has run
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(10);
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 2) * 10);
        }
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4, 5, 6));
    }

    @Test
    void aFailedBatchIsRetriedItemByItemSoOnlyTheBadItemFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(
                "test",
                executor,
                (school, items) -> {
                    batches.add(List.copyOf(items));
                    if (items.contains(0)) {
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    if (items.contains(13)) {
                        throw new SQLException("constraint violated");
                    }
                    return items;
                },
                100,
                1,
                Duration.ofSeconds(10));

        CompletableFuture<Integer> blocker = commits.submit(DEMO, 0);
        while (batches.isEmpty()) {
            Thread.onSpinWait();
        }
        CompletableFuture<Integer> good = commits.submit(DEMO, 12);
        CompletableFuture<Integer> bad = commits.submit(DEMO, 13);
        CompletableFuture<Integer> alsoGood = commits.submit(DEMO, 14);
        release.countDown();

        assertThat(blocker.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo(12);
        assertThat(alsoGood.get(10, TimeUnit.SECONDS)).isEqualTo(14);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
        assertThat(batches).containsExactly(List.of(0), List.of(12, 13, 14), List.of(12), List.of(13), List.of(14));
    }

    @Test
    void submitAndWaitRethrowsTheItemsRuntimeFailure() {
        GroupCommit<Integer, Integer> commits = new GroupCommit<>(
                "test",
                executor,
                (school, items) -> {
                    throw new IllegalArgumentException("refused");
                },
                100,
                2,
                Duration.ofSeconds(10));

        assertThatThrownBy(() -> commits.submitAndWait(DEMO, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refused");
    }
}
