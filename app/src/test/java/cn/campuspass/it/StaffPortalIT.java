package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.BrowserLogin;
import cn.campuspass.localstack.LocalStack;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.KeycloakProperties;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffDirectorySync;
import cn.campuspass.tenant.role.StaffRoleGrants;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The staff portal's API on the real stack (S1, S2, S4.1): the workbench counts the school's registered students,
 * teachers, third-party people, motor vehicles, e-bikes and today's tickets for the whole school, and only their
 * departments' for a department administrator; a guard without the permission is refused; 本人所开 lists only the
 * caller's tickets; a new ticket's target is found by plate; a staff member binds a phone by the SMS code sent to it
 * (a wrong code and another account's phone refused) and their WeChat through the school's WeChat OAuth, which the
 * console's 解绑微信 removes again.
 */
class StaffPortalIT extends StackTest {

    static final String SCHOOL = "staffuni";
    static final String PASSWORD = "StaffUni@2026x";
    static final String APP_ID = "wxstaffportal001";
    static final String OFFICER = "officer";
    static final String OFFICER_PASSWORD = "Officer@2026x";
    static final String OFFICER_PHONE = "13300000121";
    private static final Pattern CODE = Pattern.compile("(\\d{6})");
    private static final HttpClient NO_REDIRECTS =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    @Autowired
    StaffRoleGrants grants;

    @Autowired
    StaffDirectorySync directorySync;

    @Autowired
    StringRedisTemplate redis;

    SchoolFixtures fixtures;

    record Seed(long deptA, long deptB, long studentA, long teacherB, long itemId, long ticketOfA, long ticketOfB) {}

    private static volatile Seed seed;

    @BeforeEach
    void school() throws Exception {
        fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        if (seed != null) {
            return;
        }
        synchronized (StaffPortalIT.class) {
            if (seed != null) {
                return;
            }
            onboard(SCHOOL, "admin", "13300000120", PASSWORD, APP_ID);
            String admin = admin();
            long deptA = fixtures.department(admin, "土木工程学院");
            long deptB = fixtures.department(admin, "音乐学院");
            long studentA = fixtures.registrant(SCHOOL, "吴同学", "STUDENT", "2026400001", "13940000001", "11111X", deptA);
            fixtures.registrant(SCHOOL, "郑同学", "STUDENT", "2026400002", "13940000002", "22222X", deptA);
            fixtures.registrant(SCHOOL, "冯师傅", "THIRD_PARTY", "W400003", "13940000003", "33333X", deptA);
            long teacherB = fixtures.registrant(SCHOOL, "陈老师", "TEACHER", "T400004", "13940000004", "44444X", deptB);
            Http.Response car = Http.post(
                    url("/admin/api/vehicles"), admin, VehicleIT.vehicle("MOTOR", "苏A12345", "吴同学", "SELF", studentA));
            assertThat(car.status()).as(car.body()).isEqualTo(201);
            // A console e-bike needs its validity: long-term here.
            Map<String, Object> ebike = VehicleIT.vehicle("EBIKE", "苏州a0001", "陈老师", "SELF", teacherB);
            ebike.put("longTerm", true);
            Http.Response bike = Http.post(url("/admin/api/vehicles"), admin, ebike);
            assertThat(bike.status()).as(bike.body()).isEqualTo(201);
            Http.Response item = Http.post(
                    url("/admin/api/ticket-items"), admin, Map.of("name", "违规停车", "points", 2, "description", "违规停车"));
            assertThat(item.status()).as(item.body()).isEqualTo(201);
            long itemId = item.json().path("id").asLong();
            long ofA = issue(admin, Map.of("plate", "苏A12345", "itemId", itemId))
                    .json()
                    .path("id")
                    .asLong();
            long ofB = issue(admin, Map.of("registrantId", teacherB, "itemId", itemId))
                    .json()
                    .path("id")
                    .asLong();
            fixtures.staff(SCHOOL, OFFICER, OFFICER_PHONE, OFFICER_PASSWORD, SeededRole.SECURITY_OFFICER.realmRole());
            seed = new Seed(deptA, deptB, studentA, teacherB, itemId, ofA, ofB);
        }
    }

    String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    String officer() {
        return Tokens.school(SCHOOL, OFFICER, OFFICER_PASSWORD);
    }

    private Http.Response issue(String token, Map<String, Object> ticket) throws Exception {
        Http.Response r = Http.postMultipart(
                url("/admin/api/tickets"),
                token,
                "ticket",
                ticket,
                List.of(
                        new Http.FilePart("front", "f.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.RED)),
                        new Http.FilePart("side", "s.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.GREEN)),
                        new Http.FilePart("back", "b.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.BLUE))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    private long ticketsToday() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM " + SchoolCode.of(SCHOOL).schemaName()
                        + ".ticket WHERE (issued_at AT TIME ZONE 'Asia/Shanghai')::date"
                        + " = (now() AT TIME ZONE 'Asia/Shanghai')::date",
                Long.class);
    }

    @Test
    void theWorkbenchCountsTheSchoolForItsOfficersAndTheirDepartmentsForADepartmentAdmin() {
        JsonNode school = Http.get(url("/admin/api/workbench"), officer()).json();
        assertThat(school.path("students").asLong()).isEqualTo(2);
        assertThat(school.path("teachers").asLong()).isEqualTo(1);
        assertThat(school.path("thirdParty").asLong()).isEqualTo(1);
        assertThat(school.path("motorVehicles").asLong()).isEqualTo(1);
        assertThat(school.path("ebikes").asLong()).isEqualTo(1);
        assertThat(school.path("ticketsToday").asLong())
                .isEqualTo(ticketsToday())
                .isGreaterThanOrEqualTo(2);

        fixtures.staff(SCHOOL, "wdept", "13300000122", "WDept@2026x", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String dept = Tokens.school(SCHOOL, "wdept", "WDept@2026x");
        String schema = SchoolCode.of(SCHOOL).schemaName();
        String user = VehicleIT.subject(dept);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user (id, username) VALUES (?, 'wdept') ON CONFLICT DO NOTHING",
                user);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user_department (user_id, department_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                user,
                seed.deptA());
        grants.invalidate(SchoolCode.of(SCHOOL));
        JsonNode mine = Http.get(url("/admin/api/workbench"), dept).json();
        assertThat(mine.path("students").asLong()).isEqualTo(2);
        assertThat(mine.path("teachers").asLong()).isZero();
        assertThat(mine.path("thirdParty").asLong()).isEqualTo(1);
        assertThat(mine.path("motorVehicles").asLong()).isEqualTo(1);
        assertThat(mine.path("ebikes").asLong()).isZero();
        assertThat(mine.path("ticketsToday").asLong())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT count(*) FROM " + schema + ".ticket WHERE department_id = ?"
                                + " AND (issued_at AT TIME ZONE 'Asia/Shanghai')::date"
                                + " = (now() AT TIME ZONE 'Asia/Shanghai')::date",
                        Long.class,
                        seed.deptA()));

        fixtures.staff(SCHOOL, "wguard", "13300000123", "WGuard@2026x", SeededRole.GATE_GUARD.realmRole());
        Http.Response guard = Http.get(url("/admin/api/workbench"), Tokens.school(SCHOOL, "wguard", "WGuard@2026x"));
        assertThat(guard.status()).isEqualTo(403);
    }

    @Test
    void anOfficerFindsTheTargetByPlateIssuesAndListsOnlyTheirOwnTicketsWithMine() throws Exception {
        String officer = officer();
        JsonNode found = Http.get(url("/admin/api/tickets/targets?q=" + Http.enc("苏A12345")), officer)
                .json();
        assertThat(found.size()).isGreaterThanOrEqualTo(1);
        assertThat(found.get(0).path("registrantId").asLong()).isEqualTo(seed.studentA());
        assertThat(found.get(0).path("plate").asString()).isEqualTo("苏A12345");
        assertThat(found.get(0).path("phoneMasked").asString()).contains("****");
        assertThat(Http.get(url("/admin/api/tickets/targets?q="), officer).status())
                .isEqualTo(400);

        long own = issue(officer, Map.of("plate", "苏A12345", "registrantId", seed.studentA(), "itemId", seed.itemId()))
                .json()
                .path("id")
                .asLong();
        List<Long> ids = VehicleIT.ids(Http.get(url("/admin/api/tickets?mine=true&size=100"), officer));
        assertThat(ids).contains(own).doesNotContain(seed.ticketOfA(), seed.ticketOfB());
        assertThat(VehicleIT.ids(Http.get(url("/admin/api/tickets?size=100"), officer)))
                .contains(own, seed.ticketOfA(), seed.ticketOfB());
    }

    @Test
    void anOfficerFindsTodaysVisitorByPlateOrNameAndTicketsThem() throws Exception {
        String schema = SchoolCode.of(SCHOOL).schemaName();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        long visitor = jdbc.queryForObject(
                "INSERT INTO " + schema + ".visitor (wechat_openid, name, phone_masked) VALUES ('o-ticket-褚', '褚访客',"
                        + " '137****7001') RETURNING id",
                Long.class);
        long elsewhere = jdbc.queryForObject(
                "INSERT INTO " + schema + ".visitor (wechat_openid, name, phone_masked) VALUES ('o-ticket-卫', '卫访客',"
                        + " '137****7002') RETURNING id",
                Long.class);
        // 褚 is here today by car; 卫 comes tomorrow, and cancelled today's visit: neither is a target today.
        booking(schema, visitor, "褚访客", today, "APPROVED", "苏E88888");
        booking(schema, elsewhere, "卫访客", today.plusDays(1), "APPROVED", "苏E77777");
        booking(schema, elsewhere, "卫访客", today, "CANCELLED", "苏E77777");

        String officer = officer();
        JsonNode byPlate = Http.get(url("/admin/api/tickets/targets?q=" + Http.enc("苏e88888")), officer)
                .json();
        assertThat(byPlate.size()).isEqualTo(1);
        assertThat(byPlate.get(0).path("kind").asString()).isEqualTo("VISITOR");
        assertThat(byPlate.get(0).path("visitorId").asLong()).isEqualTo(visitor);
        assertThat(byPlate.get(0).path("registrantId").isNull()).isTrue();
        assertThat(byPlate.get(0).path("name").asString()).isEqualTo("褚访客");
        assertThat(byPlate.get(0).path("plate").asString()).isEqualTo("苏E88888");
        assertThat(byPlate.get(0).path("hostName").asString()).isEqualTo("陈老师");
        assertThat(byPlate.get(0).path("phoneMasked").asString()).isEqualTo("137****7001");
        JsonNode byName = Http.get(url("/admin/api/tickets/targets?q=" + Http.enc("访客")), officer)
                .json();
        assertThat(byName.findValuesAsString("name")).containsExactly("褚访客");
        assertThat(Http.get(url("/admin/api/tickets/targets?q=" + Http.enc("苏E77777")), officer)
                        .json()
                        .size())
                .isZero();
        // Registrants still come first and carry their kind.
        JsonNode registrant = Http.get(url("/admin/api/tickets/targets?q=" + Http.enc("苏A12345")), officer)
                .json();
        assertThat(registrant.get(0).path("kind").asString()).isEqualTo("REGISTRANT");

        JsonNode ticket = issue(officer, Map.of("plate", "苏E88888", "visitorId", visitor, "itemId", seed.itemId()))
                .json();
        assertThat(ticket.path("target").asString()).isEqualTo("VISITOR");
        assertThat(ticket.path("visitorId").asLong()).isEqualTo(visitor);
        assertThat(ticket.path("targetName").asString()).isEqualTo("褚访客");
        assertThat(ticket.path("plate").asString()).isEqualTo("苏E88888");
    }

    private void booking(String schema, long visitor, String name, LocalDate day, String status, String plate) {
        jdbc.update(
                "INSERT INTO " + schema + ".visitor_booking (kind, visitor_id, host_id, host_name, visit_date, slot,"
                        + " reason, status, visitor_name, visitor_phone_masked, transport, plate, created_by)"
                        + " VALUES ('VISITOR_REQUEST', ?, ?, '陈老师', ?, 'MORNING', '商务洽谈', ?, ?, '137****7001',"
                        + " 'CAR', ?, 'visitor')",
                visitor,
                seed.teacherB(),
                day,
                status,
                name,
                plate);
    }

    @Test
    void aStaffMemberBindsAPhoneByTheCodeSentToItAndAWrongCodeOrATakenPhoneIsRefused() {
        String officer = officer();
        String phone = "13900000125";
        Http.Response sent = Http.post(url("/admin/api/staff-portal/phone/code"), officer, Map.of("phone", phone));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("phoneMasked").asString()).isEqualTo("139****0125");
        String code = codeIn(latestSms(phone));
        String wrong = code.equals("000000") ? "111111" : "000000";
        Http.Response refused =
                Http.put(url("/admin/api/staff-portal/phone"), officer, Map.of("phone", phone, "code", wrong));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("SMS_CODE_INVALID");
        assertThat(realmUser(OFFICER).getAttributes().get("phone")).containsExactly(OFFICER_PHONE);

        Http.Response bound =
                Http.put(url("/admin/api/staff-portal/phone"), officer, Map.of("phone", phone, "code", code));
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertThat(bound.json().path("phoneMasked").asString()).isEqualTo("139****0125");
        assertThat(realmUser(OFFICER).getAttributes().get("phone")).containsExactly(phone);
        // The bound phone is a login name now.
        assertThat(Tokens.school(SCHOOL, phone, OFFICER_PASSWORD)).isNotBlank();

        // The admin's phone belongs to another account of the school: the code arrives, the binding is refused.
        assertThat(Http.post(url("/admin/api/staff-portal/phone/code"), officer, Map.of("phone", "13300000120"))
                        .status())
                .isEqualTo(200);
        Http.Response taken = Http.put(
                url("/admin/api/staff-portal/phone"),
                officer,
                Map.of("phone", "13300000120", "code", codeIn(latestSms("13300000120"))));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("PHONE_TAKEN");
        assertThat(Http.post(url("/admin/api/staff-portal/phone/code"), officer, Map.of("phone", "123"))
                        .code())
                .isEqualTo("NEW_PHONE_INVALID");
    }

    @Test
    void aStaffMemberBindsTheirWeChatThroughTheSchoolsOAuthAndTheConsoleUnbindsIt() throws Exception {
        String officer = officer();
        String openid = "o-staff-officer-" + System.nanoTime();
        String ticket = oauthTicket(openid, "/portal/" + SCHOOL + "/staff/wechat");
        Http.Response bound = Http.post(url("/admin/api/staff-portal/wechat"), officer, Map.of("ticket", ticket));
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertThat(bound.json().path("weChatBound").asBoolean()).isTrue();
        assertThat(realmUser(OFFICER).getAttributes().get("wechatOpenid")).containsExactly(openid);
        // A ticket works once.
        assertThat(Http.post(url("/admin/api/staff-portal/wechat"), officer, Map.of("ticket", ticket))
                        .code())
                .isEqualTo("LOGIN_TICKET_INVALID");
        // The same WeChat cannot be bound to a second account of the school.
        Http.Response taken =
                Http.post(url("/admin/api/staff-portal/wechat"), admin(), Map.of("ticket", oauthTicket(openid, null)));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("STAFF_PORTAL_WECHAT_TAKEN");

        String admin = admin();
        JsonNode listed =
                Http.get(url("/admin/api/users?text=" + OFFICER), admin).json().path("items");
        JsonNode row = null;
        for (JsonNode u : listed) {
            if (OFFICER.equals(u.path("username").asString())) {
                row = u;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("weChatBound").asBoolean()).isTrue();

        Http.Response unbound =
                Http.post(url("/admin/api/users/" + row.path("id").asString() + "/unbind-wechat"), admin, Map.of());
        assertThat(unbound.status()).as(unbound.body()).isEqualTo(200);
        assertThat(unbound.body()).contains("attribute:wechatOpenid");
        assertThat(realmUser(OFFICER).getAttributes()).doesNotContainKey("wechatOpenid");
        assertThat(Http.get(url("/admin/api/staff-portal/bindings"), officer)
                        .json()
                        .path("weChatBound")
                        .asBoolean())
                .isFalse();
        JsonNode after =
                Http.get(url("/admin/api/users?text=" + OFFICER), admin).json().path("items");
        for (JsonNode u : after) {
            if (OFFICER.equals(u.path("username").asString())) {
                assertThat(u.path("weChatBound").asBoolean()).isFalse();
            }
        }
    }

    /**
     * S1 "无需再次登录": a WeChat bound to a staff account signs it in to the realm without the password — the portal
     * trades the WeChat OAuth's ticket for a realm ticket and passes it on the login redirect; Keycloak's login step
     * takes it once, and not after the console unbinds the WeChat, even a ticket minted before.
     */
    @Test
    void aBoundWeChatSignsItsAccountInWithoutThePasswordOnceAndNoLongerAfterTheConsoleUnbindsIt() throws Exception {
        String patrol = "patrol";
        fixtures.staff(SCHOOL, patrol, "13300000131", "Patrol@2026x", SeededRole.SECURITY_OFFICER.realmRole());
        // Made in the realm directly: into the console's staff_user mirror.
        SchoolContext.callAsUnchecked(SchoolCode.of(SCHOOL), () -> directorySync.sync(SchoolCode.of(SCHOOL)));
        String openid = "o-staff-patrol-" + System.nanoTime();
        freshPortalAuthLimit();
        String loginPage = "/portal/" + SCHOOL + "/staff/wechat-login";

        Http.Response notBound = staffSignIn(oauthTicket(openid, loginPage));
        assertThat(notBound.status()).as(notBound.body()).isEqualTo(404);
        assertThat(notBound.code()).isEqualTo("STAFF_WECHAT_NOT_BOUND");

        String token = Tokens.school(SCHOOL, patrol, "Patrol@2026x");
        assertThat(Http.post(url("/admin/api/staff-portal/wechat"), token, Map.of("ticket", oauthTicket(openid, null)))
                        .status())
                .isEqualTo(200);

        String handoff = oauthTicket(openid, loginPage);
        Http.Response signIn = staffSignIn(handoff);
        assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.json().path("username").asString()).isEqualTo(patrol);
        assertThat(signIn.json().path("expiresInSeconds").asLong()).isBetween(1L, 120L);
        String parameter = signIn.json().path("parameter").asString();
        String realmTicket = signIn.json().path("loginTicket").asString();
        // The WeChat OAuth's ticket works once here too.
        assertThat(staffSignIn(handoff).code()).isEqualTo("LOGIN_TICKET_INVALID");

        // Straight back to the staff portal with a code: no login form on the way.
        BrowserLogin browser = staffPortalBrowser();
        BrowserLogin.Step step = browser.authorize(Map.of(parameter, realmTicket));
        assertThat(step.redirectedWithCode()).as(step.body()).isTrue();
        BrowserLogin.Tokens tokens = browser.exchange(step);
        assertThat(tokens.ok()).as(tokens.body()).isTrue();
        Http.Response me = Http.get(url("/admin/api/me"), tokens.accessToken());
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(patrol);

        // Once: the same ticket in a fresh browser meets the login form.
        BrowserLogin.Step replay = staffPortalBrowser().authorize(Map.of(parameter, realmTicket));
        assertThat(replay.redirectedWithCode()).isFalse();
        assertThat(replay.body()).contains("name=\"password\"");
        // A ticket changed in transit: the form.
        String minted = staffSignIn(oauthTicket(openid, loginPage))
                .json()
                .path("loginTicket")
                .asString();
        String forged = minted.substring(0, minted.length() - 3) + (minted.endsWith("AAA") ? "BBB" : "AAA");
        BrowserLogin.Step tampered = staffPortalBrowser().authorize(Map.of(parameter, forged));
        assertThat(tampered.redirectedWithCode()).isFalse();
        assertThat(tampered.body()).contains("name=\"password\"");

        // The console unbinds the WeChat: a ticket minted before no longer passes, and no new one is minted.
        freshPortalAuthLimit();
        String admin = admin();
        String id = realmUser(patrol).getId();
        assertThat(Http.post(url("/admin/api/users/" + id + "/unbind-wechat"), admin, Map.of())
                        .status())
                .isEqualTo(200);
        BrowserLogin.Step afterUnbind = staffPortalBrowser().authorize(Map.of(parameter, minted));
        assertThat(afterUnbind.redirectedWithCode()).isFalse();
        assertThat(afterUnbind.body()).contains("name=\"password\"");
        assertThat(staffSignIn(oauthTicket(openid, loginPage)).code()).isEqualTo("STAFF_WECHAT_NOT_BOUND");
        // Bad input: a 4xx with its code.
        assertThat(staffSignIn("").status()).isEqualTo(400);
    }

    /**
     * This test walks the WeChat OAuth more often than the per-address limit of the portal's auth endpoints allows in
     * a minute (20, all from 127.0.0.1 here): the limiter's current windows start again.
     */
    private void freshPortalAuthLimit() {
        var keys = redis.keys("rl:portal-auth:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    private Http.Response staffSignIn(String handoffTicket) {
        return Http.post(url("/portal/" + SCHOOL + "/api/auth/staff-sign-in"), null, Map.of("ticket", handoffTicket));
    }

    /** A fresh browser of the staff portal: the realm's console client, back to the portal's one redirect URI. */
    private static BrowserLogin staffPortalBrowser() {
        return new BrowserLogin(
                LocalStack.shared().keycloakUrl(),
                SchoolCode.of(SCHOOL).realmName(),
                "school-console",
                Tokens.APP_URL + "/portal/" + SCHOOL + "/staff");
    }

    private UserRepresentation realmUser(String username) {
        return keycloak.realm(
                        KeycloakProperties.DEFAULT_CLUSTER,
                        SchoolCode.of(SCHOOL).realmName())
                .users()
                .searchByUsername(username, true)
                .get(0);
    }

    /** authorize → the simulator answers as {@code openid} → our callback → the page's one-time ticket. */
    private String oauthTicket(String openid, String returnTo) throws Exception {
        HttpResponse<String> authorize = noRedirect(url("/portal/" + SCHOOL + "/api/auth/wechat/authorize"
                + (returnTo == null ? "" : "?returnTo=" + Http.enc(returnTo))));
        assertThat(authorize.statusCode()).isEqualTo(302);
        String weChatPage = authorize.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> simulator =
                noRedirect(weChatPage.replace("#wechat_redirect", "") + "&sim_openid=" + Http.enc(openid));
        assertThat(simulator.statusCode()).isEqualTo(302);
        URI back = URI.create(simulator.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> callback = noRedirect(url(back.getRawPath() + "?" + back.getRawQuery()));
        assertThat(callback.statusCode()).isEqualTo(302);
        String location = callback.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/portal/" + SCHOOL + "/auth?ticket=");
        if (returnTo != null) {
            assertThat(Http.queryOf(location).get("returnTo")).isEqualTo(returnTo);
        }
        return Http.queryOf(location).get("ticket");
    }

    private static HttpResponse<String> noRedirect(String url) throws Exception {
        return NO_REDIRECTS.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String latestSms(String phone) {
        Http.Response r = Http.send(
                HttpRequest.newBuilder(URI.create(LocalStack.shared().smsSimulatorUrl() + "/__sim/sms?phone=" + phone))
                        .GET());
        assertThat(r.status()).isEqualTo(200);
        JsonNode messages = r.json();
        assertThat(messages.size()).isGreaterThanOrEqualTo(1);
        return messages.get(0).path("content").asString();
    }

    private static String codeIn(String content) {
        Matcher m = CODE.matcher(content);
        assertThat(m.find()).as(content).isTrue();
        return m.group(1);
    }
}
