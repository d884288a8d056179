package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.localstack.LocalStack;
import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.registrant.IdTails;
import cn.campuspass.registrant.Registrants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * R1 with the school setting {@code smsAtFirstBinding} on the real stack: the identity login of an unbound WeChat
 * account sends a code to the registrant's registered phone (read back through the SMS simulator's API) and binds
 * only with that code; wrong, missing and exhausted codes are refused with stable codes; sends are limited; with the
 * setting off the login binds at once as before. Phones are random per run so the per-phone send limits of earlier
 * runs on the same Redis do not interfere.
 */
class SmsBindingIT extends StackTest {

    private static final String SCHOOL = "smsuni";
    private static final String PASSWORD = "SmsUni@2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CODE = Pattern.compile("(\\d{6})");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static volatile Seed seed;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldCipher cipher;

    private final String clientAddress = "10.5." + ThreadLocalRandom.current().nextInt(1, 255) + "."
            + ThreadLocalRandom.current().nextInt(1, 255);

    record Seed(long department, String prefix) {}

    record Reply(int status, String body, String location) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String code() {
            return json().path("code").asString();
        }
    }

    @BeforeEach
    void school() {
        if (seed == null) {
            synchronized (SmsBindingIT.class) {
                if (seed == null) {
                    onboard(SCHOOL, "admin", "13300000050", PASSWORD, "wxsmsuni00000001");
                    long department = Http.post(
                                    url("/admin/api/departments"),
                                    Tokens.school(SCHOOL, "admin", PASSWORD),
                                    Map.of("name", "信息学院"))
                            .json()
                            .path("id")
                            .asLong();
                    seed = new Seed(
                            department,
                            "137" + (10000 + ThreadLocalRandom.current().nextInt(89999)));
                }
            }
        }
    }

    @Test
    void withTheSettingOnAFirstBindingNeedsTheCodeSentToTheRegisteredPhone() {
        setSmsAtFirstBinding(true);
        String phone = seed.prefix() + "001";
        long id = registrant("钱一", "STUDENT", "S1001", phone, "11111X");
        String openid = "o-sms-qian-" + System.nanoTime();
        String session = session(openid);

        // Without a code: nothing is bound, a code goes to the registered phone.
        Reply asked = login(session, "STUDENT", "S1001", "11111X", null);
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(asked.json().path("state").asString()).isEqualTo("SMS_CODE_REQUIRED");
        assertThat(asked.json().path("phoneMasked").asString())
                .isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(asked.json().path("resendAfterSeconds").asLong()).isEqualTo(60);
        assertThat(openidOf(id)).isNull();
        assertThat(get("/portal/" + SCHOOL + "/api/me", session).code()).isEqualTo("PORTAL_LOGIN_REQUIRED");
        JsonNode messages = simulatorSms(phone);
        assertThat(messages.size()).isEqualTo(1);
        String code = codeIn(messages.get(0).path("content").asString());

        // The right secret is still checked before the code.
        assertThat(login(session, "STUDENT", "S1001", "99999X", code).code()).isEqualTo("LOGIN_FAILED");

        Reply bound = login(session, "STUDENT", "S1001", "11111X", code);
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertThat(bound.json().path("state").asString()).isEqualTo("BOUND");
        assertThat(bound.json().path("profile").path("name").asString()).isEqualTo("钱一");
        assertThat(openidOf(id)).isEqualTo(openid);
        assertThat(get("/portal/" + SCHOOL + "/api/me", session).status()).isEqualTo(200);

        // The bound WeChat account signs in again at once; nobody else can take the registrant, and no SMS goes out.
        assertThat(createSession(openid).json().path("bound").asBoolean()).isTrue();
        Reply taken = login(session("o-sms-intruder-" + System.nanoTime()), "STUDENT", "S1001", "11111X", null);
        assertThat(taken.code()).isEqualTo("ALREADY_BOUND");
        assertThat(simulatorSms(phone).size()).isEqualTo(1);
    }

    @Test
    void wrongMissingAndExhaustedCodesAreRefusedAndSendsAreLimited() {
        setSmsAtFirstBinding(true);
        String phone = seed.prefix() + "002";
        long id = registrant("孙二", "TEACHER", "T2002", phone, "22222X");
        String session = session("o-sms-sun-" + System.nanoTime());

        // A code nobody asked for.
        Reply unasked = login(session, "TEACHER", "T2002", phone, "123456");
        assertThat(unasked.status()).isEqualTo(400);
        assertThat(unasked.code()).isEqualTo("SMS_CODE_EXPIRED");

        assertThat(login(session, "TEACHER", "T2002", phone, null).status()).isEqualTo(202);
        String code = codeIn(simulatorSms(phone).get(0).path("content").asString());
        // Asking again at once is refused: one code a minute per phone.
        Reply again = login(session, "TEACHER", "T2002", phone, null);
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.code()).isEqualTo("SMS_SEND_LIMITED");
        assertThat(simulatorSms(phone).size()).isEqualTo(1);

        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            Reply refused = login(session, "TEACHER", "T2002", phone, wrong);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("SMS_CODE_INVALID");
            assertThat(refused.json().path("message").asString()).isEqualTo("验证码错误");
        }
        Reply exhausted = login(session, "TEACHER", "T2002", phone, wrong);
        assertThat(exhausted.status()).isEqualTo(429);
        assertThat(exhausted.code()).isEqualTo("SMS_CODE_EXHAUSTED");
        // The right code is void now.
        assertThat(login(session, "TEACHER", "T2002", phone, code).code()).isEqualTo("SMS_CODE_EXPIRED");
        assertThat(openidOf(id)).isNull();
    }

    @Test
    void aRegistrantWithoutAPhoneOnRecordGetsPhoneMissing() {
        setSmsAtFirstBinding(true);
        long id = registrant("李三", "STUDENT", "S3003", seed.prefix() + "003", "33333X");
        jdbc.sql("UPDATE school_smsuni.registrant SET phone_encrypted = '' WHERE id = ?")
                .param(id)
                .update();
        Reply missing = login(session("o-sms-li-" + System.nanoTime()), "STUDENT", "S3003", "33333X", null);
        assertThat(missing.status()).isEqualTo(409);
        assertThat(missing.code()).isEqualTo("PHONE_MISSING");
        assertThat(openidOf(id)).isNull();
    }

    @Test
    void withTheSettingOffTheLoginBindsAtOnce() {
        setSmsAtFirstBinding(true);
        // The operator console edits the same setting.
        Http.Response off = Http.put(
                url("/operator/api/schools/" + SCHOOL + "/config"),
                Tokens.operator(),
                Map.of("smsAtFirstBinding", false));
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("config").path("smsAtFirstBinding").asBoolean())
                .isFalse();
        assertThat(Http.get(url("/admin/api/school/settings"), Tokens.school(SCHOOL, "admin", PASSWORD))
                        .json()
                        .path("smsAtFirstBinding")
                        .asBoolean())
                .isFalse();
        String phone = seed.prefix() + "004";
        long id = registrant("周四", "STUDENT", "S4004", phone, "44444X");
        String openid = "o-sms-zhou-" + System.nanoTime();
        Reply bound = login(session(openid), "STUDENT", "S4004", "44444X", null);
        assertThat(bound.status()).as(bound.body()).isEqualTo(200);
        assertThat(bound.json().path("profile").path("name").asString()).isEqualTo("周四");
        assertThat(openidOf(id)).isEqualTo(openid);
        assertThat(simulatorSms(phone).size()).isZero();
    }

    @Test
    void aSignedInRegistrantBindsANewPhoneByTheCodeSentToIt() {
        setSmsAtFirstBinding(false);
        String oldPhone = seed.prefix() + "005";
        String otherPhone = seed.prefix() + "006";
        String newPhone = seed.prefix() + "007";
        long id = registrant("吴五", "STUDENT", "S5005", oldPhone, "55555X");
        registrant("郑六", "STUDENT", "S6006", otherPhone, "66666X");
        String session = session("o-sms-wu-" + System.nanoTime());
        assertThat(login(session, "STUDENT", "S5005", "55555X", null).status()).isEqualTo(200);
        String me = "/portal/" + SCHOOL + "/api/me";

        assertThat(post(me + "/phone/code", session, Map.of("phone", "12345")).code())
                .isEqualTo("NEW_PHONE_INVALID");
        assertThat(post(me + "/phone/code", session, Map.of("phone", oldPhone)).code())
                .isEqualTo("PHONE_UNCHANGED");
        // Not signed in as a registrant: nothing is sent.
        assertThat(post(me + "/phone/code", session("o-sms-nobody-" + System.nanoTime()), Map.of("phone", newPhone))
                        .code())
                .isEqualTo("PORTAL_LOGIN_REQUIRED");
        assertThat(simulatorSms(newPhone).size()).isZero();

        Reply sent = post(me + "/phone/code", session, Map.of("phone", newPhone));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("phoneMasked").asString())
                .isEqualTo(newPhone.substring(0, 3) + "****" + newPhone.substring(7));
        JsonNode messages = simulatorSms(newPhone);
        assertThat(messages.size()).isEqualTo(1);
        String code = codeIn(messages.get(0).path("content").asString());
        assertThat(messages.get(0).path("content").asString()).contains("更换绑定手机号");

        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(put(me + "/phone", session, Map.of("phone", newPhone, "code", wrong))
                        .code())
                .isEqualTo("SMS_CODE_INVALID");
        // The code belongs to the number it was sent to.
        assertThat(put(me + "/phone", session, Map.of("phone", seed.prefix() + "008", "code", code))
                        .code())
                .isEqualTo("SMS_CODE_EXPIRED");
        assertThat(phoneOf(id)).isEqualTo(oldPhone);

        Reply changed = put(me + "/phone", session, Map.of("phone", newPhone, "code", code));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(fieldValue(changed.json(), "phone"))
                .isEqualTo(newPhone.substring(0, 3) + "****" + newPhone.substring(7));
        assertThat(phoneOf(id)).isEqualTo(newPhone);
        // The code is used up.
        assertThat(put(me + "/phone", session, Map.of("phone", newPhone, "code", code))
                        .code())
                .isEqualTo("SMS_CODE_EXPIRED");
        // The new phone now signs the person in (phone as the verifier).
        String again = session("o-sms-wu2-" + System.nanoTime());
        assertThat(login(again, "STUDENT", "S5005", newPhone, null).code()).isEqualTo("ALREADY_BOUND");

        // Another registrant's number: the code is sent (the send tells nobody whose numbers the school knows),
        // the change is refused.
        Reply forOther = post(me + "/phone/code", session, Map.of("phone", otherPhone));
        assertThat(forOther.status()).as(forOther.body()).isEqualTo(200);
        String otherCode =
                codeIn(simulatorSms(otherPhone).get(0).path("content").asString());
        assertThat(put(me + "/phone", session, Map.of("phone", otherPhone, "code", otherCode))
                        .code())
                .isEqualTo("REGISTRANT_PHONE_TAKEN");
        assertThat(phoneOf(id)).isEqualTo(newPhone);
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private void setSmsAtFirstBinding(boolean on) {
        String admin = Tokens.school(SCHOOL, "admin", PASSWORD);
        Http.Response put = Http.put(url("/admin/api/school/settings"), admin, Map.of("smsAtFirstBinding", on));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("smsAtFirstBinding").asBoolean()).isEqualTo(on);
        assertThat(Http.get(url("/admin/api/school/settings"), admin)
                        .json()
                        .path("smsAtFirstBinding")
                        .asBoolean())
                .isEqualTo(on);
    }

    private long registrant(String name, String identity, String number, String phone, String idTail) {
        IdTails.Sealed tail = IdTails.seal(cipher, SCHOOL, idTail);
        return jdbc.sql("""
                        INSERT INTO school_smsuni.registrant (name, identity, number, phone_encrypted, phone_index,
                            phone_masked, id_tail_encrypted, id_tail_index, id_tail_masked, department_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(
                        name,
                        identity,
                        number,
                        cipher.encrypt(SCHOOL, Registrants.PHONE_FIELD, phone),
                        cipher.blindIndex(phone),
                        phone.substring(0, 3) + "****" + phone.substring(7),
                        tail.encrypted(),
                        tail.index(),
                        tail.masked(),
                        seed.department())
                .query(Long.class)
                .single();
    }

    /** The stored phone, decrypted (and the blind index must agree with it, or phone login would break). */
    private String phoneOf(long registrantId) {
        Map<String, Object> row = jdbc.sql(
                        "SELECT phone_encrypted, phone_index FROM school_smsuni.registrant WHERE id = ?")
                .param(registrantId)
                .query()
                .singleRow();
        String phone = cipher.decrypt(SCHOOL, Registrants.PHONE_FIELD, (String) row.get("phone_encrypted"));
        assertThat(row.get("phone_index")).isEqualTo(cipher.blindIndex(phone));
        return phone;
    }

    private String openidOf(long registrantId) {
        return jdbc.sql("SELECT wechat_openid FROM school_smsuni.registrant WHERE id = ?")
                .param(registrantId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** The SMS simulator's record of messages to {@code phone}, newest first, through its HTTP API. */
    private static JsonNode simulatorSms(String phone) {
        Reply r = send(
                HttpRequest.newBuilder(URI.create(LocalStack.shared().smsSimulatorUrl() + "/__sim/sms?phone=" + phone))
                        .GET());
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static String codeIn(String content) {
        Matcher m = CODE.matcher(content);
        assertThat(m.find()).as(content).isTrue();
        return m.group(1);
    }

    // ---- WeChat sign-in through the simulator ------------------------------------------------------------------

    private String session(String openid) {
        Reply created = createSession(openid);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().path("token").asString();
    }

    private Reply createSession(String openid) {
        Reply authorize = get("/portal/" + SCHOOL + "/api/auth/wechat/authorize", null);
        assertThat(authorize.status()).as(authorize.body()).isEqualTo(302);
        String weChatPage = location(authorize);
        Reply simulator = send(HttpRequest.newBuilder(
                        URI.create(weChatPage.replace("#wechat_redirect", "") + "&sim_openid=" + Http.enc(openid)))
                .GET());
        URI back = URI.create(location(simulator));
        Reply callback = get(back.getRawPath() + "?" + back.getRawQuery(), null);
        String ticket = query(location(callback)).get("ticket");
        return post("/portal/" + SCHOOL + "/api/auth/session", null, Map.of("ticket", ticket));
    }

    private Reply login(String session, String identity, String number, String verifier, String smsCode) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("identity", identity);
        body.put("number", number);
        body.put("verifier", verifier);
        if (smsCode != null) {
            body.put("smsCode", smsCode);
        }
        return post("/portal/" + SCHOOL + "/api/auth/login", session, body);
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    private static String location(Reply reply) {
        return reply.location();
    }

    private Reply get(String path, String session) {
        return track(request(path, session).GET());
    }

    private Reply put(String path, String session, Object body) {
        return track(request(path, session)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Http.toJson(body))));
    }

    private static String fieldValue(JsonNode info, String key) {
        for (JsonNode field : info.path("fields")) {
            if (key.equals(field.path("key").asString())) {
                return field.path("value").asString();
            }
        }
        return null;
    }

    private Reply post(String path, String session, Object body) {
        return track(request(path, session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body))));
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

    private static Reply track(HttpRequest.Builder request) {
        return send(request);
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
