package cn.campuspass.vehicle;

import cn.campuspass.platform.tenancy.SchoolJdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A registrant's own vehicles and registrations, for the portal's 我的申请 (R2, R4.6): every status, newest
 * submission first, with the reviewer's reason. The registrant is the session's, so no staff data scope applies.
 */
@Service
public class VehiclesOfRegistrant {

    /** A registrant has a handful of vehicles; the portal shows them all. */
    static final int MAX = 100;

    private final SchoolJdbc jdbc;

    VehiclesOfRegistrant(SchoolJdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Vehicles.Item> of(long registrantId) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(Vehicles.COLUMNS + Vehicles.FROM
                    + " WHERE v.registrant_id = ? AND v.deleted_at IS NULL"
                    + " ORDER BY v.submitted_at DESC, v.id DESC LIMIT " + MAX)) {
                ps.setLong(1, registrantId);
                List<Vehicles.Item> items = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(Vehicles.item(rs));
                    }
                }
                return items;
            }
        });
    }
}
