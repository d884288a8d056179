package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.localstack.WeChatSimulator;
import cn.campuspass.organization.GatePosters;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.wechat.session.PortalSessions;
import cn.campuspass.wechat.session.VisitorSessions;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Visitors on the real stack (V1–V4, R4.2, R4.3, R4.11): WeChat-only visitor sign-in kept apart from registrant
 * sessions, the profile, host search, bookings with the database's one-per-slot rule under many parallel requests,
 * overlap warnings, approve / reject / cancel, invitations confirmed by the visitor, a revoked host, the visitor pass
 * inside and outside its window, the verification's visitor access record and the notices in the simulator.
 */
class VisitorIT extends StackTest {

    private static final String SCHOOL = "visitoruni";
    private static final String SCHEMA = "school_visitoruni";
    private static final String PASSWORD = "VisitorUni@2026";
    private static final String GUARD_PASSWORD = "Guard@2026v";
    private static final String APP_ID = "wxvisitoruni0001";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    PortalSessions portalSessions;

    @Autowired
    GatePosters posters;

    @Autowired
    MutableClock clock;

    private static volatile long department;
    private static volatile long gate;

    private final WeChatSimulator simulator = LocalStack.shared().weChat();

    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String code() {
            return json().path("code").asString();
        }
    }

    @BeforeEach
    void school() {
        if (department == 0) {
            synchronized (VisitorIT.class) {
                if (department == 0) {
                    onboard(SCHOOL, "admin", "13300000197", PASSWORD, APP_ID);
                    String admin = admin();
                    long campus = fixtures().campus(admin, "主校区");
                    gate = fixtures().gate(admin, campus, "东门");
                    department = fixtures().department(admin, "外国语学院");
                    fixtures()
                            .staff(SCHOOL, "guard1", "13300000198", GUARD_PASSWORD, SeededRole.GATE_GUARD.realmRole());
                }
            }
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aVisitorSignsInWithWeChatAloneAndKeepsAProfile() {
        String openid = "o-visitor-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = visitorSession(openid);
        Reply profile = visitorGet("/profile", visitor);
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().path("complete").asBoolean()).isFalse();

        // Registrant and visitor sessions never stand in for each other.
        assertThat(visitorGet("/profile", null).code()).isEqualTo("VISITOR_NOT_SIGNED_IN");
        Reply asRegistrant = send(request("/portal/" + SCHOOL + "/api/visitor/profile", PortalSessions.HEADER, visitor)
                .GET());
        assertThat(asRegistrant.status()).isEqualTo(401);
        Reply registrantEndpoint = send(request("/portal/" + SCHOOL + "/api/me", VisitorSessions.HEADER, visitor)
                .GET());
        assertThat(registrantEndpoint.code()).isEqualTo("PORTAL_SESSION_REQUIRED");

        Reply bad = visitorPut("/profile", visitor, Map.of("phone", "12345", "idNumber", "110105194912310021"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VISITOR_INVALID");
        assertThat(bad.json().path("fields").findValuesAsString("field")).contains("phone", "idNumber");

        Reply saved = visitorPut(
                "/profile", visitor, Map.of("name", "王访客", "phone", "138 0013 8000", "idNumber", "11010519491231002x"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("phoneMasked").asString()).isEqualTo("138****8000");
        assertThat(saved.json().path("idNumberMasked").asString()).isEqualTo("1101**********002X");
        assertThat(saved.json().path("complete").asBoolean()).isTrue();
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT phone_encrypted, id_number_encrypted FROM " + SCHEMA + ".visitor WHERE wechat_openid = ?",
                openid);
        assertThat((String) row.get("phone_encrypted")).startsWith("v2:").doesNotContain("13800138000");
        assertThat((String) row.get("id_number_encrypted")).startsWith("v2:");

        // Signing in again is the same visitor.
        String again = visitorSession(openid);
        assertThat(visitorGet("/profile", again).json().path("name").asString()).isEqualTo("王访客");
    }

    @Test
    void bookingRulesHoldUnderParallelRequestsAndTheHostDecides() throws Exception {
        Host host = host("李老师");
        Host unauthorized = host("赵老师");
        jdbc.update("UPDATE " + SCHEMA + ".registrant SET visitor_authorized = false WHERE id = ?", unauthorized.id);
        String openid = "o-booker-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = visitorSession(openid);
        LocalDate day = LocalDate.now(SchoolTime.ZONE).plusDays(3);

        // Host search: only authorized teachers, by name or department; phones masked.
        JsonNode hosts = visitorGet("/hosts?q=" + Http.enc("外国语"), visitor).json();
        assertThat(hosts.findValuesAsString("name")).contains(host.name).doesNotContain(unauthorized.name);
        assertThat(visitorGet("/hosts?q=" + Http.enc(host.name), visitor)
                        .json()
                        .get(0)
                        .path("phoneMasked")
                        .asString())
                .contains("****");

        // A first booking needs the details and the pledge.
        Map<String, Object> booking = booking(host.id, day, "MORNING");
        assertThat(visitorPost("/bookings", visitor, booking).code()).isEqualTo("VISITOR_DETAILS_REQUIRED");
        Map<String, Object> noPledge = new HashMap<>(booking);
        noPledge.put("pledgeAccepted", false);
        assertThat(visitorPost("/bookings", visitor, noPledge).code()).isEqualTo("BOOKING_PLEDGE_REQUIRED");
        assertThat(visitorPost("/bookings", visitor, booking(unauthorized.id, day, "MORNING"))
                        .code())
                .isIn("BOOKING_HOST_NOT_AUTHORIZED", "VISITOR_DETAILS_REQUIRED");
        Map<String, Object> first = new HashMap<>(booking);
        first.put("details", Map.of("name", "陈访客", "phone", "13700137000", "idNumber", "11010519491231002X"));
        Reply created = visitorPost("/bookings", visitor, first);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long morning = created.json().path("booking").path("id").asLong();
        assertThat(created.json().path("booking").path("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(created.json().path("warnings").size()).isZero();
        assertThat(visitorPost("/bookings", visitor, booking(unauthorized.id, day, "EVENING"))
                        .code())
                .isEqualTo("BOOKING_HOST_NOT_AUTHORIZED");
        // The host is told of the request.
        await(() -> !simulator.messages(host.openid).isEmpty(), "the request notice");
        assertThat(simulator.messages(host.openid).get(0).templateId()).isEqualTo("tpl-visitor-request");

        // Many parallel requests for the next day: never more than one per slot, so never more than three.
        LocalDate busy = day.plusDays(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Reply>> replies = new ArrayList<>();
        String[] slots = {"MORNING", "AFTERNOON", "EVENING"};
        for (int i = 0; i < 36; i++) {
            String slot = slots[i % 3];
            replies.add(pool.submit(
                    (Callable<Reply>) () -> visitorPost("/bookings", visitor, booking(host.id, busy, slot))));
        }
        int createdCount = 0;
        for (Future<Reply> f : replies) {
            Reply r = f.get();
            if (r.status() == 201) {
                createdCount++;
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.code()).isEqualTo("BOOKING_SLOT_TAKEN");
            }
        }
        pool.shutdown();
        assertThat(createdCount).isEqualTo(3);
        assertThat(jdbc.queryForList(
                        "SELECT slot FROM " + SCHEMA + ".visitor_booking b JOIN " + SCHEMA
                                + ".visitor v ON v.id = b.visitor_id WHERE v.wechat_openid = ? AND visit_date = ?",
                        String.class,
                        openid,
                        busy))
                .containsExactlyInAnyOrder(slots);

        // 我发起的.
        JsonNode mine = visitorGet("/bookings", visitor).json();
        assertThat(mine.size()).isEqualTo(4);
        assertThat(mine.findValuesAsString("hostName")).containsOnly(host.name);

        // The host: 我收到的, reject needs a reason, approve once; the visitor hears of it once.
        String hostSession = portalSessions
                .create(SchoolCode.of(SCHOOL), host.openid, host.id)
                .token();
        assertThat(hostGet("/received", hostSession).json().size()).isEqualTo(4);
        assertThat(hostPost("/bookings/" + morning + "/reject", hostSession, Map.of("reason", " "))
                        .status())
                .isEqualTo(400);
        Reply approved = hostPost("/bookings/" + morning + "/approve", hostSession, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(hostPost("/bookings/" + morning + "/approve", hostSession, null)
                        .code())
                .isEqualTo("BOOKING_STATE_CONFLICT");
        long toReject = mine.get(0).path("id").asLong() == morning
                ? mine.get(1).path("id").asLong()
                : mine.get(0).path("id").asLong();
        Reply rejected = hostPost("/bookings/" + toReject + "/reject", hostSession, Map.of("reason", "当天出差"));
        assertThat(rejected.json().path("rejectReason").asString()).isEqualTo("当天出差");
        await(() -> simulator.messages(openid).size() == 2, "the two decision notices");
        assertThat(simulator.messages(openid)).allMatch(m -> m.templateId().equals("tpl-visitor-decided"));

        // Another teacher cannot see or decide this booking.
        Host other = host("周老师");
        String otherSession = portalSessions
                .create(SchoolCode.of(SCHOOL), other.openid, other.id)
                .token();
        assertThat(hostPost("/bookings/" + morning + "/approve", otherSession, null)
                        .code())
                .isEqualTo("BOOKING_NOT_FOUND");

        // Cancel: the visitor's own booking; twice is a conflict; a cancelled slot is free again.
        long toCancel = mine.findValues("id").stream()
                .mapToLong(JsonNode::asLong)
                .filter(id -> id != morning && id != toReject)
                .findFirst()
                .orElseThrow();
        assertThat(visitorPost("/bookings/" + toCancel + "/cancel", visitor, null)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("CANCELLED");
        assertThat(visitorPost("/bookings/" + toCancel + "/cancel", visitor, null)
                        .code())
                .isEqualTo("BOOKING_STATE_CONFLICT");

        // Revoking the host's authorization: no longer found, no new requests.
        assertThat(Http.delete(url("/admin/api/registrants/" + host.id + "/visitor-authorization"), admin())
                        .status())
                .isEqualTo(200);
        assertThat(visitorGet("/hosts?q=" + Http.enc(host.name), visitor).json().size())
                .isZero();
        assertThat(visitorPost("/bookings", visitor, booking(host.id, day, "AFTERNOON"))
                        .code())
                .isEqualTo("BOOKING_HOST_NOT_AUTHORIZED");
        assertThat(hostGet("/received", hostSession).code()).isEqualTo("BOOKING_HOST_NOT_AUTHORIZED");

        // Bad input is a 4xx with a code.
        assertThat(visitorPost("/bookings", visitor, Map.of("hostId", "x")).status())
                .isEqualTo(400);
        assertThat(visitorPost("/bookings", visitor, booking(other.id, day.minusDays(10), "MORNING"))
                        .code())
                .isEqualTo("BOOKING_DATE_INVALID");
        Map<String, Object> car = booking(other.id, day.plusDays(2), "MORNING");
        car.put("travel", Map.of("transport", "CAR", "plate", "not a plate"));
        assertThat(visitorPost("/bookings", visitor, car).code()).isEqualTo("BOOKING_INVALID");
    }

    @Test
    void anInvitationTakesEffectWhenTheVisitorConfirmsAndThePassOpensInItsWindow() {
        Host host = host("孙老师");
        String hostSession = portalSessions
                .create(SchoolCode.of(SCHOOL), host.openid, host.id)
                .token();
        assertThat(hostGet("/host", hostSession).json().path("authorized").asBoolean())
                .isTrue();
        LocalDate day = LocalDate.now(SchoolTime.ZONE).plusDays(5);
        String phone = "1361234" + String.format("%04d", (int) (Math.random() * 10000));

        // Two invitations for one slot are allowed; neither holds the slot yet.
        Map<String, Object> invitation = Map.of(
                "date",
                day.toString(),
                "slot",
                "MORNING",
                "reason",
                "学术交流",
                "visitorPhone",
                phone,
                "visitorName",
                "吴来宾");
        Reply sent = hostPost("/invitations", hostSession, invitation);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long invited = sent.json().path("booking").path("id").asLong();
        assertThat(sent.json().path("booking").path("status").asString()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(hostPost("/invitations", hostSession, invitation).status()).isEqualTo(201);
        assertThat(hostPost("/invitations", hostSession, Map.of("date", day.toString()))
                        .status())
                .isEqualTo(400);

        // The invited person signs in, completes their phone and sees the invitations.
        String openid = "o-guest-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = visitorSession(openid);
        assertThat(visitorGet("/invitations", visitor).json().size()).isZero();
        visitorPut("/profile", visitor, Map.of("name", "吴来宾", "phone", phone));
        JsonNode invitations = visitorGet("/invitations", visitor).json();
        assertThat(invitations.size()).isEqualTo(2);
        assertThat(invitations.get(0).path("hostName").asString()).isEqualTo(host.name);

        Map<String, Object> confirm = new HashMap<>();
        confirm.put("pledgeAccepted", false);
        assertThat(visitorPost("/invitations/" + invited + "/confirm", visitor, confirm)
                        .code())
                .isEqualTo("BOOKING_PLEDGE_REQUIRED");
        confirm.put("pledgeAccepted", true);
        assertThat(visitorPost("/invitations/" + invited + "/confirm", visitor, confirm)
                        .code())
                .isEqualTo("VISITOR_DETAILS_REQUIRED");
        confirm.put("details", Map.of("idNumber", "11010519491231002X"));
        confirm.put(
                "travel",
                Map.of(
                        "transport",
                        "CAR",
                        "plate",
                        "京A12345",
                        "companionCount",
                        1,
                        "companions",
                        List.of(Map.of("name", "随行甲"))));
        Reply confirmed = visitorPost("/invitations/" + invited + "/confirm", visitor, confirm);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("booking").path("status").asString()).isEqualTo("APPROVED");
        assertThat(confirmed.json().path("booking").path("plate").asString()).isEqualTo("京A12345");
        await(
                () -> simulator.messages(host.openid).stream()
                        .anyMatch(m -> m.templateId().equals("tpl-invitation-confirmed")),
                "the confirmation notice");

        // The second invitation for the same slot overlaps and cannot take effect too.
        long second = invitations.findValues("id").stream()
                .mapToLong(JsonNode::asLong)
                .filter(id -> id != invited)
                .findFirst()
                .orElseThrow();
        assertThat(visitorPost("/invitations/" + second + "/confirm", visitor, confirm)
                        .code())
                .isEqualTo("BOOKING_SLOT_TAKEN");
        // A new invitation into that slot is sent with the overlap warning.
        Reply overlapping = hostPost("/invitations", hostSession, invitation);
        assertThat(overlapping.json().path("warnings").findValuesAsString("code"))
                .containsExactly("BOOKING_OVERLAP");

        // Outside the window the visitor learns when the pass opens.
        String signature = signature(gate);
        String guard = Tokens.school(SCHOOL, "13300000198", GUARD_PASSWORD);
        clock.set(day.atTime(LocalTime.of(7, 0)).atZone(SchoolTime.ZONE).toInstant());
        Reply early = visitorPost("/passes", visitor, Map.of("gateId", gate, "signature", signature));
        assertThat(early.status()).as(early.body()).isEqualTo(200);
        assertThat(early.json().path("open").asBoolean()).isFalse();
        assertThat(early.json().path("opensAt").asString())
                .isEqualTo(day.atTime(8, 0).atZone(SchoolTime.ZONE).toInstant().toString());

        // Inside it a dynamic pass opens; the device/guard verification writes a visitor access record once.
        clock.set(day.atTime(LocalTime.of(9, 30)).atZone(SchoolTime.ZONE).toInstant());
        assertThat(visitorPost("/passes", visitor, Map.of("gateId", gate, "signature", "bad"))
                        .status())
                .isIn(400, 404);
        Reply pass = visitorPost("/passes", visitor, Map.of("gateId", gate, "signature", signature));
        assertThat(pass.json().path("open").asBoolean()).as(pass.body()).isTrue();
        String code = pass.json().path("pass").path("code").asString();
        Http.Response verified =
                Http.post(url("/admin/api/pass-verifications"), guard, Map.of("code", code, "gateId", gate));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("allowed").asBoolean()).isTrue();
        assertThat(verified.json().path("visitor").path("name").asString()).isEqualTo("吴来宾");
        Http.Response replay =
                Http.post(url("/admin/api/pass-verifications"), guard, Map.of("code", code, "gateId", gate));
        assertThat(replay.json().path("reason").asString()).isEqualTo("PASS_UNKNOWN");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM " + SCHEMA + ".visitor_access_record WHERE booking_id = ? AND allowed",
                        Long.class,
                        invited))
                .isEqualTo(1L);
        assertThat(jdbc.queryForObject(
                        "SELECT status FROM " + SCHEMA + ".visitor_booking WHERE id = ?", String.class, invited))
                .isEqualTo("VISITED");
        await(
                () -> simulator.messages(host.openid).stream()
                        .anyMatch(m -> m.templateId().equals("tpl-visitor-arrived")),
                "the arrival notice");
        // A second pass in the same visit is recorded but tells the host nothing new.
        String again = visitorPost("/passes", visitor, Map.of("gateId", gate, "signature", signature))
                .json()
                .path("pass")
                .path("code")
                .asString();
        assertThat(Http.post(url("/admin/api/pass-verifications"), guard, Map.of("code", again, "gateId", gate))
                        .json()
                        .path("allowed")
                        .asBoolean())
                .isTrue();
        sleep(500);
        assertThat(simulator.messages(host.openid).stream()
                        .filter(m -> m.templateId().equals("tpl-visitor-arrived"))
                        .count())
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Host(long id, String name, String openid) {}

    private Host host(String name) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String fullName = name + suffix.substring(0, 3);
        long id = fixtures()
                .registrant(
                        SCHOOL,
                        fullName,
                        "TEACHER",
                        "T" + suffix,
                        "139" + String.format("%08d", Math.abs(suffix.hashCode()) % 100_000_000),
                        null,
                        department);
        String openid = "o-host-" + suffix;
        jdbc.update(
                "UPDATE " + SCHEMA + ".registrant SET wechat_openid = ?, visitor_authorized = true WHERE id = ?",
                openid,
                id);
        return new Host(id, fullName, openid);
    }

    private static Map<String, Object> booking(long hostId, LocalDate day, String slot) {
        Map<String, Object> body = new HashMap<>();
        body.put("hostId", hostId);
        body.put("date", day.toString());
        body.put("slot", slot);
        body.put("reason", "商务洽谈");
        body.put("travel", Map.of("transport", "WALK"));
        body.put("pledgeAccepted", true);
        return body;
    }

    private SchoolFixtures fixtures() {
        return new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
    }

    private String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private String signature(long gateId) {
        String link = SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> posters.entryLink(gateId));
        return URI.create(link).getQuery().replaceAll(".*s=", "");
    }

    /** WeChat sign-in through the simulator, then the visitor session (no identity login). */
    private String visitorSession(String openid) {
        String authorize = location(url("/portal/" + SCHOOL + "/api/auth/wechat/authorize?returnTo="
                + Http.enc("/portal/" + SCHOOL + "/visitor")));
        String simulated = location(authorize.replace("#wechat_redirect", "") + "&sim_openid=" + Http.enc(openid));
        URI back = URI.create(simulated);
        String callback = location(url(back.getRawPath() + "?" + back.getRawQuery()));
        String ticket = null;
        for (String pair : URI.create(callback).getRawQuery().split("&")) {
            if (pair.startsWith("ticket=")) {
                ticket = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
        }
        Reply session = send(HttpRequest.newBuilder(URI.create(url("/portal/" + SCHOOL + "/api/auth/visitor-session")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("ticket", ticket)))));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        return session.json().path("token").asString();
    }

    private String location(String target) {
        Reply r = send(HttpRequest.newBuilder(URI.create(target))
                .header("X-Forwarded-For", "10.9.0." + (1 + (int) (Math.random() * 250)))
                .GET());
        assertThat(r.status()).as(target + " " + r.body()).isEqualTo(302);
        return lastLocation;
    }

    private volatile String lastLocation;

    private Reply visitorGet(String path, String session) {
        return send(request("/portal/" + SCHOOL + "/api/visitor" + path, VisitorSessions.HEADER, session)
                .GET());
    }

    private Reply visitorPost(String path, String session, Object body) {
        return send(request("/portal/" + SCHOOL + "/api/visitor" + path, VisitorSessions.HEADER, session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : Http.toJson(body))));
    }

    private Reply visitorPut(String path, String session, Object body) {
        return send(request("/portal/" + SCHOOL + "/api/visitor" + path, VisitorSessions.HEADER, session)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Http.toJson(body))));
    }

    private Reply hostGet(String path, String session) {
        return send(request("/portal/" + SCHOOL + "/api/visitors" + path, PortalSessions.HEADER, session)
                .GET());
    }

    private Reply hostPost(String path, String session, Object body) {
        return send(request("/portal/" + SCHOOL + "/api/visitors" + path, PortalSessions.HEADER, session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : Http.toJson(body))));
    }

    private HttpRequest.Builder request(String path, String header, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (session != null) {
            b.header(header, session);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("Location").ifPresent(l -> lastLocation = l);
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            sleep(50);
        }
    }
}
