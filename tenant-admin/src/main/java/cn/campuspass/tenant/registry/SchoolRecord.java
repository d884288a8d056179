package cn.campuspass.tenant.registry;

import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolEntry;
import cn.campuspass.platform.school.SchoolStatus;
import java.time.Instant;

/** One row of the registry as the operator side sees it (secrets stay encrypted here). */
public record SchoolRecord(
        SchoolCode code,
        String name,
        SchoolStatus status,
        String databaseCluster,
        String keycloakCluster,
        SchemaState schemaState,
        String schemaVersion,
        String schemaError,
        String settingsJson,
        String ssoJson,
        String wechatAppId,
        String wechatSecretsEncrypted,
        String adminUsername,
        String adminPhoneEncrypted,
        String adminName,
        String adminPasswordEncrypted,
        Instant createdAt,
        Instant updatedAt) {

    public SchoolEntry toEntry() {
        return new SchoolEntry(code, name, status, schemaState, databaseCluster, keycloakCluster);
    }
}
