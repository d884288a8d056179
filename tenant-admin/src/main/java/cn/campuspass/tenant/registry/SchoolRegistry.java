package cn.campuspass.tenant.registry;

import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL over {@code platform.school}; every statement names the schema, so the connection's search path is moot. */
@Repository
public class SchoolRegistry {

    private final JdbcClient jdbc;

    public SchoolRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record NewSchool(
            SchoolCode code,
            String name,
            String settingsJson,
            String wechatAppId,
            String wechatSecretsEncrypted,
            String adminUsername,
            String adminPhoneEncrypted,
            String adminName,
            String adminPasswordEncrypted) {}

    /** Inserts the school; false if the code is taken (including by an offboarded school). */
    public boolean insert(NewSchool school) {
        return jdbc.sql("""
                INSERT INTO platform.school (code, name, status, settings, wechat_app_id, wechat_secrets,
                    admin_username, admin_phone, admin_name, admin_password)
                VALUES (:code, :name, 'ONBOARDING', CAST(:settings AS jsonb), :appId, :secrets,
                    :adminUsername, :adminPhone, :adminName, :adminPassword)
                ON CONFLICT (code) DO NOTHING
                """)
                        .param("code", school.code().value())
                        .param("name", school.name())
                        .param("settings", school.settingsJson())
                        .param("appId", school.wechatAppId())
                        .param("secrets", school.wechatSecretsEncrypted())
                        .param("adminUsername", school.adminUsername())
                        .param("adminPhone", school.adminPhoneEncrypted())
                        .param("adminName", school.adminName())
                        .param("adminPassword", school.adminPasswordEncrypted())
                        .update()
                == 1;
    }

    public Optional<SchoolRecord> find(SchoolCode code) {
        return jdbc.sql("SELECT * FROM platform.school WHERE code = :code")
                .param("code", code.value())
                .query(SchoolRegistry::map)
                .optional();
    }

    public record Page(List<SchoolRecord> items, long total) {}

    public Page search(String query, SchoolStatus status, int page, int size) {
        String like = query == null || query.isBlank()
                ? null
                : "%" + escapeLike(query.trim().toLowerCase()) + "%";
        String where = """
                WHERE (CAST(:like AS text) IS NULL OR lower(name) LIKE :like OR code LIKE :like)
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                """;
        String statusName = status == null ? null : status.name();
        long total = jdbc.sql("SELECT count(*) FROM platform.school " + where)
                .param("like", like)
                .param("status", statusName)
                .query(Long.class)
                .single();
        List<SchoolRecord> items = jdbc.sql("SELECT * FROM platform.school " + where
                        + " ORDER BY created_at DESC, code LIMIT :size OFFSET :offset")
                .param("like", like)
                .param("status", statusName)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(SchoolRegistry::map)
                .list();
        return new Page(items, total);
    }

    public List<SchoolCode> codesWithStatus(SchoolStatus status) {
        return jdbc.sql("SELECT code FROM platform.school WHERE status = :status ORDER BY code")
                .param("status", status.name())
                .query((rs, n) -> SchoolCode.of(rs.getString(1)))
                .list();
    }

    /** Active schools whose schema serves (see {@link cn.campuspass.platform.school.SchemaState#usable()}). */
    public List<SchoolCode> servingCodes() {
        return jdbc.sql("SELECT code FROM platform.school WHERE status = 'ACTIVE'"
                        + " AND schema_state IN ('CURRENT', 'PENDING', 'MIGRATING') ORDER BY code")
                .query((rs, n) -> SchoolCode.of(rs.getString(1)))
                .list();
    }

    /** Schools whose schema must be brought to {@code version}: created, and not already there. */
    public List<SchoolCode> schemasBehind(String version) {
        return jdbc.sql("""
                SELECT code FROM platform.school
                WHERE schema_state <> 'NONE' AND status NOT IN ('OFFBOARDED', 'OFFBOARDING')
                  AND (schema_version IS DISTINCT FROM :version OR schema_state <> 'CURRENT')
                ORDER BY code
                """)
                .param("version", version)
                .query((rs, n) -> SchoolCode.of(rs.getString(1)))
                .list();
    }

