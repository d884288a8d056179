package cn.campuspass.platform.tenancy;

import cn.campuspass.platform.school.SchoolCode;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plain JDBC transactions on a school's schema without an ORM session or a Spring transaction: a pooled connection is
 * pointed at the school's schema, the work runs and is committed, and the connection goes back on the empty
 * {@link SchoolSchemas#NO_SCHOOL} schema (evicted from the pool if that fails), exactly as the multi-tenant connection
 * provider does for Hibernate. For hot paths that batch many requests' work into one transaction ({@link GroupCommit});
 * ordinary code uses {@link SchoolJdbc} inside {@code @Transactional}.
 *
 * <p>The batch statements run with {@code plan_cache_mode = force_generic_plan} (for the transaction only): they are a few
 * set-based statements over {@code unnest} of array parameters, run thousands of times a second, whose generic plan is
 * the custom one; left to choose, PostgreSQL planned them afresh at every execution (the array's length makes a custom
 * plan look cheaper), and planning cost five times their execution (0.45 ms against 0.09 ms for a batch of four).
 */
@Component
public class SchoolConnections {

    private static final Logger log = LoggerFactory.getLogger(SchoolConnections.class);

    private final DataSource dataSource;

    public SchoolConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction on the school's schema and commits it; rolls back if it throws. */
    public <T> T inTransaction(SchoolCode school, SchoolJdbc.Work<T> work) throws SQLException {
        String schema = SchoolSchemas.checked(SchoolSchemas.of(school));
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            T result;
            try {
                // One round trip, which also begins the transaction: the school's schema (kept after the commit,
                // until the release below), and generic plans for the batch's statements until the transaction ends
                // (see the class note). A rollback undoes both.
                execute(
                        connection,
                        SchoolSchemaConnectionProvider.searchPath(schema)
                                + ", set_config('plan_cache_mode', 'force_generic_plan', true)");
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return result;
        } finally {
            release(connection, schema);
        }
    }

    /** Back on the empty schema whatever happened (a rollback already undid the switch; resetting again is harmless). */
    private void release(Connection connection, String schema) throws SQLException {
        try {
            SchoolSchemaConnectionProvider.setSearchPath(connection, SchoolSchemas.NO_SCHOOL);
        } catch (SQLException | RuntimeException e) {
            // Possibly still on this school's schema: returned to the pool, the next borrower could read its rows.
            log.warn("Could not reset search_path of a connection used for {}; evicting it", schema, e);
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
                return;
            }
            connection.abort(Runnable::run);
        }
        connection.close();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        // Schemas are validated against a strict pattern, so quoting one as an identifier is enough.
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
