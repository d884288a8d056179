package cn.campuspass.tenant.keyring;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.crypto.SealedFieldRotation;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Background re-encryption after a key rotation: once a node starts with a new active key, every sealed value of the
 * registry and of every school's schema is rewritten with it, a batch at a time, while the application serves (reads
 * take any key of the ring meanwhile). When the worker logs that it is done on the newest configuration, the old key
 * may leave the ring. Several nodes may run it at once: rows are locked while rewritten and already-current values
 * are skipped. Turned off with {@code campuspass.pii.reencrypt-on-startup=false}.
 */
@Component
public class KeyRotationWorker {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationWorker.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final List<SealedFieldRotation> rotations;
    private final JsonMapper json;
    private final boolean enabled;

    public KeyRotationWorker(
            JdbcClient jdbc,
            FieldCipher cipher,
            List<SealedFieldRotation> rotations,
            JsonMapper json,
            @Value("${campuspass.pii.reencrypt-on-startup:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.rotations = rotations;
        this.json = json;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (enabled) {
            DaemonThreads.named("key-rotation").newThread(this::reencryptAll).start();
        }
    }

    /** Rewrites every value not sealed with the active key; returns how many rows changed. */
    public long reencryptAll() {
        long changed = 0;
        try {
            changed += reencryptRegistry();
            List<SchoolCode> schools = jdbc.sql("SELECT code FROM platform.school"
                            + " WHERE status IN ('ACTIVE', 'SUSPENDED') AND schema_state = 'CURRENT' ORDER BY code")
                    .query((rs, n) -> SchoolCode.of(rs.getString(1)))
                    .list();
            for (SchoolCode school : schools) {
                for (SealedFieldRotation rotation : rotations) {
                    try {
                        int done;
                        do {
                            done = SchoolContext.callAsUnchecked(school, () -> rotation.reencryptBatch(BATCH));
                            changed += done;
                        } while (done > 0);
                    } catch (RuntimeException e) {
                        log.warn("Re-encrypting school {} failed; it is retried at the next start", school.value(), e);
                    }
                }
            }
            if (changed > 0) {
                log.info("Re-encrypted {} row(s) with key {}", changed, cipher.activeKeyId());
            }
        } catch (RuntimeException e) {
            log.warn("Re-encryption stopped; it is retried at the next start", e);
        }
        return changed;
    }

    /** The registry's sealed columns: the first admin's phone and transient password, WeChat and SSO secrets. */
    @SuppressWarnings("unchecked")
    private long reencryptRegistry() {
        List<Map<String, Object>> rows = jdbc.sql(
                        "SELECT code, admin_phone, admin_password, wechat_secrets, sso::text AS sso FROM platform.school")
                .query()
                .listOfRows();
        long changed = 0;
        for (Map<String, Object> row : rows) {
            String code = (String) row.get("code");
            String phone = (String) row.get("admin_phone");
            String password = (String) row.get("admin_password");
            String secrets = (String) row.get("wechat_secrets");
            String sso = (String) row.get("sso");
            String ssoSecret = null;
            Map<String, Object> ssoMap = null;
            if (sso != null) {
                ssoMap = json.readValue(sso, java.util.LinkedHashMap.class);
                Object stored = ssoMap.get("clientSecret");
                ssoSecret = stored == null ? null : stored.toString();
            }
            if (!(cipher.needsReencryption(phone)
                    || cipher.needsReencryption(password)
                    || cipher.needsReencryption(secrets)
                    || cipher.needsReencryption(ssoSecret))) {
                continue;
            }
            String newSso = sso;
            if (ssoSecret != null && cipher.needsReencryption(ssoSecret)) {
                ssoMap.put("clientSecret", cipher.reencrypt(code, "school.sso_client_secret", ssoSecret));
                newSso = json.writeValueAsString(ssoMap);
            }
            // Compare-and-set on the old values: a concurrent change (or another node's rewrite) wins.
            changed += jdbc.sql("""
                            UPDATE platform.school SET admin_phone = CAST(:newPhone AS text),
                                admin_password = CAST(:newPassword AS text),
                                wechat_secrets = CAST(:newSecrets AS text), sso = CAST(CAST(:newSso AS text) AS jsonb)
                            WHERE code = :code AND admin_phone IS NOT DISTINCT FROM CAST(:phone AS text)
                              AND admin_password IS NOT DISTINCT FROM CAST(:password AS text)
                              AND wechat_secrets IS NOT DISTINCT FROM CAST(:secrets AS text)
                              AND sso::text IS NOT DISTINCT FROM CAST(:sso AS text)
                            """)
                    .param("newPhone", cipher.reencrypt(code, "school.admin_phone", phone))
                    .param("newPassword", cipher.reencrypt(code, "school.admin_password", password))
                    .param("newSecrets", cipher.reencrypt(code, "school.wechat_secrets", secrets))
                    .param("newSso", newSso)
                    .param("code", code)
                    .param("phone", phone)
                    .param("password", password)
                    .param("secrets", secrets)
                    .param("sso", sso)
                    .update();
        }
        return changed;
    }
}
