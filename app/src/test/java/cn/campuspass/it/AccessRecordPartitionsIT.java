package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.access.AccessHousekeeping;
import cn.campuspass.access.AccessRecordPartitions;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Access records partitioned by Shanghai month with a per-school retention (issue 11 item 7), on the real stack:
 * records of several months land in their months' partitions (a row the DEFAULT partition caught moves when its
 * month is created), creation is idempotent and safe from several nodes at once, the A6.1 list stays ordered and
 * paged across partitions and a date-bounded query reads only its months, the retention is a validated and audited
 * school setting, and retention drops exactly the months entirely older than it, audited in the personal-data log.
 */
class AccessRecordPartitionsIT extends StackTest {

    private static final String SCHOOL = "partuni";
    private static final String SCHEMA = "school_partuni";
    private static final String PASSWORD = "PartUni@2026";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccessRecordPartitions partitions;

    @Autowired
    AccessHousekeeping housekeeping;

    @Autowired
    SchoolSettingsProvider settings;

    @BeforeEach
    void school() {
        once(AccessRecordPartitionsIT.class, () -> onboard(SCHOOL, "admin", "13300000271", PASSWORD));
    }

    @Test
    void recordsLandInTheirMonthsAndTheListStaysOrderedAcrossPartitions() {
        // The migration gave the new school the current month and the next three, and the DEFAULT partition.
        YearMonth thisMonth = YearMonth.now(SHANGHAI);
        assertThat(months()).contains(thisMonth, thisMonth.plusMonths(3));
        assertThat(exists("access_record_default")).isTrue();

        // Months without a partition yet go to DEFAULT; the Shanghai month decides, not UTC: 00:10 on 1 March
        // Shanghai is still 29 February in UTC.
        long jan = record(shanghai(2024, 1, 15, 9, 0), 1L, true);
        long febLast = record(shanghai(2024, 2, 29, 23, 59), 2L, false);
        long marFirst = record(shanghai(2024, 3, 1, 0, 10), 1L, true);
        long now = record(Instant.now(), 2L, true);
        assertThat(partitionOf(jan)).isEqualTo("access_record_default");
        assertThat(partitionOf(marFirst)).isEqualTo("access_record_default");
        assertThat(partitionOf(now)).isEqualTo(AccessRecordPartitions.partitionOf(thisMonth));

        // Maintenance creates the months the DEFAULT partition holds and moves the rows there.
        AccessHousekeeping.Summary first = housekeeping.run(SchoolCode.of(SCHOOL));
        assertThat(first.partitionsCreated()).isEqualTo(3);
        assertThat(partitionOf(jan)).isEqualTo("access_record_y2024m01");
        assertThat(partitionOf(febLast)).isEqualTo("access_record_y2024m02");
        assertThat(partitionOf(marFirst)).isEqualTo("access_record_y2024m03");
        assertThat(count("access_record_default")).isZero();
        // The moved rows carry the partitioned indexes.
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = 'access_record_y2024m02'",
                        Integer.class,
                        SCHEMA))
                .isEqualTo(9);
        // Idempotent: a second run finds everything there.
        assertThat(housekeeping.run(SchoolCode.of(SCHOOL)).partitionsCreated()).isZero();

        // Several nodes at once: each far month is created exactly once, nobody fails.
        Instant far = shanghai(2040, 1, 10, 12, 0);
        List<String> created = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<List<String>> run =
                        () -> SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> partitions.ensure(far, 2));
                runs.add(pool.submit(run));
            }
            for (Future<List<String>> run : runs) {
                created.addAll(run.get());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
        assertThat(created)
                .containsExactlyInAnyOrder(
                        "access_record_y2040m01", "access_record_y2040m02", "access_record_y2040m03");

        // The id sequence continues across partitions and the list is ordered and paged as before.
        List<Long> expected = jdbc.queryForList(
                "SELECT id FROM " + SCHEMA + ".access_record ORDER BY passed_at DESC, id DESC", Long.class);
        assertThat(expected).startsWith(now).contains(jan, febLast, marFirst);
        String admin = admin();
        List<Long> paged = new ArrayList<>();
        for (int page = 0; page * 2 < expected.size(); page++) {
            JsonNode p = records(admin, "size=2&page=" + page);
            assertThat(p.path("total").asLong()).isEqualTo(expected.size());
            p.path("items").forEach(r -> paged.add(r.path("id").asLong()));
        }
        assertThat(paged).isEqualTo(expected);
        // Date-bounded filters across a month boundary, by Shanghai days.
        assertThat(ids(records(admin, "from=2024-02-29&to=2024-03-01"))).containsExactly(marFirst, febLast);
        assertThat(ids(records(admin, "from=2024-01-01&to=2024-02-28"))).containsExactly(jan);
        assertThat(ids(records(admin, "from=2024-01-01&to=2024-03-31&gateId=1")))
                .containsExactly(marFirst, jan);
        assertThat(ids(records(admin, "from=2024-01-01&to=2024-03-31&result=DENIED")))
                .containsExactly(febLast);

        // A date-bounded page reads only its months: the planner prunes the other partitions and DEFAULT.
        String plan = explain("""
                SELECT * FROM access_record r
                WHERE r.passed_at >= '2024-02-01 00:00:00+08' AND r.passed_at < '2024-03-01 00:00:00+08'
                ORDER BY r.passed_at DESC, r.id DESC LIMIT 20
                """);
        assertThat(plan)
                .contains("access_record_y2024m02")
                .doesNotContain("access_record_y2024m01")
                .doesNotContain("access_record_y2024m03")
                .doesNotContain("access_record_default");
        // Home counts (today) read today's month only.
        String today = explain("""
                SELECT count(*) FILTER (WHERE allowed) FROM access_record r
                WHERE r.passed_at >= date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
                  AND r.passed_at < (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') + interval '1 day')
                      AT TIME ZONE 'Asia/Shanghai'
                """);
        assertThat(today).doesNotContain("access_record_y2024m01").doesNotContain("access_record_default");
    }

    @Test
    void retentionIsAValidatedAuditedSettingAndDropsExactlyTheOldMonths() {
        String admin = admin();
        for (Object bad : List.of(3, 121, -1)) {
            Http.Response r = Http.put(url("/admin/api/school/settings"), admin, Map.of("accessRetentionMonths", bad));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("ACCESS_RETENTION_MONTHS_INVALID");
        }
        assertThat(Http.get(url("/admin/api/school/settings"), admin)
                        .json()
                        .path("accessRetentionMonths")
                        .asInt())
                .isEqualTo(36);

        // Three old months, each with a record; partitions made the way maintenance makes them.
        long may = record(shanghai(2021, 5, 31, 23, 0), 1L, true);
        long jun = record(shanghai(2021, 6, 1, 0, 30), 1L, true);
        long jul = record(shanghai(2021, 7, 15, 8, 0), 1L, false);
        SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> partitions.ensure(Instant.now(), 3));
        assertThat(months()).contains(YearMonth.of(2021, 5), YearMonth.of(2021, 6), YearMonth.of(2021, 7));

        // Keep forever: housekeeping drops nothing, however old.
        Http.Response forever = Http.put(url("/admin/api/school/settings"), admin, Map.of("accessRetentionMonths", 0));
        assertThat(forever.status()).as(forever.body()).isEqualTo(200);
        assertThat(forever.json().path("accessRetentionMonths").asInt()).isZero();
        assertThat(housekeeping.run(SchoolCode.of(SCHOOL)).monthsDropped()).isZero();
        assertThat(months()).contains(YearMonth.of(2021, 5));
        try {
            Http.Response twelve =
                    Http.put(url("/admin/api/school/settings"), admin, Map.of("accessRetentionMonths", 12));
            assertThat(twelve.status()).as(twelve.body()).isEqualTo(200);
            int months = settings.settingsOf(SchoolCode.of(SCHOOL)).accessRetentionMonths();
            assertThat(months).isEqualTo(12);
            // The change is audited.
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM platform.audit_event WHERE school_code = ? AND action = ?"
                                    + " AND detail = 'access-record retention forever -> 12 months'",
                            Integer.class,
                            SCHOOL,
                            "ACCESS_RETENTION_CHANGED"))
                    .isEqualTo(1);

            // On 15 July 2022 the cut-off is 15 July 2021: May and June lie entirely before it, July does not.
            Instant at = shanghai(2022, 7, 15, 10, 0);
            List<AccessRecordPartitions.Dropped> dropped =
                    SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> partitions.dropExpired(at, months));
            assertThat(dropped)
                    .containsExactly(
                            new AccessRecordPartitions.Dropped(YearMonth.of(2021, 5), 1),
                            new AccessRecordPartitions.Dropped(YearMonth.of(2021, 6), 1));
            assertThat(exists(may)).isFalse();
            assertThat(exists(jun)).isFalse();
            assertThat(exists(jul)).isTrue();
            assertThat(months())
                    .doesNotContain(YearMonth.of(2021, 5), YearMonth.of(2021, 6))
                    .contains(YearMonth.of(2021, 7), YearMonth.now(SHANGHAI));
            // Each dropped month is in the personal-data log; a second run drops nothing more.
            assertThat(jdbc.queryForList(
                            "SELECT subject_id FROM " + SCHEMA + ".pii_access_log WHERE action = 'PURGE'"
                                    + " AND subject_kind = ? ORDER BY subject_id",
                            Long.class,
                            AccessRecordPartitions.SUBJECT))
                    .containsExactly(202105L, 202106L);
            assertThat(SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> partitions.dropExpired(at, months)))
                    .isEmpty();
        } finally {
            Http.put(url("/admin/api/school/settings"), admin, Map.of("accessRetentionMonths", 36));
        }
    }

    private String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private static Instant shanghai(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    /** A record as the verification path writes it (gate and campus ids need not exist: no foreign keys). */
    private long record(Instant at, long gateId, boolean allowed) {
        return jdbc.queryForObject(
                "INSERT INTO " + SCHEMA + ".access_record (registrant_id, name, phone_masked, identity, number,"
                        + " campus_id, gate_id, method, allowed, reason, verified_by, passed_at)"
                        + " VALUES (1, '测试', '139****0001', 'STUDENT', 'S1', 1, ?, 'GUARD', ?, ?, 'guard1', ?)"
                        + " RETURNING id",
                Long.class,
                gateId,
                allowed,
                allowed ? null : "NO_ACCESS",
                java.sql.Timestamp.from(at));
    }

    private String partitionOf(long id) {
        return jdbc.queryForObject(
                        "SELECT tableoid::regclass::text FROM " + SCHEMA + ".access_record WHERE id = ?",
                        String.class,
                        id)
                .replace(SCHEMA + ".", "");
    }

    private boolean exists(long id) {
        return jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + ".access_record WHERE id = ?", Integer.class, id)
                > 0;
    }

    private boolean exists(String table) {
        return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, SCHEMA + "." + table);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + SCHEMA + "." + table, Long.class);
    }

    private List<YearMonth> months() {
        return jdbc
                .queryForList(
                        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                + " WHERE i.inhparent = ?::regclass AND c.relname LIKE 'access\\_record\\_y%'",
                        String.class, SCHEMA + ".access_record")
                .stream()
                .map(n -> YearMonth.of(Integer.parseInt(n.substring(15, 19)), Integer.parseInt(n.substring(20, 22))))
                .toList();
    }

    private String explain(String sql) {
        return jdbc.execute((ConnectionCallback<String>) c -> {
            StringBuilder plan = new StringBuilder();
            try (var st = c.createStatement()) {
                st.execute("SET search_path TO " + SCHEMA);
                try (var rs = st.executeQuery("EXPLAIN " + sql)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                } finally {
                    st.execute("RESET search_path");
                }
            }
            return plan.toString();
        });
    }

    private JsonNode records(String token, String query) {
        Http.Response r = Http.get(url("/admin/api/access-records?" + query), token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(r -> ids.add(r.path("id").asLong()));
        return ids;
    }
}
