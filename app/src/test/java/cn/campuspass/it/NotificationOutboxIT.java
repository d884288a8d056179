package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.feedback.Feedbacks;
import cn.campuspass.localstack.LocalStack;
import cn.campuspass.localstack.WeChatSimulator;
import cn.campuspass.notification.NotificationDispatcher;
import cn.campuspass.notification.NotificationKind;
import cn.campuspass.notification.Notifications;
import cn.campuspass.notification.Recipient;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification outbox on the real stack (PostgreSQL, the WeChat simulator through WxJava): a message queued in a
 * transaction that rolls back is never sent; a committed one reaches the simulator exactly once (queuing its dedup key
 * again does nothing); transient WeChat errors are retried with a doubling back-off and the message then arrives once;
 * dispatchers racing for the same rows never send one twice; a message failing beyond the maximum attempts ends
 * FAILED, a permanent WeChat error ends it at once, and a registrant without a WeChat binding is skipped. Feedback
 * replies reach the registrant as a template message. Time is passed to the dispatcher explicitly; nothing waits on a
 * wall-clock deadline except the bounded polls for the background thread.
 */
class NotificationOutboxIT extends StackTest {

    private static final String SCHOOL = "notifyuni";
    private static final SchoolCode CODE = SchoolCode.of(SCHOOL);
    private static final String PASSWORD = "NotifyUni@2026";
    private static final String APP_ID = "wxnotifyuni00001";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    Notifications notifications;

    @Autowired
    NotificationDispatcher dispatcher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Feedbacks feedbacks;

    private static volatile boolean onboarded;

    private final WeChatSimulator simulator = LocalStack.shared().weChat();

    @BeforeEach
    void school() {
        if (!onboarded) {
            synchronized (NotificationOutboxIT.class) {
                if (!onboarded) {
                    onboard(SCHOOL, "admin", "13300000090", PASSWORD, APP_ID);
                    onboarded = true;
                }
            }
        }
    }

    @Test
    void aRolledBackEnqueueSendsNothing() {
        String openid = openid();
        String key = "rollback:" + openid;
        SchoolContext.runAs(
                CODE,
                () -> transactions.executeWithoutResult(tx -> {
                    assertThat(notifications.enqueue(
                                    Recipient.openid(openid), NotificationKind.FEEDBACK_REPLIED, data("回滚"), key))
                            .isTrue();
                    tx.setRollbackOnly();
                }));
        dispatcher.dispatchDue(CODE, Instant.now().plus(Duration.ofDays(1)));
        assertThat(count("SELECT count(*) FROM school_notifyuni.notification_outbox WHERE dedup_key = ?", key))
                .isZero();
        assertThat(simulator.sendRequests(openid)).isZero();
        assertThat(simulator.messages(openid)).isEmpty();
    }

    @Test
    void aCommittedMessageArrivesExactlyOnce() {
        String openid = openid();
        String key = "once:" + openid;
        assertThat(enqueue(openid, key, data("一次"))).isTrue();
        // The commit nudges the dispatcher: no explicit dispatch needed.
        await(() -> simulator.messages(openid).size() == 1, "the message reaches the simulator");
        WeChatSimulator.WeChatMessage message = simulator.messages(openid).get(0);
        assertThat(message.kind()).isEqualTo("template");
        assertThat(message.appId()).isEqualTo(APP_ID);
        assertThat(message.templateId()).isEqualTo("tpl-feedback-replied");
        assertThat(message.data()).containsKey("thing1");
        assertThat(message.request().get("client_msg_id")).isNotNull();
        await(() -> "SENT".equals(status(key)), "the row is marked sent");

        // The same cause again is not queued again, and further dispatching sends nothing more.
        assertThat(enqueue(openid, key, data("一次"))).isFalse();
        dispatcher.dispatchDue(CODE, Instant.now().plus(Duration.ofDays(1)));
        assertThat(simulator.sendRequests(openid)).isEqualTo(1);
        assertThat(simulator.messages(openid)).hasSize(1);
        assertThat(row(key))
                .containsEntry("status", "SENT")
                .containsEntry("attempts", 1)
                .containsEntry("wechat_msgid", String.valueOf(message.msgid()));
    }

