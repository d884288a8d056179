package cn.campuspass.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchoolSchemaConnectionProviderTest {

    /** Records what the provider does with the pool, without a database. */
    static final class RecordingPool extends HikariDataSource {
        final List<Connection> evicted = new ArrayList<>();

        @Override
        public void evictConnection(Connection connection) {
            evicted.add(connection);
        }
    }

    /** A connection whose statements succeed or fail; records SQL and whether it was closed (returned). */
    static final class FakeConnection {
        final List<String> sql = new ArrayList<>();
        boolean closed;
        boolean failSql;

        Connection proxy() {
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, method, args) -> {
                        switch (method.getName()) {
                            case "createStatement":
                                return Proxy.newProxyInstance(
                                        getClass().getClassLoader(),
                                        new Class<?>[] {Statement.class},
                                        (sp, sm, sargs) -> {
                                            if (sm.getName().equals("execute")) {
                                                if (failSql) {
                                                    throw new SQLException("current transaction is aborted", "25P02");
                                                }
                                                sql.add((String) sargs[0]);
                                                return false;
                                            }
                                            return null;
                                        });
                            case "close":
                                closed = true;
                                return null;
                            case "isClosed":
                                return closed;
                            case "equals":
                                return p == args[0];
                            case "hashCode":
                                return System.identityHashCode(p);
                            default:
                                return null;
                        }
                    });
        }
    }

    @Test
    void releaseResetsTheSchemaAndReturnsTheConnection() throws SQLException {
        RecordingPool pool = new RecordingPool();
        SchoolSchemaConnectionProvider provider = new SchoolSchemaConnectionProvider(pool);
        FakeConnection fake = new FakeConnection();
        provider.releaseConnection("school_alpha", fake.proxy());
        assertThat(fake.sql)
                .containsExactly("SELECT set_config('search_path', '\"" + SchoolSchemas.NO_SCHOOL + "\"', false)");
        assertThat(fake.closed).isTrue();
        assertThat(pool.evicted).isEmpty();
    }

    @Test
    void aConnectionWhoseResetFailsIsEvictedNotReturned() {
        RecordingPool pool = new RecordingPool();
        SchoolSchemaConnectionProvider provider = new SchoolSchemaConnectionProvider(pool);
        FakeConnection fake = new FakeConnection();
        fake.failSql = true;
        Connection connection = fake.proxy();
        assertThatThrownBy(() -> provider.releaseConnection("school_alpha", connection))
                .isInstanceOf(SQLException.class);
        assertThat(pool.evicted).containsExactly(connection);
        assertThat(fake.closed).as("closing would hand it back to the pool").isFalse();
    }
}
