package cn.campuspass.access;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.platform.school.ServingSchools;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The access module's background work for every school in service (issue 11 item 7): at start-up and then every
 * {@code campuspass.access.housekeeping-interval} (default one hour: cheap and idempotent, so a run that failed,
 * e.g. at start-up while a school's schema was still migrating, is repeated soon; the retention needs only a daily
 * run) it creates the {@code access_record} partitions
 * of the current and the next {@code campuspass.access.partition-months-ahead} (default 3) months, moving rows the
 * DEFAULT partition caught into their months, and then drops the months older than the school's access-record
 * retention ({@link SchoolSettings#accessRetentionMonths()}, none when the school keeps them forever). A school
 * born later already has its partitions: migration V27 creates the current month and the next three when it runs
 * at onboarding. Every node runs it; {@link AccessRecordPartitions} serialises the changes per school with an
 * advisory lock, so nodes never collide, and a failing school does not stop the others. Off in the stack tests,
 * which call {@link #runAll()} themselves.
 */
@Component
public class AccessHousekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AccessHousekeeping.class);

    private final ServingSchools schools;
    private final SchoolSettingsProvider settings;
    private final AccessRecordPartitions partitions;
    private final Clock clock;
    private final Duration interval;
    private final int monthsAhead;
    private final boolean enabled;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("access-housekeeping"));

    AccessHousekeeping(
            ServingSchools schools,
            SchoolSettingsProvider settings,
            AccessRecordPartitions partitions,
            Clock clock,
            @Value("${campuspass.access.housekeeping-interval:PT1H}") Duration interval,
            @Value("${campuspass.access.partition-months-ahead:3}") int monthsAhead,
            @Value("${campuspass.access.housekeeping-enabled:true}") boolean enabled) {
        this.schools = schools;
        this.settings = settings;
        this.partitions = partitions;
        this.clock = clock;
        this.interval = interval;
        this.monthsAhead = monthsAhead;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            // First run right after start-up (on the scheduler thread, so start-up does not wait), then daily.
            scheduler.scheduleWithFixedDelay(this::runAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What one run did across the schools. */
    public record Summary(int partitionsCreated, int monthsDropped, long recordsDropped) {}

    /** One pass over every school in service: partitions ahead, then retention. */
    public Summary runAll() {
        int created = 0;
        int dropped = 0;
        long records = 0;
        for (SchoolCode school : schools.serving()) {
            try {
                Summary one = run(school);
                created += one.partitionsCreated();
                dropped += one.monthsDropped();
                records += one.recordsDropped();
            } catch (RuntimeException e) {
                log.warn("Access record housekeeping for school {} failed: {}", school.value(), e.toString());
            }
        }
        return new Summary(created, dropped, records);
    }

    /** Partitions ahead and retention for one school, with its own retention setting. */
    public Summary run(SchoolCode school) {
        SchoolSettings s = settings.settingsOf(school);
        return SchoolContext.callAsUnchecked(school, () -> {
            List<String> created = partitions.ensure(clock.instant(), monthsAhead);
            if (s.keepsAccessRecordsForever()) {
                return new Summary(created.size(), 0, 0);
            }
            List<AccessRecordPartitions.Dropped> dropped =
                    partitions.dropExpired(clock.instant(), s.accessRetentionMonths());
            return new Summary(
                    created.size(),
                    dropped.size(),
                    dropped.stream()
                            .mapToLong(AccessRecordPartitions.Dropped::records)
                            .sum());
        });
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
