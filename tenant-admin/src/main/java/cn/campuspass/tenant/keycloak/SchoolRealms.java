package cn.campuspass.tenant.keycloak;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolDirectory;
import org.keycloak.admin.client.resource.RealmResource;
import org.springframework.stereotype.Component;

/** The admin-API handle of a school's realm, on the Keycloak cluster the registry assigns the school to. */
@Component
public class SchoolRealms {

    private final KeycloakAdmin admin;
    private final SchoolDirectory schools;

    SchoolRealms(KeycloakAdmin admin, SchoolDirectory schools) {
        this.admin = admin;
        this.schools = schools;
    }

    public RealmResource of(SchoolCode school) {
        String cluster = schools.find(school)
                .orElseThrow(() -> new ApiException(PlatformError.NO_SCHOOL))
                .keycloakCluster();
        return admin.realm(cluster, school.realmName());
    }
}