    public void setStatus(SchoolCode code, SchoolStatus status) {
        jdbc.sql("UPDATE platform.school SET status = :status, updated_at = now() WHERE code = :code")
                .param("status", status.name())
                .param("code", code.value())
                .update();
    }

    /** Moves the status only if it is currently {@code from}; false when someone else moved it first. */
    public boolean transition(SchoolCode code, SchoolStatus from, SchoolStatus to) {
        return jdbc.sql(
                                "UPDATE platform.school SET status = :to, updated_at = now() WHERE code = :code AND status = :from")
                        .param("to", to.name())
                        .param("from", from.name())
                        .param("code", code.value())
                        .update()
                == 1;
    }

    public void setSchema(SchoolCode code, SchemaState state, String version, String error) {
        jdbc.sql("""
                UPDATE platform.school SET schema_state = :state,
                    schema_version = COALESCE(:version, schema_version), schema_error = :error, updated_at = now()
                WHERE code = :code
                """)
                .param("state", state.name())
                .param("version", version)
                .param("error", error)
                .param("code", code.value())
                .update();
    }

    public void setSettings(SchoolCode code, String settingsJson) {
        jdbc.sql("UPDATE platform.school SET settings = CAST(:s AS jsonb), updated_at = now() WHERE code = :code")
                .param("s", settingsJson)
                .param("code", code.value())
                .update();
    }

    public void setSso(SchoolCode code, String ssoJson) {
        jdbc.sql("UPDATE platform.school SET sso = CAST(:s AS jsonb), updated_at = now() WHERE code = :code")
                .param("s", ssoJson)
                .param("code", code.value())
                .update();
    }

    /** Active or suspended schools whose realm is below {@code version} of the realm definition. */
    public List<SchoolCode> realmsBehind(int version) {
        return jdbc.sql("""
                SELECT code FROM platform.school
                WHERE status IN ('ACTIVE', 'SUSPENDED') AND realm_version < :version
                ORDER BY code
                """)
                .param("version", version)
                .query((rs, n) -> SchoolCode.of(rs.getString(1)))
                .list();
    }

    public int realmVersion(SchoolCode code) {
        return jdbc.sql("SELECT realm_version FROM platform.school WHERE code = :code")
                .param("code", code.value())
                .query(Integer.class)
                .single();
    }

    public void setRealmVersion(SchoolCode code, int version) {
        jdbc.sql("UPDATE platform.school SET realm_version = :version, updated_at = now() WHERE code = :code")
                .param("version", version)
                .param("code", code.value())
                .update();
    }

    public boolean adminOtpRequired(SchoolCode code) {
        return jdbc.sql("SELECT admin_otp_required FROM platform.school WHERE code = :code")
                .param("code", code.value())
                .query(Boolean.class)
                .single();
    }

    public void setAdminOtpRequired(SchoolCode code, boolean required) {
        jdbc.sql("UPDATE platform.school SET admin_otp_required = :required, updated_at = now() WHERE code = :code")
                .param("required", required)
                .param("code", code.value())
                .update();
    }

    public void clearAdminPassword(SchoolCode code) {
        jdbc.sql("UPDATE platform.school SET admin_password = NULL, updated_at = now() WHERE code = :code")
                .param("code", code.value())
                .update();
    }

    private static SchoolRecord map(ResultSet rs, int row) throws SQLException {
        return new SchoolRecord(
                SchoolCode.of(rs.getString("code")),
                rs.getString("name"),
                SchoolStatus.valueOf(rs.getString("status")),
                rs.getString("database_cluster"),
                rs.getString("keycloak_cluster"),
                SchemaState.valueOf(rs.getString("schema_state")),
                rs.getString("schema_version"),
                rs.getString("schema_error"),
                rs.getString("settings"),
                rs.getString("sso"),
                rs.getString("wechat_app_id"),
                rs.getString("wechat_secrets"),
                rs.getString("admin_username"),
                rs.getString("admin_phone"),
                rs.getString("admin_name"),
                rs.getString("admin_password"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
