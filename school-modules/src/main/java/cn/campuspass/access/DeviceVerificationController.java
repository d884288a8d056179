package cn.campuspass.access;

import cn.campuspass.platform.device.DeviceCall;
import cn.campuspass.platform.security.OpenTo;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gate device API: a device sends the scanned pass with HTTP Basic {@code keyId:secret} and gets allow/deny
 * with the person to show on its screen. The gate is the device's own; a device cannot verify for another gate.
 */
@RestController
class DeviceVerificationController implements DeviceCall<DeviceVerificationController.VerifyPass> {

    private final GateDevices devices;
    private final PassVerifications verifications;

    DeviceVerificationController(GateDevices devices, PassVerifications verifications) {
        this.devices = devices;
        this.verifications = verifications;
    }

    record VerifyPass(String code) {}

    @Override
    public String operation() {
        return "verifications";
    }

    @Override
    public Class<VerifyPass> bodyType() {
        return VerifyPass.class;
    }

    @Override
    public int maxBodyBytes() {
        return 4096;
    }

    /** The fast lane's way in ({@code DeviceLane}): the same as {@link #verify}. */
    @Override
    public Verification handle(String authorization, VerifyPass body) {
        return verify(authorization, body);
    }

    @PostMapping("/device/{school}/api/verifications")
    @OpenTo(OpenTo.Audience.DEVICE_CREDENTIAL)
    Verification verify(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody VerifyPass request) {
        GateDevices.Authenticated device = devices.authenticateBasic(authorization);
        return verifications.verify(request.code(), device.gateId(), VerificationMethod.DEVICE, device.keyId());
    }
}
