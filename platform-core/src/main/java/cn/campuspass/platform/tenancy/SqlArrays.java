package cn.campuspass.platform.tenancy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The array parameters of a set-based statement ({@code unnest(?::bigint[], ?::text[], …)}): each column bound as a
 * PostgreSQL array, in order from the first parameter, and freed when closed — as the group commits bind a whole
 * batch's rows with one statement.
 */
public final class SqlArrays implements AutoCloseable {

    private final List<Array> arrays = new ArrayList<>();

    private SqlArrays() {}

    /**
     * Binds {@code columns[i]} as an array of {@code types[i]} to parameter {@code i + 1}.
     *
     * @param types PostgreSQL element type names ({@code bigint}, {@code text}, …), one per column
     */
    public static SqlArrays bind(Connection connection, PreparedStatement statement, String[] types, Object[][] columns)
            throws SQLException {
        if (types.length != columns.length) {
            throw new IllegalArgumentException(types.length + " types for " + columns.length + " columns");
        }
        SqlArrays bound = new SqlArrays();
        try {
            for (int i = 0; i < columns.length; i++) {
                Array array = connection.createArrayOf(types[i], columns[i]);
                bound.arrays.add(array);
                statement.setArray(i + 1, array);
            }
        } catch (SQLException | RuntimeException e) {
            bound.close();
            throw e;
        }
        return bound;
    }

    @Override
    public void close() throws SQLException {
        for (Array array : arrays) {
            array.free();
        }
    }
}
