package cn.campuspass.vehiclegate;

import cn.campuspass.organization.Gates;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which gates of the school are vehicle gates; only there do plate events let a vehicle through. */
@Service
public class VehicleGates {

    public record GateItem(
            long gateId, String gateName, long campusId, String campusName, boolean enabled, boolean vehicleGate) {}

    private final SchoolJdbc jdbc;
    private final Gates gates;

    VehicleGates(SchoolJdbc jdbc, Gates gates) {
        this.jdbc = jdbc;
        this.gates = gates;
    }

    /** Every gate with its vehicle-gate mark, by campus and the gates' own order. */
    @Transactional(readOnly = true)
    public List<GateItem> list() {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT g.id, g.name, c.id, c.name, g.enabled, vg.gate_id IS NOT NULL
                    FROM gate g JOIN campus c ON c.id = g.campus_id
                    LEFT JOIN vehicle_gate vg ON vg.gate_id = g.id
                    ORDER BY c.sort_order, c.id, g.sort_order, g.id""");
                    ResultSet rs = ps.executeQuery()) {
                List<GateItem> items = new ArrayList<>();
                while (rs.next()) {
                    items.add(new GateItem(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getBoolean(5),
                            rs.getBoolean(6)));
                }
                return items;
            }
        });
    }

    /** Marks or unmarks the gate; idempotent. */
    @Transactional
    public GateItem mark(long gateId, boolean vehicleGate, String actor) {
        gates.get(gateId); // GATE_NOT_FOUND for an unknown gate
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    vehicleGate
                            ? "INSERT INTO vehicle_gate (gate_id, marked_by) VALUES (?, ?) ON CONFLICT (gate_id) DO NOTHING"
                            : "DELETE FROM vehicle_gate WHERE gate_id = ? AND ? IS NOT NULL")) {
                ps.setLong(1, gateId);
                ps.setString(2, actor == null ? "" : actor);
                return ps.executeUpdate();
            }
        });
        return list().stream().filter(g -> g.gateId() == gateId).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public boolean isVehicleGate(long gateId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM vehicle_gate WHERE gate_id = ?")) {
                ps.setLong(1, gateId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
