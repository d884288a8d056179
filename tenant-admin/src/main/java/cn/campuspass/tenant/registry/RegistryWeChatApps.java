package cn.campuspass.tenant.registry;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolWeChatApps;
import cn.campuspass.platform.school.WeChatApp;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schools' WeChat apps read from the registry ({@code wechat_app_id} and the encrypted {@code wechat_secrets} JSON).
 * Decrypted secrets stay in this node's memory for a short TTL and never go to Redis.
 */
@Component
class RegistryWeChatApps implements SchoolWeChatApps {

    private record Cached(Optional<WeChatApp> app, long expiresAtNanos) {}

    private final SchoolRegistry registry;
    private final FieldCipher cipher;
    private final JsonMapper json;
    private final long ttlNanos;
    private final ConcurrentMap<SchoolCode, Cached> cache = new ConcurrentHashMap<>();

    RegistryWeChatApps(
            SchoolRegistry registry,
            FieldCipher cipher,
            JsonMapper json,
            @Value("${campuspass.wechat.app-cache-ttl:PT30S}") Duration ttl) {
        this.registry = registry;
        this.cipher = cipher;
        this.json = json;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Optional<WeChatApp> appOf(SchoolCode code) {
        long now = System.nanoTime();
        Cached cached = cache.get(code);
        if (cached != null && cached.expiresAtNanos() - now > 0) {
            return cached.app();
        }
        Optional<WeChatApp> app = registry.find(code).flatMap(this::appOf);
        if (cache.size() > 50_000) {
            cache.clear();
        }
        cache.put(code, new Cached(app, now + ttlNanos));
        return app;
    }

    @SuppressWarnings("unchecked")
    private Optional<WeChatApp> appOf(SchoolRecord school) {
        String appId = school.wechatAppId();
        if (appId == null || appId.isBlank() || school.wechatSecretsEncrypted() == null) {
            return Optional.empty();
        }
        Map<String, Object> secrets = json.readValue(
                cipher.decrypt(school.code().value(), "school.wechat_secrets", school.wechatSecretsEncrypted()),
                Map.class);
        return Optional.of(new WeChatApp(
                appId, text(secrets.get("appSecret")), text(secrets.get("token")), text(secrets.get("aesKey"))));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
