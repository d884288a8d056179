package cn.campuspass.violation;

import cn.campuspass.organization.AcademicYear;
import cn.campuspass.organization.AcademicYears;
import cn.campuspass.organization.Term;
import cn.campuspass.organization.Terms;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.vehicle.RegistrationStatus;
import cn.campuspass.vehicle.VehicleType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The violator leaderboard (违章人员排行榜, A6.5) and the violating-vehicle leaderboard (违章车辆排行榜, A6.6).
 *
 * <p>What counts: effective tickets only. A revoked ticket — revoked by staff, or by an approved appeal, which
 * revokes it — does not count; a ticket under a pending appeal still does. Visitors' tickets are in neither board.
 * The vehicle board counts the tickets that name a registered vehicle ({@code ticket.vehicle_id}: the plate was
 * the target registrant's own registered vehicle when the ticket was issued); a ticket to a plate that was not
 * (an unregistered car, someone else's car) stays in the violator board and the ticket list only. A deleted vehicle
 * leaves the board.
 *
 * <p>Order: most tickets first; on a tie the one ticketed most recently first, then the lower id. Rank is shared on
 * a tie of the count (competition ranking: 1, 2, 2, 4).
 *
 * <p>Filters: a term (its dates), an academic year (the span of its terms, or its own dates when it has none) and a
 * date range (Shanghai days) narrow the period together (their intersection); the identity is the one the registrant
 * had when ticketed (the ticket's snapshot, like the department scope). A department administrator ranks the tickets
 * of their departments' registrants, the department the registrant had when ticketed — the same scope as the ticket
 * list, so a row's drill-down lists exactly the tickets it counts. The registration status and type of a vehicle
 * and the names on a row are as they are now (read-only joins on {@code registrant} and {@code vehicle}, as the
 * access module reads them); a deleted registrant's row keeps the name from their latest ticket.
 *
 * <p>Each board is one aggregate over the partial index {@code ticket_board_idx} (V26), which holds only effective
 * registrant tickets with the columns the filters and the grouping need (an index-only scan).
 */
@Service
public class ViolationStats {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    private final SchoolJdbc jdbc;
    private final Terms terms;
    private final AcademicYears years;

    ViolationStats(SchoolJdbc jdbc, Terms terms, AcademicYears years) {
        this.jdbc = jdbc;
        this.terms = terms;
        this.years = years;
    }

    /** What the caller asked for: each part optional. */
    public record PeriodQuery(Long termId, Long academicYearId, LocalDate from, LocalDate to) {}

    /** The days counted, both ends inclusive; null ends are open. {@code empty}: the filters share no day. */
    public record Period(LocalDate from, LocalDate to, boolean empty) {}

    public record ViolatorFilter(PeriodQuery period, Identity identity) {}

    public record VehicleFilter(PeriodQuery period, Identity identity, VehicleType type, RegistrationStatus status) {}

    public record ViolatorRow(
            int rank,
            long registrantId,
            String name,
            String number,
            String phoneMasked,
            Identity identity,
            long tickets,
            Instant lastIssuedAt) {}

    public record VehicleRow(
            int rank,
            long vehicleId,
            VehicleType type,
            String plate,
            String ownerName,
            RegistrationStatus status,
            Long registrantId,
            String registrantName,
            long tickets,
            Instant lastIssuedAt) {}

    /** @param total how many registrants (vehicles) the whole board has, beyond the rows returned */
    public record Board<T>(Period period, long total, List<T> items) {}

    /** The period a query means: the intersection of the term's, the year's and the given dates. */
    @Transactional(readOnly = true)
    public Period period(PeriodQuery q) {
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            throw new ApiException(ViolationStatsError.VIOLATION_STATS_RANGE_INVALID);
        }
        LocalDate from = q.from();
        LocalDate to = q.to();
        if (q.termId() != null) {
            Term term = term(q.termId());
            from = later(from, term.getStartDate());
            to = earlier(to, term.getEndDate());
        }
        if (q.academicYearId() != null) {
            LocalDate[] span = yearSpan(q.academicYearId());
            from = later(from, span[0]);
            to = earlier(to, span[1]);
        }
        return new Period(from, to, from != null && to != null && from.isAfter(to));
    }

    /** 违章人员排行榜: registrants by effective tickets. */
    @Transactional(readOnly = true)
    public Board<ViolatorRow> violators(ViolatorFilter filter, DataScope scope, int limit) {
        int top = limit(limit);
        Period period = period(filter.period());
        if (period.empty()) {
            return new Board<>(period, 0, List.of());
        }
        TicketQuery where = counted(period, scope);
        if (filter.identity() != null) {
            where.and("t.target_identity = ?", filter.identity().name());
        }
        return jdbc.run(c -> {
            List<ViolatorRow> rows = new ArrayList<>();
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH g AS (
                        SELECT t.registrant_id AS id, count(*) AS n, max(t.issued_at) AS last
                        FROM ticket t %s
                        GROUP BY t.registrant_id),
                    top AS (
                        SELECT g.id, g.n, g.last, rank() OVER (ORDER BY g.n DESC) AS rk, count(*) OVER () AS total
                        FROM g ORDER BY g.n DESC, g.last DESC, g.id LIMIT ?)
                    SELECT top.rk, top.id, coalesce(r.name, s.target_name), coalesce(r.number, s.target_number),
                           coalesce(r.phone_masked, s.target_phone_masked), coalesce(r.identity, s.target_identity),
                           top.n, top.last, top.total
                    FROM top
                    LEFT JOIN registrant r ON r.id = top.id
                    LEFT JOIN LATERAL (
                        SELECT t.target_name, t.target_number, t.target_phone_masked, t.target_identity
                        FROM ticket t WHERE t.registrant_id = top.id ORDER BY t.issued_at DESC LIMIT 1) s ON true
                    ORDER BY top.n DESC, top.last DESC, top.id
                    """.formatted(where.where()))) {
                int i = where.bind(c, ps);
                ps.setInt(i, top);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        total = rs.getLong(9);
                        rows.add(new ViolatorRow(
                                rs.getInt(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                identity(rs.getString(6)),
                                rs.getLong(7),
                                rs.getTimestamp(8).toInstant()));
                    }
                }
            }
            return new Board<>(period, total, rows);
        });
    }

    /** 违章车辆排行榜: registered vehicles by effective tickets. */
    @Transactional(readOnly = true)
    public Board<VehicleRow> vehicles(VehicleFilter filter, DataScope scope, int limit) {
        int top = limit(limit);
        Period period = period(filter.period());
        if (period.empty()) {
            return new Board<>(period, 0, List.of());
        }
        TicketQuery where = counted(period, scope).and("t.vehicle_id IS NOT NULL");
        if (filter.identity() != null) {
            where.and("t.target_identity = ?", filter.identity().name());
        }
        if (filter.type() != null) {
            where.and("v.type = ?", filter.type().name());
        }
        if (filter.status() != null) {
            where.and("v.status = ?", filter.status().name());
        }
        return jdbc.run(c -> {
            List<VehicleRow> rows = new ArrayList<>();
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH g AS (
                        SELECT t.vehicle_id AS id, count(*) AS n, max(t.issued_at) AS last
                        FROM ticket t JOIN vehicle v ON v.id = t.vehicle_id AND v.deleted_at IS NULL %s
                        GROUP BY t.vehicle_id),
                    top AS (
                        SELECT g.id, g.n, g.last, rank() OVER (ORDER BY g.n DESC) AS rk, count(*) OVER () AS total
                        FROM g ORDER BY g.n DESC, g.last DESC, g.id LIMIT ?)
                    SELECT top.rk, v.id, v.type, v.plate, v.owner_name, v.status, v.registrant_id, r.name,
                           top.n, top.last, top.total
                    FROM top
                    JOIN vehicle v ON v.id = top.id
                    LEFT JOIN registrant r ON r.id = v.registrant_id
                    ORDER BY top.n DESC, top.last DESC, top.id
                    """.formatted(where.where()))) {
                int i = where.bind(c, ps);
                ps.setInt(i, top);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        total = rs.getLong(11);
                        rows.add(new VehicleRow(
                                rs.getInt(1),
                                rs.getLong(2),
                                VehicleType.valueOf(rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5),
                                RegistrationStatus.valueOf(rs.getString(6)),
                                rs.getObject(7, Long.class),
                                rs.getString(8),
                                rs.getLong(9),
                                rs.getTimestamp(10).toInstant()));
                    }
                }
            }
            return new Board<>(period, total, rows);
        });
    }

    /**
     * Effective tickets of registrants in the period, within the caller's scope (the ticket list's rules). Status and
     * target are literals, not parameters, so that even a generic plan can prove the partial index's predicate.
     */
    private static TicketQuery counted(Period period, DataScope scope) {
        return TicketQuery.of(
                        new TicketQuery.Filter(null, null, null, null, null, null, period.from(), period.to()), scope)
                .and("t.status = 'EFFECTIVE'")
                .and("t.target_kind = 'REGISTRANT'");
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(ViolationStatsError.VIOLATION_STATS_LIMIT_INVALID);
        }
        return limit;
    }

    private Term term(long id) {
        try {
            return terms.get(id);
        } catch (ApiException e) {
            throw new ApiException(ViolationStatsError.VIOLATION_STATS_TERM_NOT_FOUND);
        }
    }

    /** The first and last day of the year's terms; the year's own dates when it has no terms. */
    private LocalDate[] yearSpan(long id) {
        AcademicYear year;
        try {
            year = years.get(id);
        } catch (ApiException e) {
            throw new ApiException(ViolationStatsError.VIOLATION_STATS_YEAR_NOT_FOUND);
        }
        List<Term> ofYear = terms.list(id, null, null);
        if (ofYear.isEmpty()) {
            return new LocalDate[] {year.getStartDate(), year.getEndDate()};
        }
        LocalDate first = ofYear.stream()
                .map(Term::getStartDate)
                .min(LocalDate::compareTo)
                .orElseThrow();
        LocalDate last =
                ofYear.stream().map(Term::getEndDate).max(LocalDate::compareTo).orElseThrow();
        return new LocalDate[] {first, last};
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Identity identity(String name) {
        return name == null ? null : Identity.valueOf(name);
    }
}
