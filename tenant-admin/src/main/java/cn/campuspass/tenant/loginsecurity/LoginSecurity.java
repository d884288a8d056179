package cn.campuspass.tenant.loginsecurity;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import org.springframework.stereotype.Service;

/**
 * A school's login-security choices. Today one: whether its school admins must pass an OTP at every login (they set
 * one up on the login page the first time). The registry holds the choice; the realm's browser flow enforces it.
 */
@Service
public class LoginSecurity {

    private final SchoolRegistry registry;
    private final SchoolRealmProvisioner realms;
    private final AuditLog audit;

    LoginSecurity(SchoolRegistry registry, SchoolRealmProvisioner realms, AuditLog audit) {
        this.registry = registry;
        this.realms = realms;
        this.audit = audit;
    }

    public record Settings(boolean adminOtpRequired) {}

    public Settings of(SchoolCode code) {
        school(code);
        return new Settings(registry.adminOtpRequired(code));
    }

    /** Stores the choice, then applies it to the realm at once (the whole definition, so it is current too). */
    public Settings update(SchoolCode code, boolean adminOtpRequired) {
        SchoolRecord school = school(code);
        registry.setAdminOtpRequired(code, adminOtpRequired);
        realms.reconcile(school.keycloakCluster(), code, adminOtpRequired);
        audit.record(code, "LOGIN_SECURITY_UPDATED", "adminOtpRequired=" + adminOtpRequired);
        return new Settings(adminOtpRequired);
    }

    private SchoolRecord school(SchoolCode code) {
        return registry.find(code).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
    }
}
