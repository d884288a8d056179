package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.tenancy.SchoolConnections;
import cn.campuspass.platform.tenancy.SchoolSchemaConnectionProvider;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The school switch of a pooled connection, on the real PostgreSQL: a statement prepared on the server once keeps
 * being reused across checkouts and across schools (the switch must not make the JDBC driver drop its prepared
 * statements, which cost PostgreSQL a parse and a plan at every execution), and a reused statement still reads the
 * tables of the school the connection is on now, never those of the school it was first prepared for.
 */
class SchoolConnectionReuseIT extends StackTest {

    private static final String QUERY = "SELECT count(*), min(label) FROM reuse_probe WHERE id > ?";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void schemas(@Autowired JdbcTemplate jdbc) {
        for (String school : List.of("reusea", "reuseb")) {
            jdbc.execute("DROP SCHEMA IF EXISTS school_" + school + " CASCADE");
            jdbc.execute("CREATE SCHEMA school_" + school);
            jdbc.execute("CREATE TABLE school_" + school + ".reuse_probe (id int PRIMARY KEY, label text NOT NULL)");
        }
        jdbc.execute("INSERT INTO school_reusea.reuse_probe SELECT i, 'a' || i FROM generate_series(1, 3) i");
        jdbc.execute("INSERT INTO school_reuseb.reuse_probe SELECT i, 'b' || i FROM generate_series(1, 5) i");
    }

    @AfterAll
    static void dropSchemas(@Autowired JdbcTemplate jdbc) {
        jdbc.execute("DROP SCHEMA IF EXISTS school_reusea CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS school_reuseb CASCADE");
    }

    @Test
    void aStatementIsPreparedOnceAndReadsTheCurrentSchoolsTablesAfterEverySwitch() throws SQLException {
        try (HikariDataSource single = singleConnection()) {
            SchoolSchemaConnectionProvider provider = new SchoolSchemaConnectionProvider(single);

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String schema = i % 2 == 0 ? "school_reusea" : "school_reuseb";
                Connection connection = provider.getConnection(schema);
                try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
                    ps.setInt(1, 0);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        answers.add(rs.getInt(1) + ":" + rs.getString(2));
                    }
                } finally {
                    provider.releaseConnection(schema, connection);
                }
            }
            // Each checkout read its own school's rows, although the server statement was the same.
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i)).isEqualTo(i % 2 == 0 ? "3:a1" : "5:b1");
            }

            try (Connection connection = single.getConnection();
                    Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT coalesce(max(generic_plans + custom_plans), 0),"
                            + " count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM reuse_probe%'");
                    ResultSet path = connection.createStatement().executeQuery("SHOW search_path")) {
                rs.next();
                // The driver prepares on the server from the fifth execution on (prepareThreshold): the 12 checkouts
                // ran one server statement at least seven times; a driver that dropped its statements at every
                // switch would have prepared a new one each time and run none of them more than once.
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(7);
                assertThat(rs.getLong(2)).isEqualTo(1);
                path.next();
                assertThat(path.getString(1).replace("\"", "")).isEqualTo("no_school");
            }
        }
    }

    @Test
    void groupCommitTransactionsAlternatingSchoolsEachSeeTheirOwnSchoolAndLeaveNothingBehind() throws SQLException {
        try (HikariDataSource single = singleConnection()) {
            SchoolConnections connections = new SchoolConnections(single);
            String before;
            try (Connection c = single.getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_setting('plan_cache_mode')")) {
                rs.next();
                before = rs.getString(1);
            }
            for (int i = 0; i < 10; i++) {
                String school = i % 2 == 0 ? "reusea" : "reuseb";
                String answer = connections.inTransaction(SchoolCode.of(school), c -> {
                    try (PreparedStatement ps = c.prepareStatement(QUERY);
                            Statement st = c.createStatement()) {
                        ps.setInt(1, 1);
                        try (ResultSet rs = ps.executeQuery();
                                ResultSet mode = st.executeQuery("SELECT current_setting('plan_cache_mode')")) {
                            rs.next();
                            mode.next();
                            return rs.getInt(1) + ":" + rs.getString(2) + ":" + mode.getString(1);
                        }
                    }
                });
                assertThat(answer).isEqualTo(i % 2 == 0 ? "2:a2:force_generic_plan" : "4:b2:force_generic_plan");
            }
            // The generic-plan setting lasted for each batch's transaction only; the schema was reset on release.
            try (Connection c = single.getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT current_setting('plan_cache_mode'), current_setting('search_path')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(before);
                assertThat(rs.getString(2).replace("\"", "")).isEqualTo("no_school");
            }
        }
    }

    @Test
    void pooledConnectionsPlanEveryExecutionForItsValuesUnlessAHotPathOptsIn() throws SQLException {
        // The application's pool: custom plans by default (a generic plan of a date-range statistic misjudged it).
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('plan_cache_mode')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("force_custom_plan");
        }
    }

    /** A pool of one connection on the application's database, so every checkout is the same server session. */
    private HikariDataSource singleConnection() throws SQLException {
        HikariDataSource app = dataSource.unwrap(HikariDataSource.class);
        HikariDataSource single = new HikariDataSource();
        single.setJdbcUrl(app.getJdbcUrl());
        single.setUsername(app.getUsername());
        single.setPassword(app.getPassword());
        single.setMaximumPoolSize(1);
        return single;
    }
}
