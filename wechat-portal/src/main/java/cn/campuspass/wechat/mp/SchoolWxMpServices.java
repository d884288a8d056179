package cn.campuspass.wechat.mp;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolWeChatApps;
import cn.campuspass.platform.school.WeChatApp;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import me.chanjar.weixin.common.redis.RedisTemplateWxRedisOps;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpRedisConfigImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * One WxJava service per school, built from the school's WeChat app (P5) and rebuilt when the operator changes the
 * appid or a secret. Our own map rather than WxJava's {@code switchoverTo} (a thread-local that a forgotten reset
 * would leak into the next request of another school). Access tokens and JS-SDK tickets live in Redis, so every
 * node shares one token per app instead of each fetching its own and invalidating the others' (P7).
 *
 * <p>{@code campuspass.wechat.api-base} redirects every WeChat host (API, MP and the browser OAuth page) to the
 * local simulator; empty (the {@code prod} profile) means real WeChat.
 */
@Component
public class SchoolWxMpServices {

    private record Entry(WeChatApp app, WxMpService service) {}

    private final SchoolWeChatApps apps;
    private final StringRedisTemplate redis;
    private final String apiBase;
    private final ConcurrentMap<SchoolCode, Entry> services = new ConcurrentHashMap<>();

    SchoolWxMpServices(
            SchoolWeChatApps apps, StringRedisTemplate redis, @Value("${campuspass.wechat.api-base:}") String apiBase) {
        this.apps = apps;
        this.redis = redis;
        this.apiBase = apiBase == null ? "" : apiBase.strip();
    }

    /** The school's WeChat service; empty when the school has no WeChat app configured. */
    public Optional<WxMpService> serviceOf(SchoolCode school) {
        Optional<WeChatApp> app = apps.appOf(school);
        if (app.isEmpty()) {
            services.remove(school);
            return Optional.empty();
        }
        Entry entry = services.compute(
                school,
                (code, old) ->
                        old != null && old.app().equals(app.get()) ? old : new Entry(app.get(), build(app.get())));
        return Optional.of(entry.service());
    }

    public boolean hasApp(SchoolCode school) {
        return apps.appOf(school).isPresent();
    }

    private WxMpService build(WeChatApp app) {
        WxMpRedisConfigImpl config = new WxMpRedisConfigImpl(new RedisTemplateWxRedisOps(redis), "campuspass:wechat");
        config.setAppId(app.appId());
        config.setSecret(app.appSecret());
        config.setToken(app.token());
        config.setAesKey(app.aesKey());
        if (!apiBase.isEmpty()) {
            config.setHostConfig(WxMpHostConfig.builder()
                    .apiHost(apiBase)
                    .mpHost(apiBase)
                    .openHost(apiBase)
                    .build());
        }
        WxMpService service = new WxMpServiceImpl();
        service.setWxMpConfigStorage(config);
        return service;
    }
}
