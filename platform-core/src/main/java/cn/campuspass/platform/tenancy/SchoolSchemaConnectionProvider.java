package cn.campuspass.platform.tenancy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema-per-school on one shared pool: every checkout sets the school's {@code search_path}, every release puts
 * the connection back on the empty {@link SchoolSchemas#NO_SCHOOL} schema, so a connection never carries one
 * borrower's school to the next.
 */
public class SchoolSchemaConnectionProvider implements MultiTenantConnectionProvider<String> {

    private static final Logger log = LoggerFactory.getLogger(SchoolSchemaConnectionProvider.class);

    private final transient DataSource dataSource;

    public SchoolSchemaConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        setSearchPath(connection, SchoolSchemas.NO_SCHOOL);
        return connection;
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection(String schema) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            setSearchPath(connection, SchoolSchemas.checked(schema));
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void releaseConnection(String schema, Connection connection) throws SQLException {
        try {
            setSearchPath(connection, SchoolSchemas.NO_SCHOOL);
        } catch (SQLException | RuntimeException e) {
            // Still on this school's schema: returned to the pool, the next borrower could read this school's rows.
            log.warn("Could not reset search_path of a connection released by {}; evicting it", schema, e);
            evict(connection);
            throw e;
        }
        connection.close();
    }

    /** Takes the connection out of the pool for good (Hikari closes it), never returning it to other borrowers. */
    private void evict(Connection connection) throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
        } else {
            // Not a Hikari pool (tests, tools): abort so the pool discards the physical connection.
            connection.abort(Runnable::run);
            connection.close();
        }
    }

    static void setSearchPath(Connection connection, String schema) throws SQLException {
        // The schema was validated against a strict pattern, so quoting it as an identifier is enough.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO \"" + schema + "\"");
        }
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
        return unwrapType.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> unwrapType) {
        return unwrapType.cast(this);
    }
}