    @Test
    void transientFailuresAreRetriedWithDoublingBackOffThenSentOnce() {
        String openid = openid();
        String key = "retry:" + openid;
        simulator.failNextMessages(openid, 3, 45011);
        assertThat(enqueue(openid, key, data("重试"))).isTrue();
        dispatcher.dispatchDue(CODE);
        await(() -> attempts(key) == 1, "the first attempt fails");
        assertThat(status(key)).isEqualTo("PENDING");
        assertThat((String) row(key).get("last_error")).startsWith("WECHAT_45011");
        assertThat(simulator.messages(openid)).isEmpty();

        // Second attempt an hour later: fails again, next try 2 × 10 s later.
        Instant t1 = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(dispatcher.dispatchDue(CODE, t1)).isEqualTo(1);
        assertThat(attempts(key)).isEqualTo(2);
        assertThat(nextAttempt(key)).isEqualTo(t1.plusSeconds(20));
        // Not due a second early.
        assertThat(dispatcher.dispatchDue(CODE, t1.plusSeconds(19))).isZero();
        // Third attempt fails, next try 4 × 10 s later.
        Instant t2 = t1.plusSeconds(20);
        assertThat(dispatcher.dispatchDue(CODE, t2)).isEqualTo(1);
        assertThat(attempts(key)).isEqualTo(3);
        assertThat(nextAttempt(key)).isEqualTo(t2.plusSeconds(40));
        assertThat(simulator.messages(openid)).isEmpty();
        // Fourth attempt goes through.
        assertThat(dispatcher.dispatchDue(CODE, t2.plusSeconds(40))).isEqualTo(1);
        assertThat(row(key)).containsEntry("status", "SENT").containsEntry("attempts", 4);
        assertThat(simulator.messages(openid)).hasSize(1);
        assertThat(simulator.sendRequests(openid)).isEqualTo(4);
        dispatcher.dispatchDue(CODE, t2.plus(Duration.ofDays(1)));
        assertThat(simulator.messages(openid)).hasSize(1);
    }

    @Test
    void concurrentDispatchersNeverSendAMessageTwice() throws Exception {
        String openid = openid();
        int messages = 40;
        SchoolContext.runAs(
                CODE,
                () -> transactions.executeWithoutResult(tx -> {
                    for (int i = 0; i < messages; i++) {
                        notifications.enqueue(
                                Recipient.openid(openid),
                                NotificationKind.FEEDBACK_REPLIED,
                                data("并发" + i),
                                openid + ":" + i);
                    }
                }));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> dispatch = () -> {
                    start.await();
                    int handled = 0;
                    for (int round = 0; round < 5; round++) {
                        handled += dispatcher.dispatchDue(CODE, Instant.now().plusSeconds(1));
                    }
                    return handled;
                };
                results.add(pool.submit(dispatch));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        await(
                () -> count(
                                "SELECT count(*) FROM school_notifyuni.notification_outbox WHERE dedup_key LIKE ?"
                                        + " AND status = 'SENT'",
                                openid + ":%")
                        == messages,
                "every message is sent");
        assertThat(simulator.sendRequests(openid)).isEqualTo(messages);
        assertThat(simulator.messages(openid)).hasSize(messages);
        assertThat(simulator.messages(openid).stream()
                        .map(m -> m.request().get("client_msg_id"))
                        .distinct())
                .hasSize(messages);
        assertThat(count(
                        "SELECT count(*) FROM school_notifyuni.notification_outbox WHERE dedup_key LIKE ? AND attempts <> 1",
                        openid + ":%"))
                .isZero();
    }

    @Test
    void aMessageFailingBeyondTheMaximumAttemptsEndsFailed() {
        String openid = openid();
        String key = "failed:" + openid;
        simulator.failNextMessages(openid, 100, 45011);
        try {
            assertThat(enqueue(openid, key, data("失败"))).isTrue();
            Instant now = Instant.now().plus(Duration.ofHours(1));
            // Other tests' messages of this school may be due at these future instants too and take a pass's batch:
            // keep passing until this one is settled (each pass still tries it at most once).
            for (int i = 0; i < 200 && "PENDING".equals(status(key)); i++) {
                dispatcher.dispatchDue(CODE, now);
                now = now.plus(Duration.ofHours(2));
            }
            assertThat(row(key)).containsEntry("status", "FAILED").containsEntry("attempts", 8);
            assertThat(simulator.sendRequests(openid)).isEqualTo(8);
            dispatcher.dispatchDue(CODE, now.plus(Duration.ofDays(1)));
            assertThat(simulator.sendRequests(openid)).isEqualTo(8);
            assertThat(simulator.messages(openid)).isEmpty();
        } finally {
            simulator.failNextMessages(openid, 0, 0);
        }
    }

