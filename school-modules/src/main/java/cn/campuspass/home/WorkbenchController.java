package cn.campuspass.home;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.vehicle.Vehicles;
import cn.campuspass.violation.ViolationHome;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff portal's workbench (工作台, S2): registered students, teachers and third-party people, registered motor
 * vehicles and e-bikes, and today's tickets (school day, revoked ones included), each within the caller's data scope
 * (a department administrator counts the people, vehicles and tickets of the departments they run).
 */
@RestController
class WorkbenchController {

    private final Registrants registrants;
    private final Vehicles vehicles;
    private final ViolationHome violations;

    WorkbenchController(Registrants registrants, Vehicles vehicles, ViolationHome violations) {
        this.registrants = registrants;
        this.vehicles = vehicles;
        this.violations = violations;
    }

    record Workbench(
            long students, long teachers, long thirdParty, long motorVehicles, long ebikes, long ticketsToday) {}

    @GetMapping("/admin/api/workbench")
    @RequiresPermission(HomePermissions.WORKBENCH_VIEW)
    Workbench workbench(DataScope scope) {
        Map<Identity, Long> people = registrants.countsByIdentity(scope);
        Vehicles.Counts cars = vehicles.counts(scope);
        return new Workbench(
                people.get(Identity.STUDENT),
                people.get(Identity.TEACHER),
                people.get(Identity.THIRD_PARTY),
                cars.registeredMotor(),
                cars.registeredEbike(),
                violations.issuedToday(scope));
    }
}
