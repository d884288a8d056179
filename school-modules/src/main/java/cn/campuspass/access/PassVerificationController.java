package cn.campuspass.access;

import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A guard (phone or PC) verifies a pass code at a gate (R3, A6.1 method GUARD). */
@RestController
class PassVerificationController {

    private final PassVerifications verifications;

    PassVerificationController(PassVerifications verifications) {
        this.verifications = verifications;
    }

    record VerifyPass(String code, Long gateId) {}

    @PostMapping("/admin/api/pass-verifications")
    @RequiresPermission(AccessPermissions.PASS_VERIFY)
    Verification verify(@RequestBody VerifyPass request, StaffPrincipal guard) {
        return verifications.verify(request.code(), request.gateId(), VerificationMethod.GUARD, guard.actor());
    }
}
