package cn.campuspass.platform.school;

/**
 * A school's WeChat Official Account (服务号) as the portals need it: the appid and its secrets. {@link #toString()}
 * never prints the secrets.
 */
public record WeChatApp(String appId, String appSecret, String token, String aesKey) {

    public WeChatApp {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("A WeChat app needs an appid");
        }
    }

    @Override
    public String toString() {
        return "WeChatApp[appId=" + appId + ", secrets=***]";
    }
}
