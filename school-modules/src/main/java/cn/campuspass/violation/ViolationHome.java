package cn.campuspass.violation;

import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The home page's violation part (A2): the 30-day ticket trend (罚单趋势), recent tickets (违章信息) and the appeals
 * waiting for review (申诉待审核), each within the staff member's data scope.
 */
@Service
public class ViolationHome {

    public static final int DAYS = 30;

    private final SchoolJdbc jdbc;
    private final Tickets tickets;
    private final TicketAppeals appeals;
    private final Clock clock;

    ViolationHome(SchoolJdbc jdbc, Tickets tickets, TicketAppeals appeals, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.appeals = appeals;
        this.clock = clock;
    }

    /** Tickets issued on one school day (revoked ones included: they were issued). */
    public record TrendDay(LocalDate date, long tickets) {}

    /** The last {@value #DAYS} school days, oldest first, zeros included. */
    @Transactional(readOnly = true)
    public List<TrendDay> trend(DataScope scope) {
        LocalDate today = LocalDate.now(clock.withZone(SchoolTime.ZONE));
        LocalDate first = today.minusDays(DAYS - 1);
        TicketQuery query =
                TicketQuery.of(new TicketQuery.Filter(null, null, null, null, null, null, first, today), scope);
        Map<LocalDate, Long> counts = jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT (t.issued_at AT TIME ZONE 'Asia/Shanghai')::date, count(*) FROM ticket t"
                            + query.where() + " GROUP BY 1")) {
                query.bind(c, ps);
                Map<LocalDate, Long> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                    }
                }
                return found;
            }
        });
        List<TrendDay> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            days.add(new TrendDay(d, counts.getOrDefault(d, 0L)));
        }
        return days;
    }

    /** Tickets issued today (school day) within the scope, revoked ones included: the staff workbench's 今日罚单数. */
    @Transactional(readOnly = true)
    public long issuedToday(DataScope scope) {
        return tickets.countIssuedToday(scope);
    }

    @Transactional(readOnly = true)
    public List<Tickets.Ticket> recent(DataScope scope, int limit) {
        return tickets.search(TicketQuery.Filter.all(), scope, 0, limit).items();
    }

    @Transactional(readOnly = true)
    public long pendingAppeals(DataScope scope) {
        return appeals.countPending(scope);
    }
}
