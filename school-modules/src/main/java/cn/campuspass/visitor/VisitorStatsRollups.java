package cn.campuspass.visitor;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * The roll-ups of closed days behind every visitor statistic (school migration V25, issue 11 item 7). Days up to a
 * watermark are read from {@code visitor_stats_day} / {@code visitor_stats_visitor*} / {@code visitor_stats_gate_day},
 * days after it from the raw rows. The watermark only moves forward and the triggers keep closed days exact, so a
 * statistic that reads the watermark first and then splits its range there equals the straightforward SQL over the
 * raw tables whatever commits in between: the roll-up rows of days up to the watermark read change only together
 * with their raw rows (one transaction), and the days the closing job adds lie after the watermark read.
 */
@Component
public class VisitorStatsRollups {

    /** Which roll-up: bookings by visit date, or gate visits by the Shanghai day they passed. */
    enum Kind {
        BOOKING("booking"),
        GATE("gate");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    private final SchoolJdbc jdbc;

    VisitorStatsRollups(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Closes the bound school's days up to {@code through} (yesterday in Shanghai when the housekeeping calls it):
     * bookings and gate visits, each in its own transaction. Returns the days closed (0 when already closed).
     */
    public int closeThrough(LocalDate through) {
        return close("visitor_stats_close_bookings", through) + close("visitor_stats_close_gates", through);
    }

    int close(String function, LocalDate through) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
                ps.setObject(1, through);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * The last closed day of a roll-up, or null when the caller's scope cannot be answered from roll-ups (own
     * records: the roll-ups do not keep who made a booking), so that everything is read raw.
     */
    static LocalDate closedThrough(Connection c, Kind kind, DataScope scope) throws SQLException {
        if (scope instanceof DataScope.OwnRecords) {
            return null;
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT closed_through FROM visitor_stats_state WHERE name = ?")) {
            ps.setString(1, kind.key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        }
    }
}
