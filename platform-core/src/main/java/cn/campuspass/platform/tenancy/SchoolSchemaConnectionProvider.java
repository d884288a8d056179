package cn.campuspass.platform.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Schema-per-school on one shared pool: every checkout sets the school's {@code search_path}, every release puts
 * the connection back on the empty {@link SchoolSchemas#NO_SCHOOL} schema, so a connection never carries one
 * borrower's school to the next.
 */
public class SchoolSchemaConnectionProvider implements MultiTenantConnectionProvider<String> {

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
        } finally {
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
