package cn.campuspass.tenant.offboarding;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.registry.CachedSchoolDirectory;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A school's end: export everything (every table of its schema as CSV, every stored file) into one archive kept
 * outside the school's space, then remove its realm, schema and files. The registry row stays, marked OFFBOARDED,
 * so the code is never handed to another school.
 */
@Service
public class SchoolOffboarding {

    /** Where offboarding exports are kept among the platform archives (and expire: {@code RetentionSweeper}). */
    public static final String ARCHIVE_PREFIX = "offboarded/";

    private final SchoolRegistry registry;
    private final SchoolRealmProvisioner realms;
    private final ObjectStore storage;
    private final CachedSchoolDirectory directory;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final java.time.Clock clock;

    public SchoolOffboarding(
            SchoolRegistry registry,
            SchoolRealmProvisioner realms,
            ObjectStore storage,
            CachedSchoolDirectory directory,
            DataSource dataSource,
            JdbcClient jdbc,
            AuditLog audit,
            java.time.Clock clock) {
        this.registry = registry;
        this.realms = realms;
        this.storage = storage;
        this.directory = directory;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public record Result(String archive, String downloadUrl) {}

    public Result offboard(SchoolCode code) {
        SchoolRecord school =
                registry.find(code).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
        SchoolStatus from = school.status();
        if (from == SchoolStatus.OFFBOARDED || from == SchoolStatus.OFFBOARDING) {
            throw new ApiException(TenantError.SCHOOL_STATE_CONFLICT, code, from);
        }
        if (!registry.transition(code, from, SchoolStatus.OFFBOARDING)) {
            throw new ApiException(TenantError.SCHOOL_STATE_CONFLICT, code, from);
        }
        directory.evict(code);
        String archive = ARCHIVE_PREFIX + code.value() + "-" + clock.instant().getEpochSecond() + ".zip";
        Path zip = null;
        try {
            zip = Files.createTempFile("offboard-" + code.value(), ".zip");
            export(code, zip);
            storage.putArchive(archive, zip, "application/zip");
        } catch (IOException | SQLException e) {
            registry.setStatus(code, from);
            throw new IllegalStateException("Export of school " + code + " failed; nothing was removed", e);
        } finally {
            deleteQuietly(zip);
        }
        // Only after the export is safely stored does removal begin.
        realms.deleteRealm(school.keycloakCluster(), code);
        jdbc.sql("DROP SCHEMA IF EXISTS \"" + code.schemaName() + "\" CASCADE").update();
        registry.setSchema(code, SchemaState.NONE, null, null);
        storage.deleteSchool(code);
        registry.setStatus(code, SchoolStatus.OFFBOARDED);
        directory.evict(code);
        audit.record(code, "SCHOOL_OFFBOARDED", archive);
        return new Result(archive, storage.presignedArchive(archive, Duration.ofMinutes(15)));
    }

    private void export(SchoolCode code, Path zip) throws IOException, SQLException {
        // Plain and partitioned tables, not their partitions: a partitioned table (access_record) is exported whole
        // through a query, since COPY cannot read one directly.
        List<String> tables = jdbc.sql("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
                        + " ORDER BY c.relname")
                .param("schema", code.schemaName())
                .query(String.class)
                .list();
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream archive = new ZipOutputStream(out);
                Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                archive.putNextEntry(new ZipEntry("tables/" + table + ".csv"));
                copy.copyOut(
                        "COPY (SELECT * FROM \"" + code.schemaName() + "\".\"" + table.replace("\"", "")
                                + "\") TO STDOUT WITH CSV HEADER",
                        archive);
                archive.closeEntry();
            }
            for (String key : storage.list(code, "")) {
                archive.putNextEntry(new ZipEntry("files/" + key));
                try (InputStream in = storage.get(code, key)) {
                    in.transferTo(archive);
                }
                archive.closeEntry();
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
