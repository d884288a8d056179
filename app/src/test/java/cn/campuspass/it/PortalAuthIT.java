package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.organization.GatePosters;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.registrant.IdTails;
import cn.campuspass.registrant.RegistrantWeChatUnbound;
import cn.campuspass.registrant.Registrants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * R1, R3, R4.4, P5 over HTTP on the real stack: WeChat OAuth through the simulator, one-time ticket, portal session,
 * identity login binding the openid, signing in again at once, profile, access rules and dynamic passes; and the
 * refusals: closed identity, guessing, another school's session, unbinding and disabling.
 *
 * <p>Each test sends its own {@code X-Forwarded-For} so that the per-address rate limit of {@code /auth/**} (20 a
 * minute) counts each test apart; the per-account login limit is what the guessing test exercises.
 */
class PortalAuthIT extends StackTest {

    private static final String SCHOOL = "portaluni";
    private static final String OTHER = "portaluni2";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static volatile Seed seed;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    GatePosters posters;

    @Autowired
    ApplicationEventPublisher events;

    /** Not final: a test of guessing spread over many clients moves to another address. */
    private String clientAddress = randomAddress();

    private static String randomAddress() {
        return "10.3." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255);
    }

    record Seed(long eastGate, long westGate, long zhangsan, long lisi, long wangwu, long zhaoliu) {}

    record Reply(int status, String body, String location) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String code() {
            return json().path("code").asString();
        }
    }

    @BeforeEach
    void schools() {
        if (seed == null) {
            synchronized (PortalAuthIT.class) {
                if (seed == null) {
                    seed = seedSchools();
                }
            }
        }
    }

    private Seed seedSchools() {
        onboard(SCHOOL, "admin", "13300000010", "PortalUni@2026", "wxportaluni00001");
        onboard(OTHER, "admin", "13300000011", "PortalUni2@2026", "wxportaluni00002");
        String admin = Tokens.school(SCHOOL, "admin", "PortalUni@2026");
        long campus = Http.post(url("/admin/api/campuses"), admin, Map.of("name", "主校区"))
                .json()
                .path("id")
                .asLong();
        long east = Http.post(url("/admin/api/gates"), admin, Map.of("campusId", campus, "name", "东门"))
                .json()
                .path("id")
                .asLong();
        long west = Http.post(url("/admin/api/gates"), admin, Map.of("campusId", campus, "name", "西门"))
                .json()
                .path("id")
                .asLong();
        long department = Http.post(url("/admin/api/departments"), admin, Map.of("name", "计算机学院"))
                .json()
                .path("id")
                .asLong();
        long zhangsan = registrant("张三", "STUDENT", "2026000001", "13900000001", "12345X", department);
        long lisi = registrant("李四", "RESIDENT", "R0001", "13900000002", null, department);
        long wangwu = registrant("王五", "TEACHER", "T0001", "13900000003", "54321X", department);
        long zhaoliu = registrant("赵六", "TEACHER", "T0002", "13900000004", "111111", department);
        jdbc.sql("INSERT INTO school_portaluni.registrant_gate_access (registrant_id, gate_id) VALUES (?, ?), (?, ?)")
                .params(zhangsan, east, zhaoliu, east)
                .update();
        return new Seed(east, west, zhangsan, lisi, wangwu, zhaoliu);
    }

    /** Inserted in SQL as the admin API would store it: phone encrypted, blind index, masked copy. */
    private long registrant(String name, String identity, String number, String phone, String idTail, long department) {
        IdTails.Sealed tail = IdTails.seal(cipher, "portaluni", idTail);
        return jdbc.sql("""
                        INSERT INTO school_portaluni.registrant (name, identity, number, phone_encrypted, phone_index,
                            phone_masked, id_tail_encrypted, id_tail_index, id_tail_masked, department_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(
                        name,
                        identity,
                        number,
                        cipher.encrypt("portaluni", Registrants.PHONE_FIELD, phone),
                        cipher.blindIndex(phone),
                        phone.substring(0, 3) + "****" + phone.substring(7),
                        tail.encrypted(),
                        tail.index(),
                        tail.masked(),
                        department)
                .query(Long.class)
                .single();
    }

    @Test
    void oauthLoginBindsTheOpenidAndTheNextVisitSignsInAtOnce() {
        String openid = "o-zhangsan-" + System.nanoTime();
        assertThat(get("/portal/" + SCHOOL + "/api/info", null)
                        .json()
                        .path("wechatLogin")
                        .asBoolean())
                .isTrue();

        // The OAuth round trip keeps a returnTo of this school's portal and drops any other.
        Reply callback = oauthCallback(SCHOOL, openid, "/portal/" + SCHOOL + "/gate/" + seed.eastGate() + "?s=abc");
        assertThat(query(callback.location()).get("returnTo"))
                .isEqualTo("/portal/" + SCHOOL + "/gate/" + seed.eastGate() + "?s=abc");
        assertThat(query(oauthCallback(SCHOOL, openid, "https://evil.example/").location())
                        .get("returnTo"))
                .isEqualTo("/portal/" + SCHOOL + "/");

        String ticket = query(callback.location()).get("ticket");
        Reply created = post("/portal/" + SCHOOL + "/api/auth/session", null, Map.of("ticket", ticket));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("bound").asBoolean()).isFalse();
        assertThat(created.json().path("profile").isNull()).isTrue();
        String session = created.json().path("token").asString();
        // A ticket is good once.
        assertThat(post("/portal/" + SCHOOL + "/api/auth/session", null, Map.of("ticket", ticket))
                        .code())
                .isEqualTo("LOGIN_TICKET_INVALID");

        assertThat(get("/portal/" + SCHOOL + "/api/me", null).code()).isEqualTo("PORTAL_SESSION_REQUIRED");
        assertThat(get("/portal/" + SCHOOL + "/api/me", session).code()).isEqualTo("PORTAL_LOGIN_REQUIRED");

        // Unknown number and wrong verifier: one answer, which says nothing about which part was wrong.
        Reply wrongVerifier = login(session, "STUDENT", "2026000001", "999999");
        Reply unknownNumber = login(session, "STUDENT", "2026009999", "12345X");
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.code()).isEqualTo("LOGIN_FAILED");
        assertThat(unknownNumber.body()).isEqualTo(wrongVerifier.body());
        assertThat(wrongVerifier.json().path("message").asString()).isEqualTo("信息不匹配");

        // The ID tail, with a lower-case x.
        Reply loggedIn = login(session, "STUDENT", "2026000001", "12345x");
        assertThat(loggedIn.status()).as(loggedIn.body()).isEqualTo(200);
        assertThat(loggedIn.json().path("profile").path("name").asString()).isEqualTo("张三");
        assertThat(login(session, "STUDENT", "2026000001", "12345X").code()).isEqualTo("ALREADY_SIGNED_IN");
        assertThat(jdbc.sql("SELECT wechat_openid FROM school_portaluni.registrant WHERE id = ?")
                        .param(seed.zhangsan())
                        .query(String.class)
                        .single())
                .isEqualTo(openid);

        // Next visit: the bound WeChat account is signed in at once (R1 "no need to log in again").
        String again = session(SCHOOL, openid);
        Reply me = get("/portal/" + SCHOOL + "/api/me", again);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("registrantId").asLong()).isEqualTo(seed.zhangsan());
        assertThat(me.json().path("identity").asString()).isEqualTo("STUDENT");
        assertThat(me.json().path("number").asString()).isEqualTo("2026000001");
        assertThat(me.json().path("departmentName").asString()).isEqualTo("计算机学院");
        assertThat(me.json().path("phone").asString()).isEqualTo("139****0001");

        // R4.4: only the gates this registrant may pass.
        JsonNode campuses =
                get("/portal/" + SCHOOL + "/api/me/access-rules", again).json().path("campuses");
        assertThat(names(campuses, "name")).containsExactly("主校区");
        assertThat(names(campuses.get(0).path("gates"), "name")).containsExactly("东门");

        // R3: a pass at the gate whose poster was scanned.
        Reply pass = post(
                "/portal/" + SCHOOL + "/api/passes",
                again,
                Map.of("gateId", seed.eastGate(), "signature", signature(seed.eastGate())));
        assertThat(pass.status()).as(pass.body()).isEqualTo(200);
        assertThat(pass.json().path("code").asString()).isNotBlank();
        assertThat(pass.json().path("qrPayload").asString()).startsWith("CP1:" + SCHOOL + ":");
        assertThat(pass.json().path("gate").path("name").asString()).isEqualTo("东门");
        assertThat(pass.json().path("person").path("name").asString()).isEqualTo("张三");
        Reply forged = post(
                "/portal/" + SCHOOL + "/api/passes",
                again,
                Map.of("gateId", seed.westGate(), "signature", signature(seed.eastGate())));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("GATE_LINK_INVALID");
        Reply noAccess = post(
                "/portal/" + SCHOOL + "/api/passes",
                again,
                Map.of("gateId", seed.westGate(), "signature", signature(seed.westGate())));
        assertThat(noAccess.status()).isEqualTo(403);
        assertThat(noAccess.code()).isEqualTo("NO_ACCESS");

        // Another WeChat account cannot take over a bound registrant.
        String intruder = session(SCHOOL, "o-intruder-" + System.nanoTime());
        Reply taken = login(intruder, "STUDENT", "2026000001", "13900000001");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("ALREADY_BOUND");

        // Signing out ends that session only; the binding stays.
        assertThat(delete("/portal/" + SCHOOL + "/api/auth/session", again).status())
                .isEqualTo(204);
        assertThat(get("/portal/" + SCHOOL + "/api/me", again).status()).isEqualTo(401);
        assertThat(get("/portal/" + SCHOOL + "/api/me", session).status()).isEqualTo(200);
    }

    @Test
    void aStateIsGoodOnceAndAForeignCallbackLandsOnAnErrorPage() {
        Reply authorize = get("/portal/" + SCHOOL + "/api/auth/wechat/authorize", null);
        String state = query(authorize.location()).get("state");
        Reply unknown = get("/portal/" + SCHOOL + "/api/auth/wechat/callback?code=x&state=made-up", null);
        assertThat(unknown.status()).isEqualTo(302);
        assertThat(unknown.location()).isEqualTo("/portal/" + SCHOOL + "/?error=OAUTH_STATE_INVALID");
        // A state of this school is not accepted by another school's callback (and is then used up).
        Reply foreign = get("/portal/" + OTHER + "/api/auth/wechat/callback?code=x&state=" + state, null);
        assertThat(foreign.location()).isEqualTo("/portal/" + OTHER + "/?error=OAUTH_STATE_INVALID");
        // A code WeChat never issued.
        String fresh = query(get("/portal/" + SCHOOL + "/api/auth/wechat/authorize", null)
                        .location())
                .get("state");
        Reply badCode = get("/portal/" + SCHOOL + "/api/auth/wechat/callback?code=forged&state=" + fresh, null);
        assertThat(badCode.location()).isEqualTo("/portal/" + SCHOOL + "/?error=WECHAT_OAUTH_FAILED");
    }

    @Test
    void aClosedIdentityIsRefused() {
        String admin = Tokens.school(SCHOOL, "admin", "PortalUni@2026");
        Http.Response closed = Http.put(
                url("/admin/api/school/settings"),
                admin,
                Map.of("openIdentities", List.of("STUDENT", "TEACHER", "THIRD_PARTY")));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        try {
            assertThat(get("/portal/" + SCHOOL + "/api/info", null)
                            .json()
                            .path("identities")
                            .size())
                    .isEqualTo(3);
            String session = session(SCHOOL, "o-lisi-" + System.nanoTime());
            Reply refused = login(session, "RESIDENT", "R0001", "13900000002");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("IDENTITY_CLOSED");
        } finally {
            Http.put(
                    url("/admin/api/school/settings"),
                    admin,
                    Map.of("openIdentities", List.of("STUDENT", "TEACHER", "THIRD_PARTY", "RESIDENT")));
        }
        String session = session(SCHOOL, "o-lisi-" + System.nanoTime());
        Reply welcome = login(session, "RESIDENT", "R0001", "+86 139-0000-0002");
        assertThat(welcome.status()).as(welcome.body()).isEqualTo(200);
        assertThat(welcome.json().path("profile").path("registrantId").asLong()).isEqualTo(seed.lisi());
    }

    @Test
    void guessingStopsAfterFiveFailures() {
        String session = session(SCHOOL, "o-guesser-" + System.nanoTime());
        for (int i = 0; i < 5; i++) {
            assertThat(login(session, "TEACHER", "T0001", "00000" + i).code()).isEqualTo("LOGIN_FAILED");
        }
        Reply blocked = login(session, "TEACHER", "T0001", "54321X");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.code()).isEqualTo("TOO_MANY_ATTEMPTS");
        // Still blocked from a new session of the same WeChat account.
        String another = session(SCHOOL, openidOf(session));
        assertThat(login(another, "TEACHER", "T0001", "54321X").code()).isEqualTo("TOO_MANY_ATTEMPTS");
    }

    /**
     * R1: the per-number limit (10 failures per 学号/工号 in the window, across WeChat accounts) stops guessing spread
     * over accounts that each stay under their own limit of 5; the right secret is then refused too.
     */
    @Test
    void guessingOneNumberFromManyWeChatAccountsStopsAtTheNumbersLimit() {
        long department = jdbc.sql("SELECT id FROM school_portaluni.department ORDER BY id LIMIT 1")
                .query(Long.class)
                .single();
        registrant("孙七", "TEACHER", "T0099", "13900000099", "77777X", department);
        int failures = 0;
        // Each WeChat account guesses from its own address, so neither the per-account limit nor the per-address
        // rate limit stops it: only the per-number limit can.
        for (int account = 0; failures < 10; account++) {
            clientAddress = randomAddress();
            String session = session(SCHOOL, "o-spread-" + account + "-" + System.nanoTime());
            for (int i = 0; i < 4 && failures < 10; i++, failures++) {
                assertThat(login(session, "TEACHER", "T0099", "00000" + i).code())
                        .as("failure %d", failures + 1)
                        .isEqualTo("LOGIN_FAILED");
            }
        }
        clientAddress = randomAddress();
        Reply blocked = login(session(SCHOOL, "o-spread-owner-" + System.nanoTime()), "TEACHER", "T0099", "77777X");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.code()).isEqualTo("TOO_MANY_ATTEMPTS");
    }

    @Test
    void aSessionOfAnotherSchoolIsRefused() {
        String session = session(SCHOOL, "o-roamer-" + System.nanoTime());
        assertThat(get("/portal/" + SCHOOL + "/api/me", session).code()).isEqualTo("PORTAL_LOGIN_REQUIRED");
        Reply elsewhere = get("/portal/" + OTHER + "/api/me", session);
        assertThat(elsewhere.status()).isEqualTo(401);
        assertThat(elsewhere.code()).isEqualTo("PORTAL_SESSION_REQUIRED");
        assertThat(post("/portal/" + OTHER + "/api/auth/login", session, loginBody("TEACHER", "T0002", "111111"))
                        .status())
                .isEqualTo(401);
        // A ticket of one school does not open a session at another.
        String ticket =
                query(oauthCallback(SCHOOL, "o-roamer-2", null).location()).get("ticket");
        assertThat(post("/portal/" + OTHER + "/api/auth/session", null, Map.of("ticket", ticket))
                        .code())
                .isEqualTo("LOGIN_TICKET_INVALID");
    }

    @Test
    void unbindingDropsEverySessionAndDisablingStopsThem() {
        String openid = "o-zhaoliu-" + System.nanoTime();
        String first = session(SCHOOL, openid);
        assertThat(login(first, "TEACHER", "T0002", "13900000004").status()).isEqualTo(200);
        String second = session(SCHOOL, openid);
        assertThat(get("/portal/" + SCHOOL + "/api/me", second).status()).isEqualTo(200);

        // The registrant module's event alone signs the registrant out everywhere.
        events.publishEvent(new RegistrantWeChatUnbound(SchoolCode.of(SCHOOL), seed.zhaoliu(), openid));
        assertThat(get("/portal/" + SCHOOL + "/api/me", first).code()).isEqualTo("PORTAL_SESSION_REQUIRED");
        assertThat(get("/portal/" + SCHOOL + "/api/me", second).code()).isEqualTo("PORTAL_SESSION_REQUIRED");

        // A session whose binding was removed without an event is refused on its next request too.
        String third = session(SCHOOL, openid);
        assertThat(get("/portal/" + SCHOOL + "/api/me", third).status()).isEqualTo(200);
        jdbc.sql("UPDATE school_portaluni.registrant SET wechat_openid = NULL WHERE id = ?")
                .param(seed.zhaoliu())
                .update();
        assertThat(get("/portal/" + SCHOOL + "/api/me", third).code()).isEqualTo("PORTAL_SESSION_REQUIRED");

        // Disabled: the session stays but serves nothing.
        String fourth = session(SCHOOL, openid);
        assertThat(login(fourth, "TEACHER", "T0002", "111111").status()).isEqualTo(200);
        jdbc.sql("UPDATE school_portaluni.registrant SET enabled = false WHERE id = ?")
                .param(seed.zhaoliu())
                .update();
        assertThat(get("/portal/" + SCHOOL + "/api/me", fourth).code()).isEqualTo("REGISTRANT_DISABLED");
        Reply pass = post(
                "/portal/" + SCHOOL + "/api/passes",
                fourth,
                Map.of("gateId", seed.eastGate(), "signature", signature(seed.eastGate())));
        assertThat(pass.status()).isEqualTo(403);
        assertThat(pass.code()).isEqualTo("REGISTRANT_DISABLED");
        // And the next WeChat visit is refused rather than signed in.
        String ticket = query(oauthCallback(SCHOOL, openid, null).location()).get("ticket");
        assertThat(post("/portal/" + SCHOOL + "/api/auth/session", null, Map.of("ticket", ticket))
                        .code())
                .isEqualTo("REGISTRANT_DISABLED");
    }

    // ---- WeChat OAuth through the simulator, redirects followed by hand -------------------------------------

    /** authorize → simulator (answers as {@code openid}) → our callback; the callback's reply. */
    private Reply oauthCallback(String school, String openid, String returnTo) {
        Reply authorize = get(
                "/portal/" + school + "/api/auth/wechat/authorize"
                        + (returnTo == null ? "" : "?returnTo=" + Http.enc(returnTo)),
                null);
        assertThat(authorize.status()).as(authorize.body()).isEqualTo(302);
        String weChatPage = authorize.location();
        assertThat(weChatPage).startsWith(LocalStack.shared().weChatApiBase() + "/connect/oauth2/authorize?");
        Reply simulator = send(HttpRequest.newBuilder(
                        URI.create(weChatPage.replace("#wechat_redirect", "") + "&sim_openid=" + Http.enc(openid)))
                .GET());
        assertThat(simulator.status()).isEqualTo(302);
        URI back = URI.create(simulator.location());
        assertThat(back.getPath()).isEqualTo("/portal/" + school + "/api/auth/wechat/callback");
        Reply callback = get(back.getRawPath() + "?" + back.getRawQuery(), null);
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.location()).startsWith("/portal/" + school + "/auth?ticket=");
        return callback;
    }

    private String session(String school, String openid) {
        String ticket = query(oauthCallback(school, openid, null).location()).get("ticket");
        Reply created = post("/portal/" + school + "/api/auth/session", null, Map.of("ticket", ticket));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        openids.put(created.json().path("token").asString(), openid);
        return created.json().path("token").asString();
    }

    private final Map<String, String> openids = new LinkedHashMap<>();

    private String openidOf(String session) {
        return openids.get(session);
    }

    private Reply login(String session, String identity, String number, String verifier) {
        return post("/portal/" + SCHOOL + "/api/auth/login", session, loginBody(identity, number, verifier));
    }

    private static Map<String, String> loginBody(String identity, String number, String verifier) {
        return Map.of("identity", identity, "number", number, "verifier", verifier);
    }

    private String signature(long gateId) {
        String link = SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> posters.entryLink(gateId));
        return query(link).get("s");
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private Reply get(String path, String session) {
        return send(request(path, session).GET());
    }

    private Reply post(String path, String session, Object body) {
        return send(request(path, session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body))));
    }

    private Reply delete(String path, String session) {
        return send(request(path, session).DELETE());
    }

    private HttpRequest.Builder request(String path, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", clientAddress);
        if (session != null) {
            b.header("X-Portal-Session", session);
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String url) {
        return Http.queryOf(url);
    }
}
