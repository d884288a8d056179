package cn.campuspass.tenant.loginsecurity;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.tenant.operator.PlatformPermissions;
import cn.campuspass.tenant.role.SystemPermissions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The login-security choices of a school: set by the platform operator for any school, or by the school's own
 * admin for their school (the school comes from the token).
 */
@RestController
class LoginSecurityController {

    private final LoginSecurity loginSecurity;

    LoginSecurityController(LoginSecurity loginSecurity) {
        this.loginSecurity = loginSecurity;
    }

    record UpdateLoginSecurity(@NotNull Boolean adminOtpRequired) {}

    @GetMapping("/operator/api/schools/{code}/login-security")
    @RequiresPermission(PlatformPermissions.SCHOOL_VIEW)
    LoginSecurity.Settings operatorGet(@PathVariable String code) {
        return loginSecurity.of(parse(code));
    }

    @PutMapping("/operator/api/schools/{code}/login-security")
    @RequiresPermission(PlatformPermissions.SCHOOL_MANAGE)
    LoginSecurity.Settings operatorUpdate(@PathVariable String code, @Valid @RequestBody UpdateLoginSecurity request) {
        return loginSecurity.update(parse(code), request.adminOtpRequired());
    }

    @GetMapping("/admin/api/school/login-security")
    @RequiresPermission(SystemPermissions.LOGIN_SECURITY_MANAGE)
    LoginSecurity.Settings schoolGet() {
        return loginSecurity.of(SchoolContext.require());
    }

    @PutMapping("/admin/api/school/login-security")
    @RequiresPermission(SystemPermissions.LOGIN_SECURITY_MANAGE)
    LoginSecurity.Settings schoolUpdate(@Valid @RequestBody UpdateLoginSecurity request) {
        return loginSecurity.update(SchoolContext.require(), request.adminOtpRequired());
    }

    private static SchoolCode parse(String code) {
        if (!SchoolCode.isValid(code)) {
            throw new ApiException(PlatformError.SCHOOL_NOT_FOUND, code);
        }
        return SchoolCode.of(code);
    }
}
