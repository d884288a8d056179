package cn.campuspass.tenant.lifecycle;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.registry.CachedSchoolDirectory;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import org.springframework.stereotype.Service;

/**
 * Suspension and resumption. A suspended school's realm is disabled (nobody can log in, existing sessions are
 * ended) and the request path refuses its tokens and portal URLs, so its people can neither log in nor pass gates.
 */
@Service
public class SchoolLifecycle {

    private final SchoolRegistry registry;
    private final SchoolRealmProvisioner realms;
    private final CachedSchoolDirectory directory;
    private final AuditLog audit;

    public SchoolLifecycle(
            SchoolRegistry registry, SchoolRealmProvisioner realms, CachedSchoolDirectory directory, AuditLog audit) {
        this.registry = registry;
        this.realms = realms;
        this.directory = directory;
        this.audit = audit;
    }

    public void suspend(SchoolCode code) {
        SchoolRecord school = find(code);
        if (!registry.transition(code, SchoolStatus.ACTIVE, SchoolStatus.SUSPENDED)) {
            throw new ApiException(TenantError.SCHOOL_STATE_CONFLICT, code, school.status());
        }
        directory.evict(code);
        realms.setEnabled(school.keycloakCluster(), code, false);
        audit.record(code, "SCHOOL_SUSPENDED", null);
    }

    public void resume(SchoolCode code) {
        SchoolRecord school = find(code);
        if (school.status() != SchoolStatus.SUSPENDED) {
            throw new ApiException(TenantError.SCHOOL_STATE_CONFLICT, code, school.status());
        }
        realms.setEnabled(school.keycloakCluster(), code, true);
        registry.transition(code, SchoolStatus.SUSPENDED, SchoolStatus.ACTIVE);
        directory.evict(code);
        audit.record(code, "SCHOOL_RESUMED", null);
    }

    private SchoolRecord find(SchoolCode code) {
        return registry.find(code).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
    }
}
