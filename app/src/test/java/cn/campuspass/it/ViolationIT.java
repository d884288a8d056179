package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.localstack.WeChatSimulator;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.security.SeededRole;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import cn.campuspass.tenant.role.StaffRoleGrants;
import cn.campuspass.wechat.session.PortalSessions;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Violations on the real stack: ticket items (A5.1) are created, queried, edited, enabled/disabled and deleted only
 * while unused, names once per school; tickets (A5.2) are issued by plate (the registered vehicle's registrant is the
 * target), to a registrant or to a visitor, with three photos stored privately and served by presigned URL; a
 * disabled item cannot be used; the list filters by text, item, status, target and date; revoking needs a reason and
 * happens once; a department administrator sees only tickets of their departments' registrants and a guard only the
 * tickets they issued; bad input is a 4xx and writes nothing.
 */
class ViolationIT extends StackTest {

    static final String SCHOOL = "violuni";
    static final String PASSWORD = "ViolUni@2026x";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

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
    PortalSessions sessions;

    private static final String APP_ID = "wxviolation00001";
    private static final String OPENID = "o-viol-student-a";
    private final WeChatSimulator simulator = LocalStack.shared().weChat();

    private static volatile Seed seed;

    SchoolFixtures fixtures;

    record Seed(long deptA, long deptB, long studentA, long teacherB, long carA, long visitor) {}

    @BeforeEach
    void school() {
        fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
        if (seed == null) {
            synchronized (ViolationIT.class) {
                if (seed == null) {
                    onboard(SCHOOL, "admin", "13300000110", PASSWORD, APP_ID);
                    String admin = admin();
                    long deptA = fixtures.department(admin, "交通运输学院");
                    long deptB = fixtures.department(admin, "美术学院");
                    long studentA =
                            fixtures.registrant(SCHOOL, "钱同学", "STUDENT", "2026300001", "13930000001", "33333X", deptA);
                    long teacherB =
                            fixtures.registrant(SCHOOL, "孙老师", "TEACHER", "T300002", "13930000002", "44444X", deptB);
                    jdbc.update(
                            "UPDATE " + SchoolCode.of(SCHOOL).schemaName()
                                    + ".registrant SET wechat_openid = ? WHERE id = ?",
                            OPENID,
                            studentA);
                    Map<String, Object> car = new HashMap<>();
                    car.put("type", "MOTOR");
                    car.put("plate", "浙A12345");
                    car.put("ownerName", "钱同学");
                    car.put("relation", "SELF");
                    car.put("registrantId", studentA);
                    Http.Response created = Http.post(url("/admin/api/vehicles"), admin, car);
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    long visitor = jdbc.queryForObject(
                            "INSERT INTO " + SchoolCode.of(SCHOOL).schemaName()
                                    + ".visitor (wechat_openid, name, phone_masked) VALUES ('o-viol-visitor', '周访客',"
                                    + " '137****0003') RETURNING id",
                            Long.class);
                    seed = new Seed(
                            deptA,
                            deptB,
                            studentA,
                            teacherB,
                            created.json().path("id").asLong(),
                            visitor);
                }
            }
        }
    }

