package cn.campuspass.tenant.onboarding;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchemaState;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolSettings;
import cn.campuspass.platform.school.SchoolStatus;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.tenant.TenantError;
import cn.campuspass.tenant.audit.AuditLog;
import cn.campuspass.tenant.keycloak.SchoolRealmDefinition;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner.FirstAdmin;
import cn.campuspass.tenant.registry.CachedSchoolDirectory;
import cn.campuspass.tenant.registry.SchoolRecord;
import cn.campuspass.tenant.registry.SchoolRegistry;
import cn.campuspass.tenant.schema.SchoolSchemaMigrator;
import cn.campuspass.tenant.settings.SchoolSettingsService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A school's birth in one action (P1): the registry row first, then schema + migrations, realm, storage space and
 * activation, each step recorded. Steps run in the background; a failed step marks the school FAILED with the
 * error, and a retry resumes at that step. The school serves nobody until the last step: its realm stays disabled
 * and the request path refuses any school that is not ACTIVE.
 */
@Service
public class SchoolOnboarding implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchoolOnboarding.class);
    private static final Duration LOCK_TTL = Duration.ofMinutes(10);
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
            Long.class);

    private final SchoolRegistry registry;
    private final OnboardingProgress progress;
    private final SchoolSettingsService settings;
    private final FieldCipher cipher;
    private final SchoolSchemaMigrator migrator;
    private final SchoolRealmProvisioner realms;
    private final ObjectStore storage;
    private final CachedSchoolDirectory directory;
    private final List<OnboardingHook> hooks;
    private final StringRedisTemplate redis;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("onboarding"));

    public SchoolOnboarding(
            SchoolRegistry registry,
            OnboardingProgress progress,
            SchoolSettingsService settings,
            FieldCipher cipher,
            SchoolSchemaMigrator migrator,
            SchoolRealmProvisioner realms,
            ObjectStore storage,
            CachedSchoolDirectory directory,
            List<OnboardingHook> hooks,
            StringRedisTemplate redis,
            AuditLog audit,
            TransactionTemplate transactions,
            JsonMapper json) {
        this.registry = registry;
        this.progress = progress;
        this.settings = settings;
        this.cipher = cipher;
        this.migrator = migrator;
        this.realms = realms;
        this.storage = storage;
        this.directory = directory;
        this.hooks = hooks;
        this.redis = redis;
        this.audit = audit;
        this.transactions = transactions;
        this.json = json;
    }

    public record AdminAccount(String username, String name, PhoneNumber phone, String password) {}

    public record WechatApp(String appId, String appSecret, String token, String aesKey) {}

    public record OnboardSchool(
            SchoolCode code, String name, AdminAccount admin, SchoolSettings settings, WechatApp wechat) {}

    /** Registers the school and starts its onboarding in the background. */
    public void submit(OnboardSchool command) {
        checkPassword(command.admin().password(), command.admin().username());
        WechatApp wechat = command.wechat();
        String secrets =
                wechat == null || wechat.appId() == null || wechat.appId().isBlank()
                        ? null
                        : cipher.encrypt(command.code().value(), "school.wechat_secrets", secretsJson(wechat));
        SchoolRegistry.NewSchool row = new SchoolRegistry.NewSchool(
                command.code(),
                command.name(),
                settings.toJson(command.settings()),
                wechat == null ? null : blankToNull(wechat.appId()),
                secrets,
                command.admin().username(),
                cipher.encrypt(
                        command.code().value(),
                        "school.admin_phone",
                        command.admin().phone().value()),
                command.admin().name(),
                cipher.encrypt(
                        command.code().value(),
                        "school.admin_password",
                        command.admin().password()));
        transactions.executeWithoutResult(tx -> {
            if (!registry.insert(row)) {
                throw new ApiException(TenantError.SCHOOL_CODE_TAKEN, command.code());
            }
            progress.create(command.code());
        });
        audit.record(command.code(), "SCHOOL_ONBOARD", command.name());
        schedule(command.code());
    }

    /** Resumes a failed onboarding at its failed step. */
    public void retry(SchoolCode code) {
        SchoolRecord school =
                registry.find(code).orElseThrow(() -> new ApiException(PlatformError.SCHOOL_NOT_FOUND, code));
        if (!registry.transition(code, SchoolStatus.FAILED, SchoolStatus.ONBOARDING)
                && school.status() != SchoolStatus.ONBOARDING) {
            throw new ApiException(TenantError.SCHOOL_STATE_CONFLICT, code, school.status());
        }
        directory.evict(code);
        audit.record(code, "SCHOOL_ONBOARD_RETRY", null);
        schedule(code);
    }

    /** Picks up onboardings a stopped node left half way (their lock has expired by then). */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        registry.codesWithStatus(SchoolStatus.ONBOARDING).forEach(this::schedule);
    }

    private void schedule(SchoolCode code) {
        executor.submit(() -> run(code));
    }

    /** Runs every step not yet done, in order, stopping at the first failure. */
    void run(SchoolCode code) {
        String lockKey = "onboarding:lock:" + code.value();
        String owner = UUID.randomUUID().toString();
        if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(lockKey, owner, LOCK_TTL))) {
            return; // another node (or thread) is on it
        }
        OnboardingStep current = null;
        try {
            for (OnboardingProgress.StepStatus status : progress.of(code)) {
                if (status.state() == StepState.DONE) {
                    continue;
                }
                current = status.step();
                progress.running(code, current);
                for (OnboardingHook hook : hooks) {
                    hook.beforeStep(code, current);
                }
                execute(code, current);
                progress.done(code, current);
            }
            // Only once every step is recorded done does the school go active.
            if (registry.transition(code, SchoolStatus.ONBOARDING, SchoolStatus.ACTIVE)) {
                registry.clearAdminPassword(code);
                directory.evict(code);
                audit.record(code, "SCHOOL_ACTIVATED", null);
            }
        } catch (RuntimeException e) {
            log.warn("Onboarding of school {} failed at step {}", code, current, e);
            if (current != null) {
                progress.failed(code, current, describe(e));
            }
            registry.transition(code, SchoolStatus.ONBOARDING, SchoolStatus.FAILED);
            directory.evict(code);
        } finally {
            redis.execute(RELEASE, List.of(lockKey), owner);
        }
    }

    private void execute(SchoolCode code, OnboardingStep step) {
        SchoolRecord school = registry.find(code).orElseThrow();
        java.util.function.Consumer<String> checkpoint = point -> {
            for (OnboardingHook hook : hooks) {
                hook.within(code, step, point);
            }
        };
        switch (step) {
            case REGISTRY -> {
                // The row was written by submit(); nothing more to do.
            }
            case SCHEMA -> {
                registry.setSchema(code, SchemaState.MIGRATING, null, null);
                try {
                    registry.setSchema(code, SchemaState.CURRENT, migrator.migrate(code, checkpoint), null);
                } catch (RuntimeException e) {
                    registry.setSchema(code, SchemaState.FAILED, null, describe(e));
                    throw e;
                }
            }
            case REALM -> {
                realms.ensureRealm(
                        school.keycloakCluster(),
                        code,
                        school.name(),
                        new FirstAdmin(
                                school.adminUsername(),
                                school.adminName(),
                                new PhoneNumber(cipher.decrypt(
                                        code.value(), "school.admin_phone", school.adminPhoneEncrypted())),
                                cipher.decrypt(code.value(), "school.admin_password", school.adminPasswordEncrypted())),
                        registry.adminOtpRequired(code),
                        checkpoint);
                registry.setRealmVersion(code, SchoolRealmDefinition.VERSION);
            }
            case STORAGE -> storage.prepareSchool(code);
            case ACTIVATE -> realms.setEnabled(school.keycloakCluster(), code, true);
        }
    }

    /**
     * The realm's password policy ({@link cn.campuspass.tenant.keycloak.SchoolRealmDefinition#PASSWORD_POLICY}),
     * checked before anything is created so a weak first password is a 400 instead of a failed REALM step.
     */
    private static void checkPassword(String password, String username) {
        if (password == null
                || password.length() < 10
                || password.chars().noneMatch(Character::isUpperCase)
                || password.chars().noneMatch(Character::isLowerCase)
                || password.chars().noneMatch(Character::isDigit)
                || password.equalsIgnoreCase(username)) {
            throw new ApiException(TenantError.PASSWORD_TOO_WEAK);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            message += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    private String secretsJson(WechatApp wechat) {
        java.util.Map<String, String> secrets = new java.util.LinkedHashMap<>();
        secrets.put("appSecret", wechat.appSecret());
        secrets.put("token", wechat.token());
        secrets.put("aesKey", wechat.aesKey());
        return json.writeValueAsString(secrets);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
