package cn.campuspass.platform.school;

/**
 * What the request path needs to know about a school: whether it serves and where its realm and schema live. The
 * cluster ids are the scale-out path: today one PostgreSQL and one Keycloak cluster hold every school.
 */
public record SchoolEntry(
        SchoolCode code,
        String name,
        SchoolStatus status,
        SchemaState schemaState,
        String databaseCluster,
        String keycloakCluster) {

    public boolean serves() {
        return status.serves() && schemaState.usable();
    }
}
