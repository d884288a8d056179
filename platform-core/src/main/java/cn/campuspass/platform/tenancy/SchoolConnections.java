package cn.campuspass.platform.tenancy;

import cn.campuspass.platform.school.SchoolCode;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
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
 */
@Component
public class SchoolConnections {

    private static final Logger log = LoggerFactory.getLogger(SchoolConnections.class);

    private final DataSource dataSource;

    SchoolConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction on the school's schema and commits it; rolls back if it throws. */
    public <T> T inTransaction(SchoolCode school, SchoolJdbc.Work<T> work) throws SQLException {
        String schema = SchoolSchemas.checked(SchoolSchemas.of(school));
        Connection connection = dataSource.getConnection();
        boolean onSchool = false;
        try {
            SchoolSchemaConnectionProvider.setSearchPath(connection, schema);
            onSchool = true;
            connection.setAutoCommit(false);
            T result;
            try {
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
            release(connection, onSchool, schema);
        }
    }

    private void release(Connection connection, boolean onSchool, String schema) throws SQLException {
        if (onSchool) {
            try {
                SchoolSchemaConnectionProvider.setSearchPath(connection, SchoolSchemas.NO_SCHOOL);
            } catch (SQLException | RuntimeException e) {
                // Still on this school's schema: returned to the pool, the next borrower could read its rows.
                log.warn("Could not reset search_path of a connection used for {}; evicting it", schema, e);
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
                    return;
                }
                connection.abort(Runnable::run);
            }
        }
        connection.close();
    }
}
