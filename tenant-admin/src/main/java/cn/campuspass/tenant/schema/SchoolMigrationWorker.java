package cn.campuspass.tenant.schema;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.registry.CachedSchoolDirectory;
import cn.campuspass.tenant.registry.SchoolRegistry;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After an upgrade, brings every school's schema to the bundled version in the background, a few schools at a
 * time, recording each school's version and state. Start-up never waits for it; a school whose migration fails is
 * marked FAILED (and refused) while the others keep serving. Flyway's per-schema lock keeps two nodes from
 * migrating the same school at once.
 */
@Component
public class SchoolMigrationWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchoolMigrationWorker.class);

    private final SchoolRegistry registry;
    private final SchoolSchemaMigrator migrator;
    private final CachedSchoolDirectory directory;
    private final ExecutorService pool;
    private final boolean enabled;

    public SchoolMigrationWorker(
            SchoolRegistry registry,
            SchoolSchemaMigrator migrator,
            CachedSchoolDirectory directory,
            @Value("${campuspass.migration.concurrency:2}") int concurrency,
            @Value("${campuspass.migration.on-startup:true}") boolean enabled) {
        this.registry = registry;
        this.migrator = migrator;
        this.directory = directory;
        this.enabled = enabled;
        this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), DaemonThreads.named("school-migration"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (enabled) {
            DaemonThreads.named("school-migration-scan")
                    .newThread(this::migrateAllBehind)
                    .start();
        }
    }

    /** Migrates every school not at the bundled version; returns how many failed. */
    public int migrateAllBehind() {
        String target = migrator.latestVersion();
        List<SchoolCode> behind = registry.schemasBehind(target);
        if (behind.isEmpty()) {
            return 0;
        }
        log.info("Migrating {} school schema(s) to version {}", behind.size(), target);
        List<java.util.concurrent.Future<Boolean>> results =
                behind.stream().map(code -> pool.submit(() -> migrate(code))).toList();
        int failed = 0;
        for (var result : results) {
            try {
                failed += result.get() ? 0 : 1;
            } catch (Exception e) {
                failed++;
            }
        }
        log.info("School schema migration done: {} of {} failed", failed, behind.size());
        return failed;
    }

    /** Migrates one school, recording the outcome; true on success. */
    public boolean migrate(SchoolCode code) {
        registry.setSchema(code, SchemaState.MIGRATING, null, null);
        directory.evict(code);
        try {
            String version = migrator.migrate(code);
            registry.setSchema(code, SchemaState.CURRENT, version, null);
            return true;
        } catch (RuntimeException e) {
            log.error("Migration of school {} failed", code, e);
            registry.setSchema(code, SchemaState.FAILED, null, String.valueOf(e.getMessage()));
            return false;
        } finally {
            directory.evict(code);
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
