package cn.campuspass.tenant.settings;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolSettingsProvider;
import cn.campuspass.tenant.TenantError;
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

    public SchoolSettingsService(SchoolRegistry registry, StringRedisTemplate redis, JsonMapper json) {
        this.registry = registry;
        this.redis = redis;
        this.json = json;
    }

    /** The JSON form kept in {@code platform.school.settings}. */
    public record SettingsDocument(
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            Boolean smsAtFirstBinding,
            Integer visitorRetentionDays) {

        static SettingsDocument of(SchoolSettings s) {
            return new SettingsDocument(
                    s.openIdentities(),
                    s.faceRequired(),
                    s.faceRequiredByTeacherType(),
                    s.smsAtFirstBinding(),
                    s.visitorRetentionDays());
        }

        SchoolSettings toSettings() {
            return new SchoolSettings(
                    openIdentities == null ? Set.of() : openIdentities,
                    faceRequired == null ? Map.of() : faceRequired,
                    faceRequiredByTeacherType == null ? Map.of() : faceRequiredByTeacherType,
                    Boolean.TRUE.equals(smsAtFirstBinding),
                    visitorRetentionDays == null ? 0 : visitorRetentionDays);
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

    /** Validates and stores new settings; a null argument keeps the current value. */
    public SchoolSettings update(
            SchoolCode code,
            Set<Identity> openIdentities,
            Map<Identity, Boolean> faceRequired,
            Map<String, Boolean> faceRequiredByTeacherType,
            Boolean smsAtFirstBinding,
            Integer visitorRetentionDays) {
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
                visitorRetentionDays == null ? current.visitorRetentionDays() : visitorRetentionDays);
        registry.setSettings(code, toJson(next));
        redis.delete(cacheKey(code));
        return next;
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
