package cn.campuspass.vehicle;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 车辆管理 (A4.3): the vehicles of the caller's school with the tender's columns (type, plate, e-bike validity,
 * owner, registration status, relation, registrant, identity, 学号/工号, status), filtered and paged within the caller's
 * data scope; details; create, edit, enable/disable, unlink from the registrant, delete.
 */
@RestController
@RequestMapping("/admin/api/vehicles")
class VehicleController {

    private final Vehicles vehicles;
    private final Clock clock;

    VehicleController(Vehicles vehicles, Clock clock) {
        this.vehicles = vehicles;
        this.clock = clock;
    }

    record VehiclePage(List<VehicleResponse> items, long total) {}

    @GetMapping
    @RequiresPermission(VehiclePermissions.LIST)
    VehiclePage list(
            DataScope scope,
            @RequestParam(required = false) VehicleType type,
            @RequestParam(required = false) RegistrationStatus status,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Identity identity,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Vehicles.Found found = vehicles.search(
                new VehicleQuery.Filter(type, status, enabled, q, identity, null, departmentId, null, null, null),
                scope,
                page,
                size);
        return page(found);
    }

    @GetMapping("/{id}")
    @RequiresPermission(VehiclePermissions.VIEW)
    VehicleResponse get(@PathVariable long id, DataScope scope) {
        return response(vehicles.get(id, scope));
    }

    @PostMapping
    @RequiresPermission(VehiclePermissions.CREATE)
    @ResponseStatus(HttpStatus.CREATED)
    VehicleResponse create(@Valid @RequestBody VehicleRequest request, StaffPrincipal principal) {
        return response(vehicles.create(request.draft(), principal.actor(), principal.scope()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(VehiclePermissions.UPDATE)
    VehicleResponse update(
            @PathVariable long id, @Valid @RequestBody VehicleRequest request, StaffPrincipal principal) {
        return response(vehicles.update(id, request.draft(), principal.actor(), principal.scope()));
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(VehiclePermissions.ENABLE)
    VehicleResponse enable(@PathVariable long id, StaffPrincipal principal) {
        return response(vehicles.setEnabled(id, true, principal.actor(), principal.scope()));
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(VehiclePermissions.ENABLE)
    VehicleResponse disable(@PathVariable long id, StaffPrincipal principal) {
        return response(vehicles.setEnabled(id, false, principal.actor(), principal.scope()));
    }

    @PostMapping("/{id}/unlink")
    @RequiresPermission(VehiclePermissions.UNLINK)
    VehicleResponse unlink(@PathVariable long id, StaffPrincipal principal) {
        return response(vehicles.unlink(id, principal.actor(), principal.scope()));
    }

    @DeleteMapping("/{id}")
    @RequiresPermission(VehiclePermissions.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, StaffPrincipal principal) {
        vehicles.delete(id, principal.actor(), principal.scope());
    }

    private VehiclePage page(Vehicles.Found found) {
        LocalDate today = LocalDate.now(clock);
        return new VehiclePage(
                found.items().stream().map(i -> VehicleResponse.of(i, today)).toList(), found.total());
    }

    private VehicleResponse response(Vehicles.Item item) {
        return VehicleResponse.of(item, LocalDate.now(clock));
    }
}
