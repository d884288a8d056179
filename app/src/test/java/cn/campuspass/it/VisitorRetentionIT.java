package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.visitor.BookingExpiry;
import cn.campuspass.visitor.VisitorRetention;
import cn.campuspass.visitor.Visitors;
import cn.campuspass.wechat.session.VisitorSessions;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Visitor housekeeping on the real stack (issue 10 item 7 and booking expiry): bookings expire exactly when their
 * slot's Shanghai window closes, whatever their open state, idempotently and freeing the slot, and the visitor sees
 * EXPIRED; the retention purge erases exactly the visitors past the school's retention (their data, the copies on
 * their bookings and records, the avatar object), logs each purge, and leaves visitors with recent activity or an open
 * booking alone; the retention is a school setting; the whole ID number only through the audited console view.
 */
class VisitorRetentionIT extends StackTest {

    private static final String SCHOOL = "retentionuni";
    private static final String SCHEMA = "school_retentionuni";
    private static final String PASSWORD = "Retention@2026";
    private static final String GUARD_PASSWORD = "Guard@2026r";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2031, 3, 4);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    MutableClock clock;

    @Autowired
    BookingExpiry expiry;

    @Autowired
    VisitorRetention retention;

    @Autowired
    SchoolSettingsProvider settings;

    @Autowired
    ObjectStore store;

    @Autowired
    VisitorSessions visitorSessions;

    private int profileStatus(String session) {
        return Http.get(
                        url("/portal/" + SCHOOL + "/api/visitor/profile"),
                        null,
                        Map.of(VisitorSessions.HEADER, session))
                .status();
    }

    private static volatile boolean ready;
    private static volatile long gate;
    private static volatile long host;

    @BeforeEach
    void school() {
        if (!ready) {
            synchronized (VisitorRetentionIT.class) {
                if (!ready) {
                    onboard(SCHOOL, "admin", "13300000297", PASSWORD);
                    SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
                    String admin = admin();
                    long campus = fixtures.campus(admin, "主校区");
                    gate = fixtures.gate(admin, campus, "东门");
                    fixtures.staff(SCHOOL, "guard1", "13300000298", GUARD_PASSWORD, SeededRole.GATE_GUARD.realmRole());
                    long department = fixtures.department(admin, "外国语学院");
                    host = fixtures.registrant(SCHOOL, "李老师", "TEACHER", "T2026297", "13900000297", null, department);
                    ready = true;
                }
            }
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void bookingsExpireWhenTheirShanghaiWindowClosesAndFreeTheSlot() {
        long visitor = visitor("o-exp-" + suffix(), "钱访客", "11010519491231002X", Instant.now(), null);
        long approvedMorning = booking(visitor, DAY, "MORNING", "APPROVED", Instant.now());
        long pendingAfternoon = booking(visitor, DAY, "AFTERNOON", "PENDING_APPROVAL", Instant.now());
        long unconfirmedInvitation = invitation(DAY, "MORNING");
        long visitedEvening = booking(visitor, DAY, "EVENING", "VISITED", Instant.now());
        long yesterdayEvening = booking(visitor, DAY.minusDays(1), "EVENING", "APPROVED", Instant.now());
        long tomorrowMorning = booking(visitor, DAY.plusDays(1), "MORNING", "APPROVED", Instant.now());

        // 11:59:59 Shanghai (03:59:59 UTC): only yesterday's evening has closed.
        assertThat(expireAt(DAY, LocalTime.of(11, 59, 59))).isEqualTo(1);
        assertThat(status(yesterdayEvening)).isEqualTo("EXPIRED");
        assertThat(status(approvedMorning)).isEqualTo("APPROVED");

        // 12:00 the morning window closes: the effective booking and the unconfirmed invitation expire.
        assertThat(expireAt(DAY, LocalTime.NOON)).isEqualTo(2);
        assertThat(status(approvedMorning)).isEqualTo("EXPIRED");
        assertThat(status(unconfirmedInvitation)).isEqualTo("EXPIRED");
        assertThat(status(pendingAfternoon)).isEqualTo("PENDING_APPROVAL");
        // Idempotent: a second run (another node, the next minute) changes nothing.
        assertThat(expireAt(DAY, LocalTime.NOON)).isZero();

        assertThat(expireAt(DAY, LocalTime.of(17, 59, 59))).isZero();
        assertThat(expireAt(DAY, LocalTime.of(18, 0))).isEqualTo(1);
        assertThat(status(pendingAfternoon)).isEqualTo("EXPIRED");
        // A visit stays a visit; tomorrow is untouched even past the end of today's evening.
        assertThat(expireAt(DAY, LocalTime.of(23, 30))).isZero();
        assertThat(status(visitedEvening)).isEqualTo("VISITED");
        assertThat(status(tomorrowMorning)).isEqualTo("APPROVED");

        // The expired booking no longer holds its slot: the one-per-slot index takes a new one.
        assertThatCode(() -> booking(visitor, DAY, "MORNING", "PENDING_APPROVAL", Instant.now()))
                .doesNotThrowAnyException();

        // The visitor sees 已过期 in the portal's list.
        clock.set(DAY.atTime(LocalTime.of(18, 5)).atZone(SHANGHAI).toInstant());
        String openid = jdbc.queryForObject(
                "SELECT wechat_openid FROM " + SCHEMA + ".visitor WHERE id = ?", String.class, visitor);
        String session =
                visitorSessions.create(SchoolCode.of(SCHOOL), openid, visitor).token();
        Http.Response list = Http.get(
                url("/portal/" + SCHOOL + "/api/visitor/bookings"), null, Map.of(VisitorSessions.HEADER, session));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        Map<Long, String> statuses = new java.util.HashMap<>();
        for (JsonNode b : list.json()) {
            statuses.put(b.path("id").asLong(), b.path("status").asString());
        }
        assertThat(statuses)
                .containsEntry(approvedMorning, "EXPIRED")
                .containsEntry(pendingAfternoon, "EXPIRED")
                .containsEntry(tomorrowMorning, "APPROVED");
    }

    @Test
    void parallelExpiryRunsExpireEachBookingOnce() throws Exception {
        LocalDate day = DAY.plusDays(10);
        for (int i = 0; i < 40; i++) {
            long v = visitor("o-par-" + suffix(), "并发" + i, null, Instant.now(), null);
            booking(v, day, "MORNING", i % 2 == 0 ? "APPROVED" : "PENDING_APPROVAL", Instant.now());
        }
        Instant noon = day.atTime(LocalTime.NOON).atZone(SHANGHAI).toInstant();
        // Everything open whose window closed by then (other tests' leftovers of earlier days included).
        int due = jdbc.queryForObject(
                "SELECT count(*) FROM " + SCHEMA + ".visitor_booking WHERE status IN ('PENDING_APPROVAL', 'APPROVED',"
                        + " 'PENDING_CONFIRMATION') AND (visit_date < ? OR (visit_date = ? AND slot = 'MORNING'))",
                Integer.class,
                day,
                day);
        assertThat(due).isGreaterThanOrEqualTo(40);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit((Callable<Integer>)
                    () -> SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> expiry.expireDue(noon))));
        }
        int total = 0;
        for (Future<Integer> f : runs) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(due);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM " + SCHEMA
                                + ".visitor_booking WHERE visit_date = ? AND status <> 'EXPIRED'",
                        Integer.class,
                        day))
                .isZero();
    }

    @Test
    void aVisitorPurgedWithoutASignOutMarkIsSignedOutByTheNodesFirstPass() {
        SchoolCode school = SchoolCode.of(SCHOOL);
        String openid = "o-premark-" + suffix();
        long earlier = visitor(openid, "钱先前", null, Instant.now().minus(Duration.ofDays(300)), null);
        String session = visitorSessions.create(school, openid, earlier).token();
        // Purged before sign-out marks existed (or the mark was lost with Redis): the row is emptied, no mark.
        jdbc.update(
                "UPDATE " + SCHEMA + ".visitor SET purged_at = now() - interval '2 days', wechat_openid = NULL,"
                        + " name = NULL WHERE id = ?",
                earlier);
        assertThat(profileStatus(session))
                .as("the session still works on the emptied row")
                .isEqualTo(200);

        int marked = SchoolContext.callAsUnchecked(school, () -> retention.markPurgedSignedOut(Instant.now()));
        assertThat(marked).isGreaterThanOrEqualTo(1);
        assertThat(profileStatus(session)).isEqualTo(401);
    }

    @Test
    void theRetentionPurgeErasesExactlyTheExpiredVisitorsAndLogsEachOne() {
        Instant now = Instant.parse("2031-06-01T02:00:00Z");
        Instant old = now.minus(Duration.ofDays(200));
        Instant recent = now.minus(Duration.ofDays(20));

        // Expired: an old profile, an old visit with an access record, an avatar in storage.
        String avatar = "visitor-avatars/expired/" + suffix() + ".jpg";
        SchoolCode school = SchoolCode.of(SCHOOL);
        store.prepareSchool(school);
        store.put(school, avatar, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "image/jpeg");
        String expiredOpenid = "o-old-" + suffix();
        long expired = visitor(expiredOpenid, "孙过期", "11010519491231002X", old, avatar);
        long oldVisit = booking(expired, LocalDate.ofInstant(old, SHANGHAI), "MORNING", "VISITED", old);
        jdbc.update(
                "INSERT INTO " + SCHEMA + ".visitor_access_record (booking_id, visitor_id, host_id, name, phone_masked,"
                        + " gate_id, method, allowed, verified_by, passed_at) VALUES (?, ?, ?, '孙过期', '137****7000',"
                        + " ?, 'QR', true, 'guard1', ?)",
                oldVisit,
                expired,
                host,
                gate,
                Timestamp.from(old));
        // Expired too: signed in long ago, never booked.
        long idle = visitor("o-idle-" + suffix(), null, null, old, null);
        // Stays: an old profile but a recent booking.
        long active = visitor("o-active-" + suffix(), "周常客", "11010519491231002X", old, null);
        booking(active, LocalDate.ofInstant(recent, SHANGHAI), "AFTERNOON", "VISITED", recent);
        // Stays: a recent profile change.
        long fresh = visitor("o-fresh-" + suffix(), "吴新客", null, recent, null);

        // The expired visitor and the one who stays are signed in on the portal.
        String expiredSession =
                visitorSessions.create(school, expiredOpenid, expired).token();
        String activeSession =
                visitorSessions.create(school, "o-active-session", active).token();
        assertThat(profileStatus(expiredSession)).isEqualTo(200);

        int days = settings.settingsOf(school).visitorRetentionDays();
        assertThat(days).isEqualTo(180);
        int purged = SchoolContext.callAsUnchecked(school, () -> retention.purgeExpired(now, days));
        assertThat(purged).isGreaterThanOrEqualTo(2);
        // The purge ends the purged visitor's session at once (and only theirs); it stays ended.
        Http.Response signedOut = Http.get(
                url("/portal/" + SCHOOL + "/api/visitor/profile"),
                null,
                Map.of(VisitorSessions.HEADER, expiredSession));
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.code()).isEqualTo("VISITOR_NOT_SIGNED_IN");
        assertThat(profileStatus(expiredSession)).isEqualTo(401);
        assertThat(profileStatus(activeSession)).isEqualTo(200);

        Map<String, Object> gone = jdbc.queryForMap("SELECT * FROM " + SCHEMA + ".visitor WHERE id = ?", expired);
        assertThat(gone.get("purged_at")).isNotNull();
        for (String column : List.of(
                "wechat_openid",
                "avatar_key",
                "name",
                "phone_encrypted",
                "phone_index",
                "phone_masked",
                "id_number_encrypted",
                "id_number_index",
                "id_number_masked")) {
            assertThat(gone.get(column)).as(column).isNull();
        }
        assertThat(store.exists(school, avatar)).isFalse();
        Map<String, Object> anonymised =
                jdbc.queryForMap("SELECT * FROM " + SCHEMA + ".visitor_booking WHERE id = ?", oldVisit);
        assertThat(anonymised.get("status")).isEqualTo("VISITED");
        assertThat(anonymised.get("visitor_name")).isNull();
        assertThat(anonymised.get("visitor_phone_masked")).isNull();
        assertThat(anonymised.get("visitor_id_masked")).isNull();
        assertThat(anonymised.get("visitor_id")).isEqualTo(expired);
        assertThat(jdbc.queryForMap(
                        "SELECT name, phone_masked FROM " + SCHEMA + ".visitor_access_record WHERE booking_id = ?",
                        oldVisit))
                .containsEntry("name", null)
                .containsEntry("phone_masked", null);
        assertThat(jdbc.queryForObject(
                        "SELECT purged_at IS NOT NULL FROM " + SCHEMA + ".visitor WHERE id = ?", Boolean.class, idle))
                .isTrue();

        for (long kept : List.of(active, fresh)) {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM " + SCHEMA + ".visitor WHERE id = ?", kept);
            assertThat(row.get("purged_at")).as("visitor %s", kept).isNull();
            assertThat(row.get("name")).as("visitor %s", kept).isNotNull();
            assertThat(row.get("wechat_openid")).as("visitor %s", kept).isNotNull();
        }

        // Each purge is in the personal-data access log, by the system.
        List<Map<String, Object>> log = jdbc.queryForList(
                "SELECT actor, subject_id, detail FROM " + SCHEMA + ".pii_access_log"
                        + " WHERE action = 'PURGE' AND subject_kind = 'VISITOR' AND subject_id IN (?, ?, ?, ?)",
                expired,
                idle,
                active,
                fresh);
        assertThat(log)
                .extracting(r -> ((Number) r.get("subject_id")).longValue())
                .containsExactlyInAnyOrder(expired, idle);
        assertThat(log).allSatisfy(r -> assertThat(r.get("actor")).isEqualTo("system"));
        assertThat(log.stream()
                        .filter(r -> ((Number) r.get("subject_id")).longValue() == expired)
                        .findFirst()
                        .orElseThrow()
                        .get("detail"))
                .asString()
                .contains("retention 180 days")
                .contains("avatar deleted");

        // Idempotent: nothing is left to purge for these.
        SchoolContext.callAsUnchecked(school, () -> retention.purgeExpired(now, days));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM " + SCHEMA + ".pii_access_log WHERE action = 'PURGE' AND subject_id = ?",
                        Integer.class,
                        expired))
                .isEqualTo(1);

        // The console's reveal answers that the data is gone.
        Http.Response revealPurged = Http.get(url("/admin/api/visitors/" + expired + "/id-number"), admin());
        assertThat(revealPurged.status()).isEqualTo(410);
        assertThat(revealPurged.code()).isEqualTo("VISITOR_ID_PURGED");
    }

    @Test
    void theRetentionIsASchoolSettingAndShorterRetentionPurgesSooner() {
        String admin = admin();
        Http.Response bad = Http.put(url("/admin/api/school/settings"), admin, Map.of("visitorRetentionDays", 3));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VISITOR_RETENTION_DAYS_INVALID");
        Http.Response ok = Http.put(url("/admin/api/school/settings"), admin, Map.of("visitorRetentionDays", 30));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("visitorRetentionDays").asInt()).isEqualTo(30);
        assertThat(Http.get(url("/admin/api/school/settings"), admin)
                        .json()
                        .path("visitorRetentionDays")
                        .asInt())
                .isEqualTo(30);
        try {
            Instant now = Instant.parse("2031-09-01T02:00:00Z");
            long fortyDays = visitor("o-40-" + suffix(), "郑访客", null, now.minus(Duration.ofDays(40)), null);
            long tenDays = visitor("o-10-" + suffix(), "王访客", null, now.minus(Duration.ofDays(10)), null);
            SchoolCode school = SchoolCode.of(SCHOOL);
            int days = settings.settingsOf(school).visitorRetentionDays();
            assertThat(days).isEqualTo(30);
            SchoolContext.callAsUnchecked(school, () -> retention.purgeExpired(now, days));
            assertThat(purged(fortyDays)).isTrue();
            assertThat(purged(tenDays)).isFalse();
        } finally {
            Http.put(url("/admin/api/school/settings"), admin, Map.of("visitorRetentionDays", 180));
        }
    }

    @Test
    void theWholeIdNumberOnlyThroughTheAuditedConsoleView() {
        long visitor = visitor("o-id-" + suffix(), "冯访客", "11010519491231002X", Instant.now(), null);
        String admin = admin();
        Http.Response revealed = Http.get(url("/admin/api/visitors/" + visitor + "/id-number"), admin);
        assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
        assertThat(revealed.json().path("idNumber").asString()).isEqualTo("11010519491231002X");
        assertThat(revealed.json().path("idNumberMasked").asString()).isEqualTo("1101**********002X");
        assertThat(jdbc.queryForList(
                        "SELECT actor FROM " + SCHEMA + ".pii_access_log WHERE action = 'VIEW' AND subject_kind ="
                                + " 'VISITOR' AND subject_id = ? AND detail = 'id_number'",
                        String.class,
                        visitor))
                .hasSize(1)
                .allSatisfy(actor -> assertThat(actor).isNotEqualTo("system"));

        // A gate guard has no such permission; unknown and never-given numbers are told apart.
        String guard = Tokens.school(SCHOOL, "guard1", GUARD_PASSWORD);
        assertThat(Http.get(url("/admin/api/visitors/" + visitor + "/id-number"), guard)
                        .status())
                .isEqualTo(403);
        assertThat(Http.get(url("/admin/api/visitors/999999999/id-number"), admin)
                        .code())
                .isEqualTo("VISITOR_NOT_FOUND");
        long noId = visitor("o-noid-" + suffix(), "无证件", null, Instant.now(), null);
        assertThat(Http.get(url("/admin/api/visitors/" + noId + "/id-number"), admin)
                        .code())
                .isEqualTo("VISITOR_ID_NOT_RECORDED");

        // The portal's own profile shows the masked form only.
        String openid = jdbc.queryForObject(
                "SELECT wechat_openid FROM " + SCHEMA + ".visitor WHERE id = ?", String.class, visitor);
        String session =
                visitorSessions.create(SchoolCode.of(SCHOOL), openid, visitor).token();
        Http.Response profile = Http.get(
                url("/portal/" + SCHOOL + "/api/visitor/profile"), null, Map.of(VisitorSessions.HEADER, session));
        assertThat(profile.body()).doesNotContain("11010519491231002X").contains("1101**********002X");
    }

    // ---------------------------------------------------------------------------------------------------------

    private int expireAt(LocalDate day, LocalTime time) {
        clock.set(day.atTime(time).atZone(SHANGHAI).toInstant());
        return SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> expiry.expireDue(clock.instant()));
    }

    private String status(long booking) {
        return jdbc.queryForObject(
                "SELECT status FROM " + SCHEMA + ".visitor_booking WHERE id = ?", String.class, booking);
    }

    private boolean purged(long visitor) {
        return jdbc.queryForObject(
                "SELECT purged_at IS NOT NULL FROM " + SCHEMA + ".visitor WHERE id = ?", Boolean.class, visitor);
    }

    /** A visitor row as the portal leaves it, last changed at {@code updatedAt}. */
    private long visitor(String openid, String name, String idNumber, Instant updatedAt, String avatarKey) {
        String school = SCHOOL;
        String phone = "137" + String.format("%08d", Math.abs(openid.hashCode()) % 100_000_000);
        return jdbc.queryForObject(
                "INSERT INTO " + SCHEMA + ".visitor (wechat_openid, avatar_key, name, phone_encrypted, phone_index,"
                        + " phone_masked, id_number_encrypted, id_number_index, id_number_masked, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                Long.class,
                openid,
                avatarKey,
                name,
                cipher.encrypt(school, Visitors.PHONE_FIELD, phone),
                cipher.blindIndex("visitor.phone:" + phone),
                phone.substring(0, 3) + "****" + phone.substring(7),
                idNumber == null ? null : cipher.encrypt(school, Visitors.ID_NUMBER_FIELD, idNumber),
                idNumber == null ? null : cipher.blindIndex("visitor.id_number:" + idNumber),
                idNumber == null ? null : idNumber.substring(0, 4) + "**********" + idNumber.substring(14),
                Timestamp.from(updatedAt),
                Timestamp.from(updatedAt));
    }

    private long booking(long visitor, LocalDate day, String slot, String status, Instant updatedAt) {
        return jdbc.queryForObject(
                "INSERT INTO " + SCHEMA + ".visitor_booking (kind, visitor_id, host_id, host_name, visit_date, slot,"
                        + " reason, status, visitor_name, visitor_phone_masked, visitor_id_masked, created_by,"
                        + " created_at, updated_at) VALUES ('VISITOR_REQUEST', ?, ?, '李老师', ?, ?, '商务洽谈', ?, '访客',"
                        + " '137****0000', '1101**********002X', 'visitor', ?, ?) RETURNING id",
                Long.class,
                visitor,
                host,
                day,
                slot,
                status,
                Timestamp.from(updatedAt),
                Timestamp.from(updatedAt));
    }

    private long invitation(LocalDate day, String slot) {
        return jdbc.queryForObject(
                "INSERT INTO " + SCHEMA + ".visitor_booking (kind, host_id, host_name, visit_date, slot, reason,"
                        + " status, invitee_phone_index, created_by) VALUES ('HOST_INVITATION', ?, '李老师', ?, ?,"
                        + " '座谈', 'PENDING_CONFIRMATION', 'idx', 'registrant:1') RETURNING id",
                Long.class,
                host,
                day,
                slot);
    }

    private String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
