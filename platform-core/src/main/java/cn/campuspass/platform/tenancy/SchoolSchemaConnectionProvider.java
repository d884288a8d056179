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

    /**
     * Points the connection at the schema with {@code set_config}, not {@code SET search_path}: the JDBC driver
     * watches for a {@code SET} naming {@code search_path} with a text other than the last one and then drops every
     * server-prepared statement of the connection, so with a switch at every checkout and release no statement was
     * ever prepared once and reused — each was parsed and planned again at every execution (a third of
     * PostgreSQL's CPU on the gate path). PostgreSQL itself re-plans a prepared statement whose {@code search_path}
     * has changed, so a statement prepared for one school reads another school's tables correctly; every school
     * schema has the same tables from the same migrations, so a re-plan never changes a statement's result type.
     */
    static void setSearchPath(Connection connection, String schema) throws SQLException {
        // The schema was validated against a strict pattern, so quoting it as an identifier is enough.
        try (Statement statement = connection.createStatement()) {
            statement.execute(searchPath(schema));
        }
    }

    /** The statement that points a connection at the (validated) schema; see {@link #setSearchPath}. */
    static String searchPath(String schema) {
        return "SELECT set_config('search_path', '\"" + schema + "\"', false)";
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