    String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    private long item(String token, String name, int points) {
        Http.Response r = Http.post(
                url("/admin/api/ticket-items"), token, Map.of("name", name, "points", points, "description", name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private static List<Http.FilePart> photos() throws Exception {
        return List.of(
                new Http.FilePart("front", "f.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.RED)),
                new Http.FilePart("side", "s.png", "image/png", FeedbackIT.image("png", Color.GREEN)),
                new Http.FilePart("back", "b.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.BLUE)));
    }

    private Http.Response issue(String token, Map<String, Object> ticket) throws Exception {
        return Http.postMultipart(url("/admin/api/tickets"), token, "ticket", ticket, photos());
    }

    private long tickets() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM " + SchoolCode.of(SCHOOL).schemaName() + ".ticket", Long.class);
    }

    @Test
    void ticketItemsAreManagedAndDeletedOnlyWhileUnused() throws Exception {
        String admin = admin();
        long id = item(admin, "违规停车", 2);
        Http.Response same = Http.post(url("/admin/api/ticket-items"), admin, Map.of("name", "违规停车", "points", 1));
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.code()).isEqualTo("TICKET_ITEM_NAME_TAKEN");
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("name", " ", "points", 1),
                Map.<String, Object>of("name", "超速", "points", -1),
                Map.<String, Object>of("name", "超速", "points", 101),
                Map.<String, Object>of("name", "超速"),
                Map.<String, Object>of("name", "超\u0007速", "points", 3))) {
            Http.Response r = Http.post(url("/admin/api/ticket-items"), admin, bad);
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
        }
        Http.Response edited = Http.put(
                url("/admin/api/ticket-items/" + id),
                admin,
                Map.of("name", "违规停放", "points", 3, "description", "占用消防通道"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("points").asInt()).isEqualTo(3);
        assertThat(edited.json().path("updatedBy").asString()).isEqualTo("admin");
        JsonNode listed = Http.get(url("/admin/api/ticket-items?name=" + Http.enc("停放")), admin)
                .json();
        assertThat(listed.findValuesAsString("name")).containsExactly("违规停放");
        assertThat(Http.post(url("/admin/api/ticket-items/" + id + "/disable"), admin, Map.of())
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(Http.get(url("/admin/api/ticket-items?enabled=false"), admin)
                        .json()
                        .findValuesAsString("name"))
                .contains("违规停放");
        // A disabled item cannot be used for a ticket; nothing is written.
        long before = tickets();
        Http.Response refused = issue(admin, Map.of("plate", "浙A12345", "itemId", id));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("TICKET_ITEM_UNAVAILABLE");
        assertThat(tickets()).isEqualTo(before);
        Http.post(url("/admin/api/ticket-items/" + id + "/enable"), admin, Map.of());
        assertThat(issue(admin, Map.of("plate", "浙A12345", "itemId", id)).status())
                .isEqualTo(201);
        // Used: not deleted, but disabled instead; an unused one is deleted.
        Http.Response inUse = Http.delete(url("/admin/api/ticket-items/" + id), admin);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("TICKET_ITEM_IN_USE");
        long unused = item(admin, "鸣笛", 1);
        assertThat(Http.delete(url("/admin/api/ticket-items/" + unused), admin).status())
                .isEqualTo(204);
        assertThat(Http.get(url("/admin/api/ticket-items/" + unused), admin).status())
                .isEqualTo(404);
    }

    @Test
    void ticketsAreIssuedWithPhotosListedFilteredAndRevokedOnce() throws Exception {
        String admin = admin();
        long speeding = item(admin, "校内超速", 6);
        // By plate, typed loosely: the registered car's registrant is the target, the snapshot masks the phone.
        Http.Response byPlate = issue(admin, Map.of("plate", "浙a·12345", "itemId", speeding, "location", "东门"));
        assertThat(byPlate.status()).as(byPlate.body()).isEqualTo(201);
        JsonNode t = byPlate.json();
        assertThat(t.path("ticketNo").asString()).matches("WZ\\d{8}\\d{6}");
        assertThat(t.path("target").asString()).isEqualTo("REGISTRANT");
        assertThat(t.path("registrantId").asLong()).isEqualTo(seed.studentA());
        assertThat(t.path("vehicleId").asLong()).isEqualTo(seed.carA());
        assertThat(t.path("plate").asString()).isEqualTo("浙A12345");
        assertThat(t.path("targetName").asString()).isEqualTo("钱同学");
        assertThat(t.path("targetNumber").asString()).isEqualTo("2026300001");
        assertThat(t.path("targetPhoneMasked").asString()).isEqualTo("139****0001");
        assertThat(t.path("itemName").asString()).isEqualTo("校内超速");
        assertThat(t.path("points").asInt()).isEqualTo(6);
        assertThat(t.path("status").asString()).isEqualTo("EFFECTIVE");
        assertThat(t.path("issuedBy").asString()).isEqualTo("admin");
        long plateTicket = t.path("id").asLong();

        // To a registrant without a plate, and to a visitor with the plate of their car.
        Http.Response toTeacher = issue(admin, Map.of("registrantId", seed.teacherB(), "itemId", speeding));
        assertThat(toTeacher.status()).as(toTeacher.body()).isEqualTo(201);
        Http.Response toVisitor =
                issue(admin, Map.of("visitorId", seed.visitor(), "plate", "沪B88888", "itemId", speeding));
        assertThat(toVisitor.status()).as(toVisitor.body()).isEqualTo(201);
        assertThat(toVisitor.json().path("target").asString()).isEqualTo("VISITOR");
        assertThat(toVisitor.json().path("targetName").asString()).isEqualTo("周访客");

        // Details carry the three photos behind presigned URLs that serve the stored bytes.
        JsonNode details =
                Http.get(url("/admin/api/tickets/" + plateTicket), admin).json();
        assertThat(details.path("ticket").path("location").asString()).isEqualTo("东门");
        for (String position : List.of("FRONT", "SIDE", "BACK")) {
            String photo = details.path("photoUrls").path(position).asString();
            HttpResponse<byte[]> got = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(photo)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).as(position).isEqualTo(200);
            assertThat(got.body()).isNotEmpty();
        }

        // Bad input: no target, an unregistered plate, missing or non-image photos, an unknown item. Nothing written.
        long before = tickets();
        Http.Response none = issue(admin, Map.of("itemId", speeding));
        assertThat(none.code()).isEqualTo("TICKET_TARGET_REQUIRED");
        Http.Response unknownPlate = issue(admin, Map.of("plate", "京Z99999", "itemId", speeding));
        assertThat(unknownPlate.status()).isEqualTo(400);
        assertThat(unknownPlate.code()).isEqualTo("TICKET_TARGET_NOT_FOUND");
        Http.Response nobody = issue(admin, Map.of("registrantId", 987_654L, "itemId", speeding));
        assertThat(nobody.code()).isEqualTo("TICKET_TARGET_NOT_FOUND");
        Http.Response twoPhotos = Http.postMultipart(
                url("/admin/api/tickets"),
                admin,
                "ticket",
                Map.of("plate", "浙A12345", "itemId", speeding),
                photos().subList(0, 2));
        assertThat(twoPhotos.status()).isEqualTo(400);
        assertThat(twoPhotos.code()).isEqualTo("TICKET_PHOTOS_REQUIRED");
        List<Http.FilePart> text = new ArrayList<>(photos());
        text.set(2, new Http.FilePart("back", "b.jpg", "image/jpeg", "not an image".getBytes()));
        Http.Response notImage = Http.postMultipart(
                url("/admin/api/tickets"), admin, "ticket", Map.of("plate", "浙A12345", "itemId", speeding), text);
        assertThat(notImage.status()).as(notImage.body()).isBetween(400, 499);
        Http.Response noItem = issue(admin, Map.of("plate", "浙A12345", "itemId", 123_456L));
        assertThat(noItem.code()).isEqualTo("TICKET_ITEM_UNAVAILABLE");
        Http.Response json = Http.post(url("/admin/api/tickets"), admin, Map.of("plate", "浙A12345", "itemId", 1));
        assertThat(json.status()).as(json.body()).isBetween(400, 499);
        assertThat(tickets()).isEqualTo(before);

        // Filters.
        assertThat(ids(Http.get(url("/admin/api/tickets?q=" + Http.enc("浙a12345")), admin)))
                .contains(plateTicket);
        assertThat(ids(Http.get(url("/admin/api/tickets?target=VISITOR"), admin)))
                .containsExactly(toVisitor.json().path("id").asLong());
        assertThat(ids(Http.get(url("/admin/api/tickets?itemId=" + speeding), admin)))
                .hasSize(3);
        assertThat(Http.get(url("/admin/api/tickets?from=2000-01-01&to=2000-01-02"), admin)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(Http.get(url("/admin/api/tickets?status=WRONG"), admin).status())
                .isEqualTo(400);

        // Revoke: a reason is required; once only; the list shows it revoked.
        Http.Response noReason =
                Http.post(url("/admin/api/tickets/" + plateTicket + "/revoke"), admin, Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        Http.Response revoked =
                Http.post(url("/admin/api/tickets/" + plateTicket + "/revoke"), admin, Map.of("reason", "照片无法辨认号牌"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("status").asString()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("revokeReason").asString()).isEqualTo("照片无法辨认号牌");
        Http.Response twice =
                Http.post(url("/admin/api/tickets/" + plateTicket + "/revoke"), admin, Map.of("reason", "再次撤销"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("TICKET_ALREADY_REVOKED");
        assertThat(ids(Http.get(url("/admin/api/tickets?status=REVOKED"), admin)))
                .contains(plateTicket);
    }

    @Test
    void departmentAdminsSeeTheirDepartmentsTicketsAndGuardsTheirOwn() throws Exception {
        String admin = admin();
        long noise = item(admin, "噪音扰民", 1);
        long ofA = issue(admin, Map.of("registrantId", seed.studentA(), "itemId", noise))
                .json()
                .path("id")
                .asLong();
        long ofB = issue(admin, Map.of("registrantId", seed.teacherB(), "itemId", noise))
                .json()
                .path("id")
                .asLong();

        fixtures.staff(SCHOOL, "tdept", "13300000111", "TDept@2026x", SeededRole.DEPARTMENT_ADMIN.realmRole());
        String dept = Tokens.school(SCHOOL, "tdept", "TDept@2026x");
        String schema = SchoolCode.of(SCHOOL).schemaName();
        String user = VehicleIT.subject(dept);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user (id, username) VALUES (?, 'tdept') ON CONFLICT DO NOTHING",
                user);
        jdbc.update(
                "INSERT INTO " + schema + ".staff_user_department (user_id, department_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                user,
                seed.deptA());
        grants.invalidate(SchoolCode.of(SCHOOL));
        List<Long> seen = ids(Http.get(url("/admin/api/tickets?size=200"), dept));
        assertThat(seen).contains(ofA).doesNotContain(ofB);
        assertThat(Http.get(url("/admin/api/tickets/" + ofB), dept).status()).isEqualTo(404);

        // A guard holds no ticket permission until the school grants it; then issues tickets and sees only their own
        // (the guard role's scope is own records); they still cannot revoke nor manage items.
        fixtures.staff(SCHOOL, "tguard", "13300000112", "TGuard@2026x", SeededRole.GATE_GUARD.realmRole());
        String guard = Tokens.school(SCHOOL, "tguard", "TGuard@2026x");
        assertThat(Http.get(url("/admin/api/tickets"), guard).status()).isEqualTo(403);
        for (String permission : List.of("violation:ticket:issue", "violation:ticket:list", "violation:ticket:view")) {
            jdbc.update(
                    "INSERT INTO " + schema + ".staff_role_permission (role_id, permission) SELECT id, ? FROM " + schema
                            + ".staff_role WHERE realm_role = 'gate-guard' ON CONFLICT DO NOTHING",
                    permission);
        }
        grants.invalidate(SchoolCode.of(SCHOOL));
        Http.Response own = issue(guard, Map.of("plate", "浙A12345", "itemId", noise));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().path("issuedBy").asString()).isEqualTo("tguard");
        assertThat(ids(Http.get(url("/admin/api/tickets?size=200"), guard)))
                .containsExactly(own.json().path("id").asLong());
        assertThat(Http.get(url("/admin/api/tickets/" + ofA), guard).status()).isEqualTo(404);
        assertThat(Http.post(url("/admin/api/tickets/" + ofA + "/revoke"), guard, Map.of("reason", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(Http.post(url("/admin/api/ticket-items"), guard, Map.of("name", "门岗项目", "points", 1))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aRegistrantAppealsOnceAndHearsOfTheDecisionsAndOfEachTicket() throws Exception {
        String admin = admin();
        long parking = item(admin, "违停申诉测试", 2);
        long first = issue(admin, Map.of("plate", "浙A12345", "itemId", parking))
                .json()
                .path("id")
                .asLong();
        long second = issue(admin, Map.of("plate", "浙A12345", "itemId", parking))
                .json()
                .path("id")
                .asLong();
        long othersTicket = issue(admin, Map.of("registrantId", seed.teacherB(), "itemId", parking))
                .json()
                .path("id")
                .asLong();
        // 车辆违章提醒 for each ticket of the registrant, once each.
        await(() -> simulator.messages(OPENID).stream()
                        .filter(m -> m.templateId().equals("tpl-ticket-issued"))
                        .count()
                >= 2);
        String portal =
                sessions.create(SchoolCode.of(SCHOOL), OPENID, seed.studentA()).token();
        Map<String, String> session = Map.of(PortalSessions.HEADER, portal);

        // 我的罚单: only mine; both appealable; the other registrant's ticket is not found.
        JsonNode mine = Http.get(url("/portal/" + SCHOOL + "/api/tickets?size=100"), null, session)
                .json();
        List<Long> mineIds = new ArrayList<>();
        mine.path("items").forEach(n -> mineIds.add(n.path("ticket").path("id").asLong()));
        assertThat(mineIds).contains(first, second).doesNotContain(othersTicket);
        mine.path("items").forEach(n -> {
            if (n.path("ticket").path("id").asLong() == first) {
                assertThat(n.path("appealable").asBoolean()).isTrue();
            }
        });
        assertThat(Http.get(url("/portal/" + SCHOOL + "/api/tickets/" + othersTicket), null, session)
                        .status())
                .isEqualTo(404);
        Http.Response othersAppeal = Http.postMultipart(
                url("/portal/" + SCHOOL + "/api/tickets/" + othersTicket + "/appeal"),
                session,
                "appeal",
                Map.of("reason", "不是我的车"),
                List.of());
        assertThat(othersAppeal.status()).isEqualTo(404);

        // Appeal with an image; a second appeal of the same ticket is refused; a blank reason is a 400.
        Http.Response blank = Http.postMultipart(
                url("/portal/" + SCHOOL + "/api/tickets/" + first + "/appeal"),
                session,
                "appeal",
                Map.of("reason", " "),
                List.of());
        assertThat(blank.status()).isEqualTo(400);
        Http.Response appealed = Http.postMultipart(
                url("/portal/" + SCHOOL + "/api/tickets/" + first + "/appeal"),
                session,
                "appeal",
                Map.of("reason", "当时在装卸货物，已取得保卫处临时许可"),
                List.of(new Http.FilePart(
                        "images", "permit.jpg", "image/jpeg", FeedbackIT.image("jpg", Color.ORANGE))));
        assertThat(appealed.status()).as(appealed.body()).isEqualTo(201);
        long appealA = appealed.json().path("id").asLong();
        assertThat(appealed.json().path("status").asString()).isEqualTo("PENDING");
        Http.Response again = Http.postMultipart(
                url("/portal/" + SCHOOL + "/api/tickets/" + first + "/appeal"),
                session,
                "appeal",
                Map.of("reason", "再申诉一次"),
                List.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("APPEAL_EXISTS");
        long appealB = Http.postMultipart(
                        url("/portal/" + SCHOOL + "/api/tickets/" + second + "/appeal"),
                        session,
                        "appeal",
                        Map.of("reason", "号牌识别错误"),
                        List.of())
                .json()
                .path("id")
                .asLong();

        // The home page: appeals waiting for review, today's tickets in the 30-day trend, the newest tickets.
        JsonNode home = Http.get(url("/admin/api/home/violations"), admin).json();
        assertThat(home.path("pendingAppeals").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(home.path("trend")).hasSize(30);
        assertThat(home.path("trend").get(29).path("tickets").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(home.path("recent").findValuesAsString("ticketNo")).isNotEmpty();

        // The console lists pending appeals with the ticket's number, plate and item, shows the image.
        JsonNode pending = Http.get(url("/admin/api/ticket-appeals?status=PENDING&size=100"), admin)
                .json();
        assertThat(pending.path("items").findValuesAsString("ticketNo")).hasSizeGreaterThanOrEqualTo(2);
        JsonNode details =
                Http.get(url("/admin/api/ticket-appeals/" + appealA), admin).json();
        assertThat(details.path("appeal").path("plate").asString()).isEqualTo("浙A12345");
        assertThat(details.path("appeal").path("appellant").asString()).isEqualTo("钱同学");
        assertThat(details.path("imageUrls")).hasSize(1);
        assertThat(details.path("ticket").path("photoUrls").size()).isEqualTo(3);

        // Approve A: the ticket is revoked; reject B with a reason; each decided once.
        Http.Response approved = Http.post(url("/admin/api/ticket-appeals/" + appealA + "/approve"), admin, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(Http.get(url("/admin/api/tickets/" + first), admin)
                        .json()
                        .path("ticket")
                        .path("status")
                        .asString())
                .isEqualTo("REVOKED");
        assertThat(Http.post(url("/admin/api/ticket-appeals/" + appealA + "/reject"), admin, Map.of("reason", "x"))
                        .code())
                .isEqualTo("APPEAL_ALREADY_DECIDED");
        assertThat(Http.post(url("/admin/api/ticket-appeals/" + appealB + "/reject"), admin, Map.of("reason", " "))
                        .status())
                .isEqualTo(400);
        Http.Response rejected =
                Http.post(url("/admin/api/ticket-appeals/" + appealB + "/reject"), admin, Map.of("reason", "照片清晰可见号牌"));
        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");

        // 我的申诉单 with status filter; the decisions reached the registrant once each.
        JsonNode myRejected = Http.get(url("/portal/" + SCHOOL + "/api/appeals?status=REJECTED"), null, session)
                .json();
        assertThat(myRejected.path("items").findValuesAsString("rejectReason")).containsExactly("照片清晰可见号牌");
        await(() -> simulator.messages(OPENID).stream()
                        .filter(m -> m.templateId().equals("tpl-appeal-decided"))
                        .count()
                == 2);
        assertThat(simulator.messages(OPENID).stream()
                        .filter(m -> m.templateId().equals("tpl-appeal-decided"))
                        .map(m -> m.data().toString())
                        .toList())
                .anyMatch(d -> d.contains("已通过") && d.contains("罚单已撤销"))
                .anyMatch(d -> d.contains("已驳回") && d.contains("照片清晰可见号牌"));
        // The console filters by status.
        assertThat(Http.get(url("/admin/api/ticket-appeals?status=REJECTED"), admin)
                        .json()
                        .path("total")
                        .asLong())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void exportsTheFilteredTicketsWithMaskedPhonesAndLogsIt() throws Exception {
        String admin = admin();
        long item = item(admin, "导出测试项目", 4);
        long kept = issue(admin, Map.of("plate", "浙A12345", "itemId", item, "location", "西门"))
                .json()
                .path("id")
                .asLong();
        issue(admin, Map.of("registrantId", seed.teacherB(), "itemId", item));
        String schema = SchoolCode.of(SCHOOL).schemaName();
        long logged = jdbc.queryForObject(
                "SELECT count(*) FROM " + schema + ".pii_access_log WHERE action = 'EXPORT'", Long.class);
        Http.Response started =
                Http.post(url("/admin/api/tickets/export"), admin, Map.of("itemId", item, "q", "浙A12345"));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asString();
        JsonNode[] job = new JsonNode[1];
        await(() -> {
            job[0] = Http.get(url("/admin/api/tickets/export/" + id), admin).json();
            return !job[0].path("status").asString().equals("RUNNING");
        });
        assertThat(job[0].path("status").asString()).as(job[0].toString()).isEqualTo("DONE");
        assertThat(job[0].path("totalRows").asInt()).isEqualTo(1);
        HttpResponse<byte[]> file = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url("/admin/api/tickets/export/" + id + "/file")))
                        .header("Authorization", "Bearer " + admin)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(file.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("单号");
            var row = sheet.getRow(1);
            assertThat(row.getCell(0).getStringCellValue())
                    .isEqualTo(Http.get(url("/admin/api/tickets/" + kept), admin)
                            .json()
                            .path("ticket")
                            .path("ticketNo")
                            .asString());
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("钱同学");
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("139****0001");
            assertThat(row.getCell(6).getStringCellValue()).isEqualTo("浙A12345");
            assertThat(row.getCell(9).getStringCellValue()).isEqualTo("西门");
            assertThat(row.getCell(10).getStringCellValue()).isEqualTo("生效");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM " + schema + ".pii_access_log WHERE action = 'EXPORT'", Long.class))
                .isEqualTo(logged + 1);
        assertThat(Http.get(url("/admin/api/tickets/export/" + java.util.UUID.randomUUID()), admin)
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(url("/admin/api/tickets/export"), admin)
                        .json()
                        .path("items")
                        .findValuesAsString("id"))
                .contains(id);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<Long> ids(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().path("items").forEach(n -> ids.add(n.path("id").asLong()));
        return ids;
    }
}
