package cn.campuspass.vehiclegate;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.vehicle.VehicleType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The console side of vehicle gates: which gates are vehicle gates, and the vehicle access records. */
@RestController
class VehicleGateController {

    private final VehicleGates gates;
    private final VehicleAccessRecords records;

    VehicleGateController(VehicleGates gates, VehicleAccessRecords records) {
        this.gates = gates;
        this.records = records;
    }

    record VehicleGateRequest(@NotNull Boolean vehicleGate) {}

    @GetMapping("/admin/api/vehicle-gates")
    @RequiresPermission(VehicleGatePermissions.GATE_VIEW)
    List<VehicleGates.GateItem> gates() {
        return gates.list();
    }

    @PutMapping("/admin/api/vehicle-gates/{gateId}")
    @RequiresPermission(VehicleGatePermissions.GATE_MANAGE)
    VehicleGates.GateItem mark(
            @PathVariable long gateId, @Valid @RequestBody VehicleGateRequest request, StaffPrincipal principal) {
        return gates.mark(gateId, request.vehicleGate(), principal.actor());
    }

    @GetMapping("/admin/api/vehicle-access-records")
    @RequiresPermission(VehicleGatePermissions.RECORD_VIEW)
    VehicleAccessRecords.Page records(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long gateId,
            @RequestParam(required = false) Direction direction,
            @RequestParam(required = false) VehicleAccessRecords.Result result,
            @RequestParam(required = false) PlateDenial reason,
            @RequestParam(required = false) VehicleType vehicleType,
            @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) Identity identity,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            DataScope scope) {
        return records.search(
                new VehicleAccessRecords.Filter(
                        q, from, to, gateId, direction, result, reason, vehicleType, departmentId, identity),
                scope,
                page,
                size);
    }
}
