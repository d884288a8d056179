package cn.campuspass.home;

import cn.campuspass.access.AccessRecords;
import cn.campuspass.organization.Campuses;
import cn.campuspass.organization.Gates;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.registrant.Registrants;
import cn.campuspass.vehicle.Vehicles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin console's home counts (A2, the parts that exist so far). */
@RestController
class HomeController {

    private final Registrants registrants;
    private final Campuses campuses;
    private final Gates gates;
    private final AccessRecords records;
    private final Vehicles vehicles;

    HomeController(Registrants registrants, Campuses campuses, Gates gates, AccessRecords records, Vehicles vehicles) {
        this.registrants = registrants;
        this.campuses = campuses;
        this.gates = gates;
        this.records = records;
        this.vehicles = vehicles;
    }

    record RegistrantCounts(long total, long registered) {}

    record GateCounts(long total, long enabled) {}

    record AccessCounts(long passedToday, long deniedToday) {}

    /** Registrations waiting for review (the quick entry's count) and registered vehicles: 机动车 / 非机动车. */
    record VehicleCounts(long pendingReviews, long motor, long nonMotor) {}

    record Home(
            RegistrantCounts registrants,
            long campuses,
            GateCounts gates,
            AccessCounts access,
            VehicleCounts vehicles) {}

    @GetMapping("/admin/api/home")
    @RequiresPermission(HomePermissions.DASHBOARD_VIEW)
    Home home(DataScope scope) {
        Registrants.Counts people = registrants.counts(scope);
        var allGates = gates.list(null);
        AccessRecords.TodayCounts today = records.today(scope);
        Vehicles.Counts cars = vehicles.counts(scope);
        return new Home(
                new RegistrantCounts(people.total(), people.registered()),
                campuses.list().size(),
                new GateCounts(
                        allGates.size(),
                        allGates.stream().filter(g -> g.isEnabled()).count()),
                new AccessCounts(today.passed(), today.denied()),
                new VehicleCounts(cars.pendingReviews(), cars.registeredMotor(), cars.registeredEbike()));
    }
}
