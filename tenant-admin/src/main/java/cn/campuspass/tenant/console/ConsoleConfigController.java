package cn.campuspass.tenant.console;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolDirectory;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.security.KeycloakProperties;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells a console where to log in: the operator console uses the platform realm, a school console its school's
 * realm on that school's Keycloak cluster. Unknown or inactive schools are refused (and the endpoint is
 * rate-limited, since it answers whether a school code exists).
 */
@RestController
class ConsoleConfigController {

    private final KeycloakProperties keycloak;
    private final SchoolDirectory directory;

    ConsoleConfigController(KeycloakProperties keycloak, SchoolDirectory directory) {
        this.keycloak = keycloak;
        this.directory = directory;
    }

    record ConsoleConfig(String keycloakUrl, String realm, String clientId, String schoolName) {}

    @GetMapping("/public/api/console-config")
    @OpenTo(OpenTo.Audience.PUBLIC)
    ConsoleConfig config(@RequestParam String console, @RequestParam(required = false) String school) {
        if ("operator".equals(console)) {
            return new ConsoleConfig(
                    keycloak.baseUrlOf(KeycloakProperties.DEFAULT_CLUSTER),
                    KeycloakProperties.PLATFORM_REALM,
                    "operator-console",
                    null);
        }
        if (!"school".equals(console) || !SchoolCode.isValid(school)) {
            throw new ApiException(PlatformError.MALFORMED_REQUEST);
        }
        SchoolEntry entry = directory
                .find(SchoolCode.of(school))
                .filter(SchoolEntry::serves)
                .orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, school));
        return new ConsoleConfig(
                keycloak.baseUrlOf(entry.keycloakCluster()),
                entry.code().realmName(),
                SchoolRealmProvisioner.CONSOLE_CLIENT,
                entry.name());
    }
}
