package cn.campuspass.access;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.privacy.PersonalDataLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The month partitions of {@code access_record} (school migration V27; issue 11 item 7). Months are Asia/Shanghai
 * calendar months, partition {@code access_record_yYYYYmMM} holds {@code passed_at} in {@code [first day 00:00+08,
 * next month's first day 00:00+08)}, and {@code access_record_default} takes whatever falls outside them.
 *
 * <p>{@link #ensure} creates the partitions of the current and the next months ahead, and gives every month that
 * has rows in the DEFAULT partition its own partition, moving those rows into it: the new month is built as a plain
 * table, the rows are moved with one {@code DELETE … RETURNING} into it, and it is attached ({@code ATTACH PARTITION}
 * takes only a SHARE UPDATE EXCLUSIVE lock on the parent, so verifications keep inserting; it builds the partitioned
 * indexes on the new table). All of it runs in one transaction under a transaction-level advisory lock per school,
 * so any number of nodes may run it at once: the second waits, then finds the months there and does nothing.
 *
 * <p>{@link #dropExpired} drops the month partitions that lie entirely before the retention's cut-off (now minus
 * the retention in months, Shanghai time), one transaction per month with a short lock timeout (a DROP needs an
 * ACCESS EXCLUSIVE lock on the parent; it waits at most {@value #LOCK_TIMEOUT} for running verifications and list
 * queries instead of queueing them behind itself; a month that could not be dropped is tried again on the next
 * run). Each dropped month is logged and audited as a {@code PURGE} of {@value #SUBJECT} in the personal-data log
 * (subject id {@code YYYYMM}, the row count and the retention in the detail). Nothing younger is touched: a month
 * whose end is after the cut-off stays whole.
 */
@Component
public class AccessRecordPartitions {

    /** The personal-data log's subject kind for a dropped month of access records. */
    public static final String SUBJECT = "ACCESS_RECORD_MONTH";

    static final ZoneId ZONE = AccessRecords.SCHOOL_ZONE;
    static final String LOCK_TIMEOUT = "5s";
    private static final Pattern MONTH = Pattern.compile("access_record_y(\\d{4})m(\\d{2})");
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd' 00:00:00+08'");
    private static final Logger log = LoggerFactory.getLogger(AccessRecordPartitions.class);

    private final SchoolJdbc jdbc;
    private final TransactionTemplate transactions;
    private final PersonalDataLog personalData;

    AccessRecordPartitions(SchoolJdbc jdbc, TransactionTemplate transactions, PersonalDataLog personalData) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.personalData = personalData;
    }

    /** The partition name of a month: {@code access_record_y2026m12}. */
    public static String partitionOf(YearMonth month) {
        return "access_record_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    /** The Shanghai month an instant falls in. */
    static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZONE));
    }

    /**
     * Makes sure the bound school has partitions for the month of {@code now} and the {@code monthsAhead} after it,
     * and moves rows of the DEFAULT partition into their months' partitions; returns the names of the partitions it
     * created (empty when all were there: idempotent).
     */
    public List<String> ensure(Instant now, int monthsAhead) {
        SchoolCode school = SchoolContext.require();
        List<String> created = transactions.execute(tx -> jdbc.run(c -> {
            lock(c);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            }
            TreeSet<YearMonth> existing = new TreeSet<>(partitions(c));
            TreeSet<YearMonth> wanted = new TreeSet<>();
            YearMonth current = monthOf(now);
            for (int i = 0; i <= monthsAhead; i++) {
                wanted.add(current.plusMonths(i));
            }
            wanted.addAll(monthsInDefault(c));
            List<String> names = new ArrayList<>();
            for (YearMonth month : wanted) {
                if (!existing.contains(month)) {
                    long moved = create(c, month);
                    names.add(partitionOf(month));
                    if (moved > 0) {
                        log.info(
                                "Access records of school {}: moved {} row(s) from the DEFAULT partition into {}",
                                school.value(),
                                moved,
                                partitionOf(month));
                    }
                }
            }
            return names;
        }));
        if (created != null && !created.isEmpty()) {
            log.info("Access records of school {}: created partition(s) {}", school.value(), created);
        }
        return created == null ? List.of() : created;
    }

    /** A month partition dropped by retention: its month and how many records it held. */
    public record Dropped(YearMonth month, long records) {}

    /**
     * Drops the bound school's month partitions that end on or before {@code now} minus {@code retentionMonths}
     * (Shanghai time); returns what was dropped, oldest first. {@code retentionMonths} must be positive ("keep
     * forever" is the caller's business).
     */
    public List<Dropped> dropExpired(Instant now, int retentionMonths) {
        if (retentionMonths <= 0) {
            throw new IllegalArgumentException("retentionMonths must be positive: " + retentionMonths);
        }
        SchoolCode school = SchoolContext.require();
        ZonedDateTime cutoff = now.atZone(ZONE).minusMonths(retentionMonths);
        List<YearMonth> due = transactions.execute(tx -> jdbc.run(c -> partitions(c).stream()
                .filter(m -> !m.plusMonths(1).atDay(1).atStartOfDay(ZONE).isAfter(cutoff))
                .sorted()
                .toList()));
        List<Dropped> dropped = new ArrayList<>();
        for (YearMonth month : due == null ? List.<YearMonth>of() : due) {
            try {
                Dropped one = transactions.execute(tx -> drop(month, retentionMonths, cutoff));
                if (one != null) {
                    dropped.add(one);
                    log.info(
                            "Access record retention of school {} ({} months, cut-off {}): dropped {} with {} record(s)",
                            school.value(),
                            retentionMonths,
                            cutoff.toLocalDate(),
                            partitionOf(month),
                            one.records());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Access record retention of school {}: could not drop {} now ({}); next run tries again",
                        school.value(),
                        partitionOf(month),
                        e.toString());
            }
        }
        return dropped;
    }

    private Dropped drop(YearMonth month, int retentionMonths, ZonedDateTime cutoff) {
        return jdbc.run(c -> {
            lock(c);
            String name = partitionOf(month);
            if (!partitions(c).contains(month)) {
                return null; // another node dropped it meanwhile
            }
            long records;
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + name)) {
                    rs.next();
                    records = rs.getLong(1);
                }
                st.execute("DROP TABLE " + name);
            }
            personalData.record(
                    PersonalDataLog.Action.PURGE,
                    SUBJECT,
                    (long) month.getYear() * 100 + month.getMonthValue(),
                    "retention " + retentionMonths + " months; cut-off " + cutoff.toLocalDate() + "; partition " + name
                            + " dropped with " + records + " access record(s)");
            return new Dropped(month, records);
        });
    }

    /** Serialises partition changes of this school across sessions and nodes until the transaction ends. */
    private static void lock(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.access_record_partitions'))");
        }
    }

    /** The months that have a partition, from the catalogue. */
    static List<YearMonth> partitions(Connection c) throws SQLException {
        List<YearMonth> months = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT child.relname FROM pg_inherits i
                        JOIN pg_class child ON child.oid = i.inhrelid
                        WHERE i.inhparent = 'access_record'::regclass
                        """)) {
            while (rs.next()) {
                Matcher m = MONTH.matcher(rs.getString(1));
                if (m.matches()) {
                    months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
            }
        }
        return months;
    }

    private static List<YearMonth> monthsInDefault(Connection c) throws SQLException {
        List<YearMonth> months = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT DISTINCT (date_trunc('month', passed_at AT TIME ZONE 'Asia/Shanghai'))::date
                        FROM access_record_default
                        """)) {
            while (rs.next()) {
                months.add(YearMonth.from(rs.getObject(1, LocalDate.class)));
            }
        }
        return months;
    }

    /** Creates one month's partition, moving its rows out of the DEFAULT partition first; returns how many moved. */
    private static long create(Connection c, YearMonth month) throws SQLException {
        String name = partitionOf(month);
        String from = month.atDay(1).format(BOUND);
        String to = month.plusMonths(1).atDay(1).format(BOUND);
        long moved;
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + name + " (LIKE access_record INCLUDING DEFAULTS)");
            // The bound as a constraint lets ATTACH skip scanning the new table.
            st.execute("ALTER TABLE " + name + " ADD CONSTRAINT " + name + "_bound CHECK (passed_at >= '" + from
                    + "' AND passed_at < '" + to + "')");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH moved AS (
                    DELETE FROM access_record_default WHERE passed_at >= ?::timestamptz AND passed_at < ?::timestamptz
                    RETURNING *)
                INSERT INTO %s SELECT * FROM moved
                """.formatted(name))) {
            ps.setString(1, from);
            ps.setString(2, to);
            moved = ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE access_record ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('"
                    + to + "')");
            st.execute("ALTER TABLE " + name + " DROP CONSTRAINT " + name + "_bound");
        }
        return moved;
    }
}
