package cn.campuspass.tenant.schema;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.tenancy.SchoolJavaMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Runs the school migrations ({@code classpath:db/school} and the Java ones feature modules contribute as
 * {@link SchoolJavaMigration}) in one school's schema with Flyway. The version this build ships is read once from
 * the migration names, so checking whether a school is current costs a registry lookup, not a Flyway scan per school.
 */
@Component
public class SchoolSchemaMigrator {

    static final String LOCATION = "classpath:db/school";
    private static final Pattern VERSIONED = Pattern.compile("^V([0-9][0-9._]*)__.*\\.sql$");

    private final DataSource dataSource;
    private final List<JavaMigration> javaMigrations;
    private final String latestVersion;

    public SchoolSchemaMigrator(DataSource dataSource, List<SchoolJavaMigration> javaMigrations) {
        this.dataSource = dataSource;
        this.javaMigrations =
                javaMigrations.stream().map(SchoolJavaMigration::migration).toList();
        this.latestVersion = scanLatestVersion(this.javaMigrations);
    }

    /** The newest migration version bundled in this build, e.g. {@code "3"}. */
    public String latestVersion() {
        return latestVersion;
    }

    /** Creates the schema if needed and applies pending migrations; returns the version the schema is now at. */
    public String migrate(SchoolCode school) {
        return migrate(school, point -> {});
    }

    /**
     * {@link #migrate(SchoolCode)}, telling {@code checkpoint} {@code "before-migration:<version>"} before each
     * migration runs (onboarding's hooks; a fault there leaves the earlier migrations applied, each in its own
     * transaction, and the next run continues from there).
     */
    public String migrate(SchoolCode school, Consumer<String> checkpoint) {
        String schema = school.schemaName();
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(LOCATION)
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new))
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                // Features reserve version numbers when they start and may land in another order (V23 before V20):
                // a schema already past a version still gets the lower ones that arrive later. School migrations
                // only add (tables, columns, indexes), so their order between features does not matter.
                .outOfOrder(true)
                .callbacks(new Checkpoints(checkpoint))
                .load()
                .migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    private static String scanLatestVersion(List<JavaMigration> javaMigrations) {
        try {
            Resource[] scripts =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:db/school/V*__*.sql");
            Stream<MigrationVersion> sql = Arrays.stream(scripts)
                    .map(Resource::getFilename)
                    .map(name -> name == null ? null : VERSIONED.matcher(name))
                    .filter(m -> m != null && m.matches())
                    .map(m -> MigrationVersion.fromVersion(m.group(1).replace('_', '.')));
            return Stream.concat(sql, javaMigrations.stream().map(JavaMigration::getVersion))
                    .max(Comparator.naturalOrder())
                    .map(MigrationVersion::getVersion)
                    .orElseThrow(() -> new IllegalStateException("No school migrations on the classpath"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports each versioned migration before it runs. */
    private record Checkpoints(Consumer<String> checkpoint) implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            if (context.getMigrationInfo() != null && context.getMigrationInfo().getVersion() != null) {
                checkpoint.accept("before-migration:"
                        + context.getMigrationInfo().getVersion().getVersion());
            }
        }

        @Override
        public String getCallbackName() {
            return "onboarding-checkpoints";
        }
    }

    static String versionOf(Matcher m) {
        return m.group(1);
    }
}
