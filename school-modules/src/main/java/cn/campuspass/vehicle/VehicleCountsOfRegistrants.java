package cn.campuspass.vehicle;

import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.registrant.RegistrantVehicleCounts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The registrant list's vehicle columns: one grouped query per page of registrants. */
@Component
class VehicleCountsOfRegistrants implements RegistrantVehicleCounts {

    private final SchoolJdbc jdbc;

    VehicleCountsOfRegistrants(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Counts> countsOf(Collection<Long> registrantIds) {
        if (registrantIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT registrant_id, count(*) FILTER (WHERE type = 'MOTOR'), count(*) FILTER (WHERE type = 'EBIKE')
                    FROM vehicle
                    WHERE registrant_id = ANY (?) AND status = 'APPROVED' AND deleted_at IS NULL
                    GROUP BY registrant_id""")) {
                ps.setArray(1, c.createArrayOf("bigint", registrantIds.toArray(Long[]::new)));
                Map<Long, Counts> counts = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getLong(1), new Counts(rs.getInt(2), rs.getInt(3)));
                    }
                }
                return counts;
            }
        });
    }
}
