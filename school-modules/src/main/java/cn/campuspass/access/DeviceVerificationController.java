package cn.campuspass.access;

import cn.campuspass.platform.device.DeviceCall;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.security.OpenTo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
        String[] credential = basic(authorization);
        GateDevices.Authenticated device = devices.authenticate(credential[0], credential[1])
                .orElseThrow(() -> new ApiException(AccessError.DEVICE_UNAUTHENTICATED));
        return verifications.verify(request.code(), device.gateId(), VerificationMethod.DEVICE, device.keyId());
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ApiException(AccessError.DEVICE_UNAUTHENTICATED);
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(AccessError.DEVICE_UNAUTHENTICATED);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new ApiException(AccessError.DEVICE_UNAUTHENTICATED);
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
