package cn.campuspass.visitor;

import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks bookings EXPIRED whose slot window has closed without a visit: effective ones (APPROVED) and ones still
 * waiting for the host's approval or the visitor's confirmation, so that the one-per-slot index frees the slot and
 * the visitor's lists say what happened. A window closes at its slot's end in school time (Asia/Shanghai), e.g. a
 * morning booking of 3 March at 12:00 Shanghai on 3 March.
 *
 * <p>Idempotent (only rows still open change) and safe on any number of nodes: each batch claims its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so two nodes never wait on each other, and a booking a gate is verifying right now
 * (locked by the verification) is skipped and looked at again by the next run, after the verification has decided.
 */
@Component
public class BookingExpiry {

    static final int BATCH = 500;

    private final SchoolJdbc jdbc;
    private final TransactionTemplate transactions;

    BookingExpiry(SchoolJdbc jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Expires the bound school's open bookings whose window closed at or before {@code now}; returns how many
     * changed.
     */
    public int expireDue(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, SchoolTime.ZONE);
        int total = 0;
        for (VisitSlot slot : VisitSlot.values()) {
            // The last day whose window of this slot has closed: today once the slot ended, else yesterday.
            LocalDate lastClosed = now.isBefore(slot.closesAt(today)) ? today.minusDays(1) : today;
            int changed;
            do {
                changed = transactions.execute(tx -> expireBatch(slot, lastClosed, now));
                total += changed;
            } while (changed == BATCH);
        }
        return total;
    }

    private int expireBatch(VisitSlot slot, LocalDate lastClosed, Instant now) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE visitor_booking SET status = 'EXPIRED', updated_at = ?
                    WHERE id IN (
                        SELECT id FROM visitor_booking
                        WHERE status IN ('PENDING_APPROVAL', 'APPROVED', 'PENDING_CONFIRMATION')
                          AND slot = ? AND visit_date <= ?
                        ORDER BY visit_date, id
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED)
                      AND status IN ('PENDING_APPROVAL', 'APPROVED', 'PENDING_CONFIRMATION')
                    """)) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, slot.name());
                ps.setDate(3, Date.valueOf(lastClosed));
                ps.setInt(4, BATCH);
                return ps.executeUpdate();
            }
        });
    }
}
