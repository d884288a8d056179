package cn.campuspass.violation;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.vehicle.PlateNumber;
import cn.campuspass.vehicle.Vehicles;
import cn.campuspass.visitor.VisitorBookings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whom a new ticket can go to (the staff portal's 新增开单, S2): the registrant of the registered vehicle whose plate
 * the text is, then registrants whose name or number holds it, within the issuer's scope; then, for an issuer who
 * sees the whole school (visitor tickets belong to no department), visitors here today on an approved or visited
 * booking whose plate is the text or whose name holds it. Phones stay masked.
 */
@RestController
@Validated
class TicketTargetController {

    static final int LIMIT = 10;

    private final Vehicles vehicles;
    private final Registrants registrants;
    private final VisitorBookings visitorBookings;

    TicketTargetController(Vehicles vehicles, Registrants registrants, VisitorBookings visitorBookings) {
        this.vehicles = vehicles;
        this.registrants = registrants;
        this.visitorBookings = visitorBookings;
    }

    /**
     * One candidate: a registrant ({@code kind} REGISTRANT, {@code registrantId}) or a visitor ({@code kind} VISITOR,
     * {@code visitorId}, {@code hostName} of today's booking). {@code plate} (and for a registrant's vehicle
     * {@code vehicleType}) is set when it was found by a plate, or for a visitor when the booking names one.
     */
    record Candidate(
            TicketTarget kind,
            Long registrantId,
            Long visitorId,
            String name,
            String number,
            Identity identity,
            String departmentName,
            String phoneMasked,
            String plate,
            String vehicleType,
            String hostName) {}

    @GetMapping("/admin/api/tickets/targets")
    @RequiresPermission(ViolationPermissions.TICKET_ISSUE)
    List<Candidate> targets(@RequestParam @NotBlank @Size(max = 50) String q, DataScope scope) {
        String text = q.strip();
        List<Candidate> found = new ArrayList<>();
        Optional<Vehicles.PlateStatus> vehicle =
                vehicles.findByPlate(PlateNumber.normalise(text)).filter(v -> v.registrantId() != null);
        if (vehicle.isPresent()) {
            Vehicles.PlateStatus v = vehicle.get();
            visible(v.registrantId(), scope)
                    .ifPresent(r -> found.add(candidate(r, v.plate(), v.type().name())));
        }
        for (Registrants.Summary r : registrants
                .search(new Registrants.Filter(null, null, text, null, null), scope, 0, LIMIT)
                .items()) {
            if (found.stream().noneMatch(c -> Long.valueOf(r.id()).equals(c.registrantId())) && found.size() < LIMIT) {
                found.add(candidate(r, null, null));
            }
        }
        if (scope instanceof DataScope.WholeSchool && found.size() < LIMIT) {
            for (VisitorBookings.TicketTarget v : visitorBookings.ticketTargets(text, LIMIT - found.size())) {
                found.add(new Candidate(
                        TicketTarget.VISITOR,
                        null,
                        v.visitorId(),
                        v.name() == null ? "访客" : v.name(),
                        null,
                        null,
                        null,
                        v.phoneMasked(),
                        v.plate(),
                        null,
                        v.hostName()));
            }
        }
        return found;
    }

    private Optional<Registrants.Summary> visible(long registrantId, DataScope scope) {
        try {
            registrants.requireInScope(registrantId, scope);
            return Optional.of(registrants.get(registrantId));
        } catch (cn.campuspass.platform.error.ApiException e) {
            return Optional.empty();
        }
    }

    private static Candidate candidate(Registrants.Summary r, String plate, String vehicleType) {
        return new Candidate(
                TicketTarget.REGISTRANT,
                r.id(),
                null,
                r.name(),
                r.number(),
                r.identity(),
                r.departmentName(),
                r.phoneMasked(),
                plate,
                vehicleType,
                null);
    }
}
