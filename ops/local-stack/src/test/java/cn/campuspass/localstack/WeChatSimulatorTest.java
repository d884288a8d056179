package cn.campuspass.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.common.bean.WxJsapiSignature;
import me.chanjar.weixin.common.bean.WxOAuth2UserInfo;
import me.chanjar.weixin.common.bean.oauth2.WxOAuth2AccessToken;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.bean.subscribe.WxMpSubscribeMessage;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;
import me.chanjar.weixin.mp.config.WxMpHostConfig;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The simulator against the real WxJava client, redirected with WxMpHostConfig. */
class WeChatSimulatorTest {

    private static final String APP_ID = "wx-demo-school";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WeChatSimulator simulator;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        simulator = WeChatSimulator.start(0);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.reset();
    }

    private static WxMpService wx(String appId, String secret) {
        WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
        config.setAppId(appId);
        config.setSecret(secret);
        config.setToken("token");
        config.setAesKey("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        String base = simulator.baseUrl();
        config.setHostConfig(WxMpHostConfig.builder()
                .apiHost(base)
                .mpHost(base)
                .openHost(base)
                .build());
        WxMpService service = new WxMpServiceImpl();
        service.setWxMpConfigStorage(config);
        return service;
    }

    private static WxMpService wx() {
        return wx(APP_ID, WeChatSimulator.secretFor(APP_ID));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> queryOf(String location) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void oauthUrlToCodeToOpenidToUserInfo() throws Exception {
        WxMpService wx = wx();
        String url = wx.getOAuth2Service()
                .buildAuthorizationUrl("http://127.0.0.1:8080/wx/callback?school=demo", "snsapi_userinfo", "st-1");
        assertThat(url).startsWith(simulator.baseUrl() + "/connect/oauth2/authorize?appid=" + APP_ID);

        // Without sim_openid a person sees the consent page.
        HttpResponse<String> page = get(url.replace("#wechat_redirect", ""));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("模拟微信授权")
                .contains("name=\"sim_openid\"")
                .contains("sim_allow");

        // With sim_openid it redirects straight back with code and state.
        HttpResponse<String> redirect =
                get(url.replace("#wechat_redirect", "") + "&sim_openid=o-student-1&sim_nickname=%E5%B0%8F%E6%98%8E");
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:8080/wx/callback?school=demo&code=");
        Map<String, String> query = queryOf(location);
        assertThat(query.get("state")).isEqualTo("st-1");

        WxOAuth2AccessToken token = wx.getOAuth2Service().getAccessToken(query.get("code"));
        assertThat(token.getOpenId()).isEqualTo("o-student-1");
        assertThat(token.getAccessToken()).isNotBlank();
        assertThat(token.getScope()).isEqualTo("snsapi_userinfo");

        WxOAuth2UserInfo user = wx.getOAuth2Service().getUserInfo(token, "zh_CN");
        assertThat(user.getOpenid()).isEqualTo("o-student-1");
        assertThat(user.getNickname()).isEqualTo("小明");
        assertThat(user.getUnionId()).isNotBlank();

        assertThat(wx.getOAuth2Service().validateAccessToken(token)).isTrue();
        WxOAuth2AccessToken refreshed = wx.getOAuth2Service().refreshAccessToken(token.getRefreshToken());
        assertThat(refreshed.getOpenId()).isEqualTo("o-student-1");

        // A code is single-use: WeChat's 40029.
        assertThatThrownBy(() -> wx.getOAuth2Service().getAccessToken(query.get("code")))
                .isInstanceOf(WxErrorException.class)
                .satisfies(e -> assertThat(((WxErrorException) e).getError().getErrorCode())
                        .isEqualTo(40029));
    }

    @Test
    void autoOpenidAnswersWithoutAPage() throws Exception {
        simulator.setAutoOpenid("o-browser");
        String url = wx().getOAuth2Service().buildAuthorizationUrl("http://127.0.0.1:8080/cb", "snsapi_base", "");
        HttpResponse<String> redirect = get(url);
        assertThat(redirect.statusCode()).isEqualTo(302);
        String code =
                queryOf(redirect.headers().firstValue("Location").orElseThrow()).get("code");
        WxOAuth2AccessToken token = wx().getOAuth2Service().getAccessToken(code);
        assertThat(token.getOpenId()).isEqualTo("o-browser");
        // snsapi_base may not read user info (WeChat's 48001).
        assertThatThrownBy(() -> wx().getOAuth2Service().getUserInfo(token, "zh_CN"))
                .isInstanceOf(WxErrorException.class)
                .satisfies(e -> assertThat(((WxErrorException) e).getError().getErrorCode())
                        .isEqualTo(48001));
    }

    @Test
    void wrongSecretIsRejectedWithWeChatsError() {
        WxMpService wx = wx(APP_ID, "not-the-secret");
        assertThatThrownBy(() -> wx.getAccessToken(true))
                .isInstanceOf(WxErrorException.class)
                .satisfies(e -> assertThat(((WxErrorException) e).getError().getErrorCode())
                        .isEqualTo(40125));
        assertThatThrownBy(() -> wx.getOAuth2Service().getAccessToken("any-code"))
                .isInstanceOf(WxErrorException.class)
                .satisfies(e -> assertThat(((WxErrorException) e).getError().getErrorCode())
                        .isEqualTo(40125));
        assertThatThrownBy(() -> wx().getOAuth2Service().getAccessToken("no-such-code"))
                .isInstanceOf(WxErrorException.class)
                .satisfies(e -> assertThat(((WxErrorException) e).getError().getErrorCode())
                        .isEqualTo(40029));
    }

    @Test
    void jsSdkSignatureUsesTheSimulatorsTicket() throws Exception {
        String pageUrl = "http://127.0.0.1:8080/h5/visit?school=demo";
        WxJsapiSignature signature = wx().createJsapiSignature(pageUrl);
        assertThat(signature.getAppId()).isEqualTo(APP_ID);
        String ticket = simulator.ticket(APP_ID, "jsapi");
        String plain = "jsapi_ticket=" + ticket + "&noncestr=" + signature.getNonceStr() + "&timestamp="
                + signature.getTimestamp() + "&url=" + pageUrl;
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(plain.getBytes(StandardCharsets.UTF_8)));
        assertThat(signature.getSignature())
                .isEqualTo(expected)
                .isEqualTo(
                        simulator.jsapiSignature(APP_ID, signature.getNonceStr(), signature.getTimestamp(), pageUrl));
    }

    @Test
    void templateAndSubscribeMessagesAreRecorded() throws Exception {
        WxMpService wx = wx();
        WxMpTemplateMessage message = WxMpTemplateMessage.builder()
                .toUser("o-guard-1")
                .templateId("tpl-visit-approved")
                .url("http://127.0.0.1:8080/h5/visits/1")
                .build();
        message.addData(new WxMpTemplateData("thing1", "访客张三"));
        message.addData(new WxMpTemplateData("time2", "2026-11-28 10:00"));
        String msgid = wx.getTemplateMsgService().sendTemplateMsg(message);
        assertThat(msgid).isNotBlank();

        WxMpSubscribeMessage subscribe = WxMpSubscribeMessage.builder()
                .toUser("o-guard-1")
                .templateId("sub-visit")
                .page("pages/visit")
                .build();
        subscribe.setDataMap(Map.of("thing1", "到访提醒"));
        wx.getSubscribeMsgService().send(subscribe);

        List<WeChatSimulator.WeChatMessage> sent = simulator.messages("o-guard-1");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).kind()).isEqualTo("subscribe");
        assertThat(sent.get(1).kind()).isEqualTo("template");
        assertThat(sent.get(1).templateId()).isEqualTo("tpl-visit-approved");
        assertThat(String.valueOf(sent.get(1).msgid())).isEqualTo(msgid);
        assertThat(sent.get(1).data()).containsKey("thing1");
        assertThat(sent.get(1).url()).isEqualTo("http://127.0.0.1:8080/h5/visits/1");

        // The same over HTTP for tests in other processes.
        HttpResponse<String> listed = get(simulator.baseUrl() + "/__sim/messages?openid=o-guard-1");
        assertThat(listed.statusCode()).isEqualTo(200);
        List<?> json = JSON.readValue(listed.body(), List.class);
        assertThat(json).hasSize(2);
        assertThat(((Map<?, ?>) json.get(1)).get("templateId")).isEqualTo("tpl-visit-approved");
        assertThat(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) json.get(1)).get("data")).get("thing1")).get("value"))
                .isEqualTo("访客张三");
        assertThat(JSON.readValue(
                        get(simulator.baseUrl() + "/__sim/messages?openid=nobody")
                                .body(),
                        List.class))
                .isEmpty();
    }

    @Test
    void invalidAccessTokenIsRejected() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(
                                URI.create(simulator.baseUrl() + "/cgi-bin/message/template/send?access_token=x"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"touser\":\"o\",\"template_id\":\"t\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readValue(r.body(), Map.class).get("errcode")).isEqualTo(40001);
        assertThat(simulator.messages(null)).isEmpty();
    }
}
