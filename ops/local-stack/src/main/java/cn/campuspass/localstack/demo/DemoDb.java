package cn.campuspass.localstack.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * JDBC into the demo school's schema, for what the API cannot do (backdated access records, WeChat bindings). The
 * schema is named as {@code cn.campuspass.platform.school.SchoolCode#schemaName()} names it: {@code school_<code>}.
 */
record DemoDb(String jdbcUrl, String user, String password, String school) {

    String schema() {
        return "school_" + school;
    }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        c.setSchema(schema());
        return c;
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
