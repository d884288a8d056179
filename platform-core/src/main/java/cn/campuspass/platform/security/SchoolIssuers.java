package cn.campuspass.platform.security;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.school.SchoolStatus;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides which token issuers are trusted, before any network call: the platform realm, and the realm of each
 * registered school on the Keycloak cluster the registry names for it. The issuer string must equal the expected
 * one exactly; anything else is unknown and refused.
 */
@Component
public class SchoolIssuers {

    private final KeycloakProperties keycloak;
    private final SchoolDirectory directory;

    public SchoolIssuers(KeycloakProperties keycloak, SchoolDirectory directory) {
        this.keycloak = keycloak;
        this.directory = directory;
    }

    public boolean isPlatform(String issuer) {
        return keycloak.platformIssuer().equals(issuer);
    }

    /** The registered (not offboarded) school whose realm issued tokens with this exact issuer, if any. */
    public Optional<SchoolEntry> schoolOf(String issuer) {
        if (issuer == null) {
            return Optional.empty();
        }
        int realmStart = issuer.lastIndexOf("/realms/");
        if (realmStart < 0) {
            return Optional.empty();
        }
        return SchoolCode.fromRealmName(issuer.substring(realmStart + "/realms/".length()))
                .flatMap(directory::find)
                // An offboarded school's realm is gone; tokens it issued before must not be trusted.
                .filter(school -> school.status() != SchoolStatus.OFFBOARDED)
                .filter(school -> issuer.equals(keycloak.issuerOf(
                        school.keycloakCluster(), school.code().realmName())));
    }
}
