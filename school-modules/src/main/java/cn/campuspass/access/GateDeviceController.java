package cn.campuspass.access;

import cn.campuspass.platform.security.RequiresPermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Gate device credentials; the secret is in the creation answer only. */
@RestController
@RequiresPermission(AccessPermissions.DEVICE_MANAGE)
class GateDeviceController {

    private final GateDevices devices;

    GateDeviceController(GateDevices devices) {
        this.devices = devices;
    }

    record NewDevice(
            @NotBlank @Size(max = 100) String name, @NotNull Long gateId) {}

    @GetMapping("/admin/api/gate-devices")
    List<GateDevices.Device> list() {
        return devices.list();
    }

    @PostMapping("/admin/api/gate-devices")
    @ResponseStatus(HttpStatus.CREATED)
    GateDevices.Created create(@Valid @RequestBody NewDevice request, @AuthenticationPrincipal Jwt who) {
        String account = who.getClaimAsString("preferred_username");
        return devices.create(request.name(), request.gateId(), account == null ? who.getSubject() : account);
    }

    @PostMapping("/admin/api/gate-devices/{id}/enable")
    GateDevices.Device enable(@PathVariable long id) {
        return devices.setEnabled(id, true);
    }

    @PostMapping("/admin/api/gate-devices/{id}/disable")
    GateDevices.Device disable(@PathVariable long id) {
        return devices.setEnabled(id, false);
    }

    @DeleteMapping("/admin/api/gate-devices/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        devices.delete(id);
    }
}
