package cn.campuspass.tenant.retention;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.school.PersonalFileRetention;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.tenant.offboarding.SchoolOffboarding;
import cn.campuspass.tenant.registry.SchoolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Runs every {@link PersonalFileRetention} for every school that still holds data (active or suspended) every
 * {@code campuspass.retention.sweep-interval} (default one hour), and deletes offboarding exports (a whole school's
 * personal data) {@code campuspass.retention.offboarding-archives} (default 30 days) after they were written. Each
 * node sweeps; the purges are idempotent, so the cost of two nodes is a few extra queries, and no node's absence
 * stops files from expiring.
 */
@Component
public class RetentionSweeper implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final SchoolRegistry registry;
    private final List<PersonalFileRetention> retentions;
    private final ObjectStore storage;
    private final Duration archives;
    private final Duration interval;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("retention-sweep"));

    public RetentionSweeper(
            SchoolRegistry registry,
            List<PersonalFileRetention> retentions,
            ObjectStore storage,
            @Value("${campuspass.retention.offboarding-archives:P30D}") Duration archives,
            @Value("${campuspass.retention.sweep-interval:PT1H}") Duration interval) {
        this.registry = registry;
        this.retentions = retentions;
        this.storage = storage;
        this.archives = archives;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        scheduler.scheduleWithFixedDelay(
                () -> sweep(Clock.systemUTC().instant()), 1, interval.toSeconds(), TimeUnit.SECONDS);
    }

    /** One sweep as of {@code now}; returns how many files were removed. A failing school does not stop the rest. */
    public int sweep(Instant now) {
        List<SchoolCode> schools = new ArrayList<>(registry.codesWithStatus(SchoolStatus.ACTIVE));
        schools.addAll(registry.codesWithStatus(SchoolStatus.SUSPENDED));
        int removed = 0;
        for (SchoolCode school : schools) {
            for (PersonalFileRetention retention : retentions) {
                try {
                    removed += SchoolContext.callAsUnchecked(school, () -> retention.purgeExpired(now));
                } catch (RuntimeException e) {
                    log.warn(
                            "Retention sweep of {} failed for school {}",
                            retention.getClass().getSimpleName(),
                            school.value(),
                            e);
                }
            }
        }
        try {
            removed += storage.deleteArchivesBefore(SchoolOffboarding.ARCHIVE_PREFIX, now.minus(archives))
                    .size();
        } catch (RuntimeException e) {
            log.warn("Retention sweep of offboarding archives failed", e);
        }
        if (removed > 0) {
            log.info("Retention sweep removed {} expired personal file(s)", removed);
        }
        return removed;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