    @Test
    void aPermanentWeChatErrorFailsAtOnceAndAnUnboundRegistrantIsSkipped() {
        String openid = openid();
        String key = "refused:" + openid;
        simulator.failNextMessages(openid, 1, 43101); // the user refused messages
        assertThat(enqueue(openid, key, data("拒收"))).isTrue();
        dispatcher.dispatchDue(CODE);
        await(() -> !"PENDING".equals(status(key)), "the attempt is settled");
        assertThat(row(key)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat((String) row(key).get("last_error")).startsWith("WECHAT_43101");

        long unbound = registrant(null);
        String skipKey = "unbound:" + unbound;
        SchoolContext.runAs(
                CODE,
                () -> transactions.executeWithoutResult(tx -> notifications.enqueue(
                        Recipient.registrant(unbound), NotificationKind.FEEDBACK_REPLIED, data("未绑定"), skipKey)));
        dispatcher.dispatchDue(CODE);
        await(() -> !"PENDING".equals(status(skipKey)), "the message is settled");
        assertThat(row(skipKey)).containsEntry("status", "SKIPPED").containsEntry("last_error", "NO_WECHAT_BINDING");
    }

    @Test
    void aFeedbackReplyReachesTheRegistrantAsATemplateMessage() {
        String openid = openid();
        long registrant = registrant(openid);
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        Http.Response type = Http.post(url("/admin/api/feedback-types"), admin, Map.of("name", "通知测试" + openid));
        assertThat(type.status()).as(type.body()).isEqualTo(201);
        long feedback = SchoolContext.callAsUnchecked(
                CODE,
                () -> feedbacks.submit(
                        registrant,
                        new Feedbacks.Submission(type.json().path("id").asLong(), "食堂晚上几点关门", "想了解一下"),
                        List.of()));

        Http.Response replied =
                Http.post(url("/admin/api/feedback/" + feedback + "/reply"), admin, Map.of("reply", "晚上九点。"));
        assertThat(replied.status()).as(replied.body()).isEqualTo(200);
        await(() -> simulator.messages(openid).size() == 1, "the registrant gets the reply notice");
        WeChatSimulator.WeChatMessage message = simulator.messages(openid).get(0);
        assertThat(message.templateId()).isEqualTo("tpl-feedback-replied");
        assertThat(message.url()).endsWith("/portal/" + SCHOOL + "/feedback/" + feedback);
        assertThat(message.data().toString()).contains("食堂晚上几点关门").contains("晚上九点。");

        // A second reply is refused and queues nothing.
        assertThat(Http.post(url("/admin/api/feedback/" + feedback + "/reply"), admin, Map.of("reply", "再次"))
                        .status())
                .isEqualTo(409);
        dispatcher.dispatchDue(CODE);
        assertThat(simulator.sendRequests(openid)).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String openid() {
        return "o-notify-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static Map<String, String> data(String text) {
        return Map.of("thing1", text, "thing2", "已处理", "time3", "2026-12-02 10:00");
    }

    private boolean enqueue(String openid, String key, Map<String, String> data) {
        return SchoolContext.callAsUnchecked(
                CODE,
                () -> transactions.execute(tx ->
                        notifications.enqueue(Recipient.openid(openid), NotificationKind.FEEDBACK_REPLIED, data, key)));
    }

    private long registrant(String openid) {
        SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        long id = fixtures.registrant(
                SCHOOL,
                "通知" + suffix.substring(0, 2),
                "STUDENT",
                "N" + suffix,
                "139" + String.format("%08d", Math.abs(suffix.hashCode()) % 100_000_000),
                "12345X",
                fixtures.department(Tokens.school(SCHOOL, "admin", PASSWORD), "通知学院" + suffix));
        if (openid != null) {
            jdbc.update("UPDATE school_notifyuni.registrant SET wechat_openid = ? WHERE id = ?", openid, id);
        }
        return id;
    }

    private Map<String, Object> row(String key) {
        return jdbc.queryForMap("SELECT * FROM school_notifyuni.notification_outbox WHERE dedup_key = ?", key);
    }

    private String status(String key) {
        return (String) row(key).get("status");
    }

    private int attempts(String key) {
        return (Integer) row(key).get("attempts");
    }

    private Instant nextAttempt(String key) {
        return ((Timestamp) row(key).get("next_attempt_at")).toInstant();
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** Polls (bounded) for the background dispatcher; not a timing assertion. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            sleep(50);
        }
    }
}
