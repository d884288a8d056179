package cn.campuspass.tenant.settings;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant configuration (P4), stored in the registry and cached in Redis so every node reads the same value; a
 * write updates PostgreSQL first, then drops the cached copy.
 */
@Service
public class SchoolSettingsService implements SchoolSettingsProvider {

    private static final Duration CACHE_TTL = Duration.ofMinutes(10);

    private final SchoolRegistry registry;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final AuditLog audit;

    public SchoolSettingsService(SchoolRegistry registry, StringRedisTemplate redis, JsonMapper json, AuditLog audit) {
        this.registry = registry;
        this.redis = redis;
        this.json = json;
        this.audit = audit;
    }

    /** The JSON form kept in {@code platform.school.settings}. */
    public record SettingsDocument(
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            Boolean smsAtFirstBinding,
            Integer visitorRetentionDays,
            Integer accessRetentionMonths) {

        static SettingsDocument of(SchoolSettings s) {
            return new SettingsDocument(
                    s.openIdentities(),
                    s.faceRequired(),
                    s.faceRequiredByTeacherType(),
                    s.smsAtFirstBinding(),
                    s.visitorRetentionDays(),
                    s.accessRetentionMonths());
        }

        SchoolSettings toSettings() {
            return new SchoolSettings(
                    openIdentities == null ? Set.of() : openIdentities,
                    faceRequired == null ? Map.of() : faceRequired,
                    faceRequiredByTeacherType == null ? Map.of() : faceRequiredByTeacherType,
                    Boolean.TRUE.equals(smsAtFirstBinding),
                    visitorRetentionDays == null ? 0 : visitorRetentionDays,
                    accessRetentionMonths == null
                            ? SchoolSettings.DEFAULT_ACCESS_RETENTION_MONTHS
                            : accessRetentionMonths);
        }
    }

    @Override
    public SchoolSettings settingsOf(SchoolCode code) {
        String key = cacheKey(code);
        String cached = redis.opsForValue().get(key);
        if (cached != null) {
            return parse(cached);
        }
        SchoolRecord school =
                registry.find(code).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
        redis.opsForValue().set(key, school.settingsJson(), CACHE_TTL);
        return parse(school.settingsJson());
    }

    /** Validates and stores new settings; the teacher identity cannot be closed. */
    public SchoolSettings update(
            SchoolCode code,
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType) {
        return update(code, openIdentities, faceRequired, faceRequiredByTeacherType, null);
    }

    /** As below, keeping the visitor retention. */
    public SchoolSettings update(
            SchoolCode code,
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            Boolean smsAtFirstBinding) {
        return update(code, openIdentities, faceRequired, faceRequiredByTeacherType, smsAtFirstBinding, null);
    }

    /** As below, keeping the access-record retention. */
    public SchoolSettings update(
            SchoolCode code,
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            Boolean smsAtFirstBinding,
            Integer visitorRetentionDays) {
        return update(
                code,
                openIdentities,
                faceRequired,
                faceRequiredByTeacherType,
                smsAtFirstBinding,
                visitorRetentionDays,
                null);
    }

    /**
     * Validates and stores new settings; a null argument keeps the current value. An access-record retention is
     * {@value SchoolSettings#KEEP_ACCESS_RECORDS_FOREVER} (keep forever) or a number of months in bounds.
     */
    public SchoolSettings update(
            SchoolCode code,
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            Boolean smsAtFirstBinding,
            Integer visitorRetentionDays,
            Integer accessRetentionMonths) {
        if (accessRetentionMonths != null
                && accessRetentionMonths != SchoolSettings.KEEP_ACCESS_RECORDS_FOREVER
                && (accessRetentionMonths < SchoolSettings.MIN_ACCESS_RETENTION_MONTHS
                        || accessRetentionMonths > SchoolSettings.MAX_ACCESS_RETENTION_MONTHS)) {
            throw new ApiException(
                    TenantError.ACCESS_RETENTION_MONTHS_INVALID,
                    SchoolSettings.MIN_ACCESS_RETENTION_MONTHS,
                    SchoolSettings.MAX_ACCESS_RETENTION_MONTHS);
        }
        if (visitorRetentionDays != null
                && (visitorRetentionDays < SchoolSettings.MIN_VISITOR_RETENTION_DAYS
                        || visitorRetentionDays > SchoolSettings.MAX_VISITOR_RETENTION_DAYS)) {
            throw new ApiException(
                    TenantError.VISITOR_RETENTION_DAYS_INVALID,
                    SchoolSettings.MIN_VISITOR_RETENTION_DAYS,
                    SchoolSettings.MAX_VISITOR_RETENTION_DAYS);
        }
        if (openIdentities != null && !openIdentities.contains(Identity.TEACHER)) {
            throw new ApiException(TenantError.TEACHER_ALWAYS_OPEN);
        }
        if (faceRequiredByTeacherType != null) {
            // Keyed by identity-type id (A4.1); a null value would be a setting that says nothing.
            for (Map.Entry<String, Boolean> e : faceRequiredByTeacherType.entrySet()) {
                if (e.getKey() == null || !e.getKey().matches("[1-9][0-9]{0,17}") || e.getValue() == null) {
                    throw new ApiException(TenantError.FACE_SETTING_KEY_INVALID, String.valueOf(e.getKey()));
                }
            }
        }
        SchoolSettings current = settingsOf(code);
        SchoolSettings next = new SchoolSettings(
                openIdentities == null ? current.openIdentities() : openIdentities,
                faceRequired == null ? current.faceRequired() : faceRequired,
                faceRequiredByTeacherType == null ? current.faceRequiredByTeacherType() : faceRequiredByTeacherType,
                smsAtFirstBinding == null ? current.smsAtFirstBinding() : smsAtFirstBinding,
                visitorRetentionDays == null ? current.visitorRetentionDays() : visitorRetentionDays,
                accessRetentionMonths == null ? current.accessRetentionMonths() : accessRetentionMonths);
        registry.setSettings(code, toJson(next));
        redis.delete(cacheKey(code));
        if (next.accessRetentionMonths() != current.accessRetentionMonths()) {
            audit.record(
                    code,
                    "ACCESS_RETENTION_CHANGED",
                    "access-record retention " + describeRetention(current.accessRetentionMonths()) + " -> "
                            + describeRetention(next.accessRetentionMonths()));
        }
        return next;
    }

    private static String describeRetention(int months) {
        return months == SchoolSettings.KEEP_ACCESS_RECORDS_FOREVER ? "forever" : months + " months";
    }

    public String toJson(SchoolSettings settings) {
        return json.writeValueAsString(SettingsDocument.of(settings));
    }

    private SchoolSettings parse(String text) {
        return json.readValue(text, SettingsDocument.class).toSettings();
    }

    private static String cacheKey(SchoolCode code) {
        return "school:" + code.value() + ":settings";
    }
}
