package cn.campuspass.visitor;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.platform.school.ServingSchools;
import cn.campuspass.platform.time.SchoolTime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
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
 * The visitor module's background work, for every school in service: booking expiry every {@code
 * campuspass.visitors.expiry-interval} (default one minute) and the retention purge every {@code
 * campuspass.visitors.purge-interval} (default one hour) with each school's own retention. Every node runs it on one
 * daemon thread; after each expiry pass it closes yesterday's visitor statistics (V25 roll-ups, {@link
 * VisitorStatsRollups}; a no-op once closed, serialised across nodes by the watermark row). {@link BookingExpiry} and {@link VisitorRetention} claim their rows with {@code SKIP LOCKED}, so
 * nodes share the work instead of repeating it, and a failing school does not stop the others.
 */
@Component
class VisitorHousekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VisitorHousekeeping.class);

    private final ServingSchools schools;
    private final SchoolSettingsProvider settings;
    private final BookingExpiry expiry;
    private final VisitorRetention retention;
    private final VisitorStatsRollups rollups;
    private final Clock clock;
    private final Duration expiryInterval;
    private final Duration purgeInterval;
    private final boolean enabled;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("visitor-housekeeping"));

    VisitorHousekeeping(
            ServingSchools schools,
            SchoolSettingsProvider settings,
            BookingExpiry expiry,
            VisitorRetention retention,
            VisitorStatsRollups rollups,
            Clock clock,
            @Value("${campuspass.visitors.expiry-interval:PT1M}") Duration expiryInterval,
            @Value("${campuspass.visitors.purge-interval:PT1H}") Duration purgeInterval,
            @Value("${campuspass.visitors.housekeeping-enabled:true}") boolean enabled) {
        this.schools = schools;
        this.settings = settings;
        this.expiry = expiry;
        this.retention = retention;
        this.rollups = rollups;
        this.clock = clock;
        this.expiryInterval = expiryInterval;
        this.purgeInterval = purgeInterval;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            scheduler.scheduleWithFixedDelay(
                    this::expireAll, expiryInterval.toMillis(), expiryInterval.toMillis(), TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(
                    this::purgeAll, purgeInterval.toMillis(), purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One expiry pass over every school in service; returns how many bookings expired. */
    int expireAll() {
        int total = 0;
        for (SchoolCode school : schools.serving()) {
            try {
                total += SchoolContext.callAsUnchecked(school, () -> expiry.expireDue(clock.instant()));
            } catch (RuntimeException e) {
                log.warn("Booking expiry for school {} failed: {}", school.value(), e.toString());
            }
            try {
                LocalDate yesterday =
                        LocalDate.now(clock.withZone(SchoolTime.ZONE)).minusDays(1);
                SchoolContext.callAsUnchecked(school, () -> rollups.closeThrough(yesterday));
            } catch (RuntimeException e) {
                log.warn("Closing visitor statistics days for school {} failed: {}", school.value(), e.toString());
            }
        }
        return total;
    }

    /** One retention pass over every school in service, each with its own retention; returns how many visitors. */
    int purgeAll() {
        int total = 0;
        for (SchoolCode school : schools.serving()) {
            try {
                int days = settings.settingsOf(school).visitorRetentionDays();
                total += SchoolContext.callAsUnchecked(school, () -> retention.purgeExpired(clock.instant(), days));
            } catch (RuntimeException e) {
                log.warn("Visitor retention for school {} failed: {}", school.value(), e.toString());
            }
        }
        return total;
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
