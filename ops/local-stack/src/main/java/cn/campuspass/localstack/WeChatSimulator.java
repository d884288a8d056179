package cn.campuspass.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-process simulator of the WeChat Official Account APIs that WxJava ({@code weixin-java-mp}) calls, plus an SMS
 * gateway simulator. Point WxJava at it with
 * {@code WxMpHostConfig.builder().apiHost(base).mpHost(base).openHost(base).build()}.
 *
 * <p>Any appid is accepted; the secret expected for an appid is {@code secret-<appid>} ({@link #secretFor}).
 *
 * <p>WeChat paths: {@code /connect/oauth2/authorize} (and {@code /connect/qrconnect}), {@code /sns/oauth2/access_token},
 * {@code /sns/oauth2/refresh_token}, {@code /sns/userinfo}, {@code /sns/auth}, {@code /cgi-bin/token},
 * {@code /cgi-bin/stable_token}, {@code /cgi-bin/ticket/getticket}, {@code /cgi-bin/message/template/send},
 * {@code /cgi-bin/message/subscribe/bizsend}, {@code /cgi-bin/message/subscribe/send},
 * {@code /cgi-bin/message/template/subscribe}. Errors use WeChat's JSON ({@code {"errcode":40029,"errmsg":...}}).
 *
 * <p>Simulator paths: {@code GET /__sim/messages?openid=} (sent WeChat messages, newest first),
 * {@code POST /__sim/sms/send} ({@code {"phone","content"}}), {@code GET /__sim/sms?phone=} (newest first),
 * {@code POST /__sim/oauth/auto-openid?openid=} (authorize without a page for every request; empty to clear),
 * {@code GET /__sim/jsapi/signature?appid=&noncestr=&timestamp=&url=}, {@code POST /__sim/reset},
 * {@code POST /__sim/messages/fail?count=&errcode=&openid=} (the next {@code count} message sends, to {@code openid}
 * or anyone, answer WeChat error {@code errcode}, default 45011 "api minute-quota reach limit"), and
 * {@code GET /__sim/} (an HTML page listing what was sent).
 *
 * <p>Like WeChat, a message that repeats a {@code client_msg_id} already accepted for the same openid is answered
 * with the first message's msgid and not recorded again.
 */
public final class WeChatSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WeChatSimulator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    /** A template or subscribe message sent through the simulator. */
    public record WeChatMessage(
            long msgid,
            String kind,
            String appId,
            String openid,
            String templateId,
            String url,
            Map<String, Object> data,
            Map<String, Object> request,
            String sentAt) {}

    /** A text message sent through the SMS simulator. */
    public record SmsMessage(long id, String phone, String content, String sentAt) {}

    private record CodeGrant(String appId, String openid, String scope) {}

    private record SnsToken(String appId, String openid, String scope) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<String, SnsToken> snsTokens = new ConcurrentHashMap<>();
    private final Map<String, SnsToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>(); // token -> appid
    private final Map<String, String> tickets = new ConcurrentHashMap<>(); // appid:type -> ticket
    private final Map<String, String> nicknames = new ConcurrentHashMap<>();
    private final List<WeChatMessage> messages = Collections.synchronizedList(new ArrayList<>());
    private final List<SmsMessage> sms = Collections.synchronizedList(new ArrayList<>());
    private volatile String autoOpenid;
    private final Map<String, long[]> failures = new ConcurrentHashMap<>(); // openid or "*" -> {remaining, errcode}
    private final Map<String, Long> clientMsgIds = new ConcurrentHashMap<>(); // appid:openid:client_msg_id -> msgid
    private final Map<String, AtomicLong> sendRequests = new ConcurrentHashMap<>(); // openid -> sends received

    private WeChatSimulator(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1:{@code port} ({@code 0}: a free port). */
    public static WeChatSimulator start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Net.HOST, port), 50);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "wechat-simulator");
                t.setDaemon(true);
                return t;
            });
            WeChatSimulator simulator = new WeChatSimulator(server, executor);
            server.createContext("/", simulator::handle);
            server.setExecutor(executor);
            server.start();
            log.info("WeChat simulator: listening on {}", simulator.baseUrl());
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("WeChat simulator cannot listen on port " + port, e);
        }
    }

    /** The appsecret the simulator expects for {@code appId}. */
    public static String secretFor(String appId) {
        return "secret-" + appId;
    }

    public String baseUrl() {
        return "http://" + Net.HOST + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Messages sent to {@code openid} (all when null), newest first. */
    public List<WeChatMessage> messages(String openid) {
        synchronized (messages) {
            List<WeChatMessage> result = new ArrayList<>();
            for (int i = messages.size() - 1; i >= 0; i--) {
                WeChatMessage m = messages.get(i);
                if (openid == null || openid.equals(m.openid())) {
                    result.add(m);
                }
            }
            return result;
        }
    }

    /** SMS sent to {@code phone} (all when null), newest first. */
    public List<SmsMessage> smsMessages(String phone) {
        synchronized (sms) {
            List<SmsMessage> result = new ArrayList<>();
            for (int i = sms.size() - 1; i >= 0; i--) {
                SmsMessage m = sms.get(i);
                if (phone == null || phone.equals(m.phone())) {
                    result.add(m);
                }
            }
            return result;
        }
    }

    /** Records an SMS as if sent through {@code POST /__sim/sms/send}. */
    public SmsMessage sendSms(String phone, String content) {
        SmsMessage message = new SmsMessage(
                ids.incrementAndGet(), phone, content, Instant.now().toString());
        sms.add(message);
        return message;
    }

    /** When set, {@code /connect/oauth2/authorize} answers every request at once as this openid (null: off). */
    public void setAutoOpenid(String openid) {
        this.autoOpenid = openid == null || openid.isBlank() ? null : openid;
    }

    /** The JS-SDK ticket the simulator hands out for {@code appId} ({@code type} jsapi or wx_card). */
    public String ticket(String appId, String type) {
        return tickets.computeIfAbsent(appId + ":" + type, k -> "sim-ticket-" + random(24));
    }

    /** The JS-SDK signature WeChat's {@code wx.config} would accept for these values. */
    public String jsapiSignature(String appId, String nonceStr, long timestamp, String url) {
        String plain = "jsapi_ticket=" + ticket(appId, "jsapi") + "&noncestr=" + nonceStr + "&timestamp=" + timestamp
                + "&url=" + url;
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes the next {@code count} template/subscribe sends to {@code openid} (any recipient when null) fail with
     * WeChat error {@code errcode}; {@code count} 0 clears the switch.
     */
    public void failNextMessages(String openid, int count, int errcode) {
        String key = openid == null || openid.isBlank() ? "*" : openid;
        if (count <= 0) {
            failures.remove(key);
        } else {
            failures.put(key, new long[] {count, errcode});
        }
    }

    /**
     * How many template/subscribe send requests reached the simulator for {@code openid}, whatever their outcome
     * (failed as asked, dropped as a repeat or recorded): proof that a sender did not call twice.
     */
    public long sendRequests(String openid) {
        AtomicLong count = sendRequests.get(openid);
        return count == null ? 0 : count.get();
    }

    /** Takes one failure for {@code openid} if one is armed; the errcode, or 0 for none. */
    private int takeFailure(String openid) {
        for (String key : new String[] {openid, "*"}) {
            long[] taken = new long[1];
            failures.computeIfPresent(key, (k, v) -> {
                taken[0] = v[1];
                return v[0] <= 1 ? null : new long[] {v[0] - 1, v[1]};
            });
            if (taken[0] != 0) {
                return (int) taken[0];
            }
        }
        return 0;
    }

    /** Forgets sent messages, SMS, codes and tokens. */
    public void reset() {
        failures.clear();
        clientMsgIds.clear();
        sendRequests.clear();
        messages.clear();
        sms.clear();
        codes.clear();
        snsTokens.clear();
        refreshTokens.clear();
        accessTokens.clear();
        tickets.clear();
        nicknames.clear();
        autoOpenid = null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> q = query(exchange.getRequestURI());
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/connect/oauth2/authorize", "/connect/qrconnect" -> authorize(exchange, q);
                case "/sns/oauth2/access_token" -> codeToToken(exchange, q);
                case "/sns/oauth2/refresh_token" -> refreshToken(exchange, q);
                case "/sns/userinfo" -> userInfo(exchange, q);
                case "/sns/auth" -> {
                    SnsToken token = snsTokens.get(q.getOrDefault("access_token", ""));
                    if (token == null || !token.openid().equals(q.get("openid"))) {
                        error(exchange, 40001, "invalid credential, access_token is invalid or not latest");
                    } else {
                        json(exchange, 200, ok());
                    }
                }
                case "/cgi-bin/token" -> clientToken(exchange, q.get("grant_type"), q.get("appid"), q.get("secret"));
                case "/cgi-bin/stable_token" -> {
                    Map<String, Object> body = body(exchange);
                    clientToken(exchange, str(body.get("grant_type")), str(body.get("appid")), str(body.get("secret")));
                }
                case "/cgi-bin/ticket/getticket" -> getTicket(exchange, q);
                case "/cgi-bin/message/template/send" -> sendMessage(exchange, q, "template");
                case "/cgi-bin/message/subscribe/bizsend" -> sendMessage(exchange, q, "subscribe");
                case "/cgi-bin/message/subscribe/send" -> sendMessage(exchange, q, "miniprogram-subscribe");
                case "/cgi-bin/message/template/subscribe" -> sendMessage(exchange, q, "subscribe-once");
                case "/__sim/messages" -> json(exchange, 200, messages(q.get("openid")));
                case "/__sim/messages/fail" -> {
                    failNextMessages(
                            q.get("openid"),
                            Integer.parseInt(q.getOrDefault("count", "1")),
                            Integer.parseInt(q.getOrDefault("errcode", "45011")));
                    json(exchange, 200, ok());
                }
                case "/__sim/sms" -> json(exchange, 200, smsMessages(q.get("phone")));
                case "/__sim/sms/send" -> smsSend(exchange, method);
                case "/__sim/oauth/auto-openid" -> {
                    setAutoOpenid(q.get("openid"));
                    json(exchange, 200, Map.of("autoOpenid", Objects.toString(autoOpenid, "")));
                }
                case "/__sim/jsapi/signature" -> {
                    long timestamp = Long.parseLong(q.getOrDefault("timestamp", "0"));
                    String appId = q.getOrDefault("appid", "");
                    json(
                            exchange,
                            200,
                            Map.of(
                                    "ticket", ticket(appId, "jsapi"),
                                    "signature",
                                            jsapiSignature(
                                                    appId,
                                                    q.getOrDefault("noncestr", ""),
                                                    timestamp,
                                                    q.getOrDefault("url", ""))));
                }
                case "/__sim/reset" -> {
                    reset();
                    json(exchange, 200, ok());
                }
                case "/__sim", "/__sim/", "/" -> overview(exchange);
                default ->
                    json(
                            exchange,
                            404,
                            Map.of(
                                    "errcode",
                                    40066,
                                    "errmsg",
                                    "invalid url: " + path + " is not simulated by CampusPass"));
            }
        } catch (RuntimeException e) {
            log.warn("WeChat simulator: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            try {
                json(exchange, 500, Map.of("errcode", -1, "errmsg", "system error: " + e));
            } catch (IOException | RuntimeException ignored) {
                // response already started
            }
        } finally {
            exchange.close();
        }
    }

    private void authorize(HttpExchange exchange, Map<String, String> q) throws IOException {
        String appId = q.get("appid");
        String redirectUri = q.get("redirect_uri");
        String scope = q.getOrDefault("scope", "snsapi_base");
        if (appId == null || appId.isBlank() || redirectUri == null || redirectUri.isBlank()) {
            html(exchange, 400, page("参数错误", "<p>appid 或 redirect_uri 缺失 (Missing appid or redirect_uri)</p>"));
            return;
        }
        String openid = q.get("sim_openid");
        if (openid == null || openid.isBlank()) {
            openid = autoOpenid;
        }
        if (openid == null || openid.isBlank()) {
            String suggested = cookie(exchange, "sim_openid");
            if (suggested == null) {
                suggested = "o-sim-" + random(10);
            }
            StringBuilder form = new StringBuilder();
            form.append("<p>应用 <code>")
                    .append(esc(appId))
                    .append("</code> 请求 <code>")
                    .append(esc(scope))
                    .append("</code> 授权</p>")
                    .append("<form method=\"get\" action=\"")
                    .append(esc(exchange.getRequestURI().getPath()))
                    .append("\">");
            for (String name : List.of("appid", "redirect_uri", "response_type", "scope", "state")) {
                if (q.containsKey(name)) {
                    form.append("<input type=\"hidden\" name=\"")
                            .append(name)
                            .append("\" value=\"")
                            .append(esc(q.get(name)))
                            .append("\">");
                }
            }
            form.append("<p><label>openid <input id=\"sim_openid\" name=\"sim_openid\" value=\"")
                    .append(esc(suggested))
                    .append("\" size=\"32\"></label></p>")
                    .append(
                            "<p><label>昵称 <input id=\"sim_nickname\" name=\"sim_nickname\" value=\"\" size=\"16\"></label></p>")
                    .append("<p><button id=\"sim_allow\" type=\"submit\">允许</button></p></form>");
            html(exchange, 200, page("模拟微信授权", form.toString()));
            return;
        }
        String nickname = q.get("sim_nickname");
        if (nickname != null && !nickname.isBlank()) {
            nicknames.put(openid, nickname);
        }
        String code = "sim-code-" + random(16);
        codes.put(code, new CodeGrant(appId, openid, scope));
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + enc(code) + "&state="
                + enc(q.getOrDefault("state", ""));
        exchange.getResponseHeaders().add("Set-Cookie", "sim_openid=" + enc(openid) + "; Path=/");
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void codeToToken(HttpExchange exchange, Map<String, String> q) throws IOException {
        String appId = q.getOrDefault("appid", "");
        if (!secretFor(appId).equals(q.get("secret"))) {
            error(exchange, 40125, "invalid appsecret");
            return;
        }
        CodeGrant grant = codes.remove(q.getOrDefault("code", ""));
        if (grant == null || !grant.appId().equals(appId)) {
            error(exchange, 40029, "invalid code");
            return;
        }
        json(exchange, 200, snsTokenResponse(new SnsToken(appId, grant.openid(), grant.scope())));
    }

    private void refreshToken(HttpExchange exchange, Map<String, String> q) throws IOException {
        SnsToken old = refreshTokens.get(q.getOrDefault("refresh_token", ""));
        if (old == null || !old.appId().equals(q.get("appid"))) {
            error(exchange, 40030, "invalid refresh_token");
            return;
        }
        json(exchange, 200, snsTokenResponse(old));
    }

    private Map<String, Object> snsTokenResponse(SnsToken token) {
        String accessToken = "sim-sns-" + random(24);
        String refreshToken = "sim-refresh-" + random(24);
        snsTokens.put(accessToken, token);
        refreshTokens.put(refreshToken, token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("expires_in", 7200);
        body.put("refresh_token", refreshToken);
        body.put("openid", token.openid());
        body.put("scope", token.scope());
        body.put("is_snapshotuser", 0);
        body.put("unionid", unionId(token.openid()));
        return body;
    }

    private void userInfo(HttpExchange exchange, Map<String, String> q) throws IOException {
        SnsToken token = snsTokens.get(q.getOrDefault("access_token", ""));
        if (token == null) {
            error(exchange, 40001, "invalid credential, access_token is invalid or not latest");
            return;
        }
        if (!token.openid().equals(q.get("openid"))) {
            error(exchange, 40003, "invalid openid");
            return;
        }
        if (!token.scope().contains("snsapi_userinfo")) {
            error(exchange, 48001, "api unauthorized");
            return;
        }
        String openid = token.openid();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("openid", openid);
        body.put(
                "nickname",
                nicknames.getOrDefault(openid, "微信用户" + openid.substring(Math.max(0, openid.length() - 4))));
        body.put("sex", 0);
        body.put("language", q.getOrDefault("lang", "zh_CN"));
        body.put("city", "");
        body.put("province", "");
        body.put("country", "");
        body.put("headimgurl", "");
        body.put("privilege", List.of());
        body.put("unionid", unionId(openid));
        json(exchange, 200, body);
    }

    private void clientToken(HttpExchange exchange, String grantType, String appId, String secret) throws IOException {
        if (!"client_credential".equals(grantType)) {
            error(exchange, 40002, "invalid grant_type");
            return;
        }
        if (appId == null || appId.isBlank()) {
            error(exchange, 41002, "appid missing");
            return;
        }
        if (!secretFor(appId).equals(secret)) {
            error(exchange, 40125, "invalid appsecret");
            return;
        }
        String token = "sim-at-" + random(32);
        accessTokens.put(token, appId);
        json(exchange, 200, Map.of("access_token", token, "expires_in", 7200));
    }

    private void getTicket(HttpExchange exchange, Map<String, String> q) throws IOException {
        String appId = accessTokens.get(q.getOrDefault("access_token", ""));
        if (appId == null) {
            error(exchange, 40001, "invalid credential, access_token is invalid or not latest");
            return;
        }
        String type = q.getOrDefault("type", "jsapi");
        Map<String, Object> body = ok();
        body.put("ticket", ticket(appId, type));
        body.put("expires_in", 7200);
        json(exchange, 200, body);
    }

    @SuppressWarnings("unchecked")
    private void sendMessage(HttpExchange exchange, Map<String, String> q, String kind) throws IOException {
        String appId = accessTokens.get(q.getOrDefault("access_token", ""));
        if (appId == null) {
            error(exchange, 40001, "invalid credential, access_token is invalid or not latest");
            return;
        }
        Map<String, Object> body = body(exchange);
        String openid = str(body.get("touser"));
        String templateId = str(body.get("template_id"));
        if (openid == null || openid.isBlank()) {
            error(exchange, 40003, "invalid openid");
            return;
        }
        if (templateId == null || templateId.isBlank()) {
            error(exchange, 40037, "invalid template_id");
            return;
        }
        sendRequests.computeIfAbsent(openid, k -> new AtomicLong()).incrementAndGet();
        int failure = takeFailure(openid);
        if (failure != 0) {
            log.info("WeChat simulator: {} message {} to {} fails with {} as asked", kind, templateId, openid, failure);
            error(exchange, failure, "simulated failure");
            return;
        }
        String clientMsgId = str(body.get("client_msg_id"));
        if (clientMsgId != null && !clientMsgId.isBlank()) {
            Long earlier = clientMsgIds.get(appId + ":" + openid + ":" + clientMsgId);
            if (earlier != null) {
                Map<String, Object> response = ok();
                response.put("msgid", earlier);
                json(exchange, 200, response);
                return;
            }
        }
        Object data = body.get("data");
        String url = str(body.getOrDefault("url", body.get("page")));
        long msgid = ids.incrementAndGet();
        if (clientMsgId != null && !clientMsgId.isBlank()) {
            clientMsgIds.put(appId + ":" + openid + ":" + clientMsgId, msgid);
        }
        messages.add(new WeChatMessage(
                msgid,
                kind,
                appId,
                openid,
                templateId,
                url,
                data instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
                body,
                Instant.now().toString()));
        log.info("WeChat simulator: {} message {} to {}", kind, templateId, openid);
        Map<String, Object> response = ok();
        response.put("msgid", msgid);
        json(exchange, 200, response);
    }

    private void smsSend(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            json(exchange, 405, Map.of("error", "POST a JSON body {\"phone\": ..., \"content\": ...}"));
            return;
        }
        Map<String, Object> body = body(exchange);
        String phone = str(body.get("phone"));
        String content = str(body.get("content"));
        if (phone == null || phone.isBlank() || content == null) {
            json(exchange, 400, Map.of("error", "phone and content are required"));
            return;
        }
        SmsMessage message = sendSms(phone, content);
        log.info("SMS simulator: to {}: {}", phone, content);
        json(exchange, 200, message);
    }

    private void overview(HttpExchange exchange) throws IOException {
        StringBuilder sb = new StringBuilder(
                "<h2>SMS</h2><table border=\"1\" cellpadding=\"4\"><tr><th>time</th><th>phone</th><th>content</th></tr>");
        for (SmsMessage m : smsMessages(null)) {
            sb.append("<tr><td>")
                    .append(esc(m.sentAt()))
                    .append("</td><td>")
                    .append(esc(m.phone()))
                    .append("</td><td>")
                    .append(esc(m.content()))
                    .append("</td></tr>");
        }
        sb.append("</table><h2>WeChat messages</h2><table border=\"1\" cellpadding=\"4\"><tr><th>time</th><th>kind</th>"
                + "<th>openid</th><th>template</th><th>data</th></tr>");
        for (WeChatMessage m : messages(null)) {
            sb.append("<tr><td>")
                    .append(esc(m.sentAt()))
                    .append("</td><td>")
                    .append(esc(m.kind()))
                    .append("</td><td>")
                    .append(esc(m.openid()))
                    .append("</td><td>")
                    .append(esc(m.templateId()))
                    .append("</td><td><code>")
                    .append(esc(JSON.writeValueAsString(m.data())))
                    .append("</code></td></tr>");
        }
        sb.append("</table>");
        html(exchange, 200, page("CampusPass WeChat / SMS simulator", sb.toString()));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, Object> ok() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        return body;
    }

    private static void error(HttpExchange exchange, int errcode, String errmsg) throws IOException {
        // WeChat answers errors with HTTP 200 and a rid suffix.
        json(exchange, 200, Map.of("errcode", errcode, "errmsg", errmsg + ", rid: " + UUID.randomUUID()));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON_TYPE, JSON.writeValueAsString(body));
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return new LinkedHashMap<>();
        }
        return JSON.readValue(bytes, LinkedHashMap.class);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> result = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.putIfAbsent(key, value);
        }
        return result;
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(name) && !kv[1].isBlank()) {
                    return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static String page(String title, String content) {
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + esc(title)
                + "</title></head><body style=\"font-family:sans-serif;margin:1.5em\"><h1>" + esc(title) + "</h1>"
                + content + "</body></html>";
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String unionId(String openid) {
        return "u-" + openid;
    }

    private static String random(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
