package cn.campuspass.wechat.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.PhoneNumber;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.wechat.testing.EmbeddedRedis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/** One-time SMS codes against a real (embedded) Redis, without Spring's context. */
class SmsCodesTest {

    private static final SchoolCode SCHOOL = SchoolCode.of("smsuni");
    private static final PhoneNumber PHONE = new PhoneNumber("13900000001");
    private static final String TEXT = "验证码{code}";

    private static EmbeddedRedis embedded;
    private static StringRedisTemplate redis;

    private final List<Map<String, String>> sent = new ArrayList<>();
    private boolean failing;
    private SmsCodes codes;

    @BeforeAll
    static void startRedis() throws IOException {
        embedded = EmbeddedRedis.start();
        redis = embedded.template();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        embedded.close();
    }

    @BeforeEach
    void fresh() {
        embedded.flush();
        codes = new SmsCodes(redis, (school, phone, text, params) -> {
            if (failing) {
                throw new ApiException(cn.campuspass.wechat.PortalError.SMS_SEND_FAILED);
            }
            sent.add(Map.of("phone", phone.value(), "text", text, "code", params.get("code")));
        });
    }

    @Test
    void aSentCodeIsStoredHashedForFiveMinutesAndWorksOnce() {
        codes.send(SCHOOL, "bind:o1", PHONE, "10.0.0.1", TEXT);
        assertThat(sent).hasSize(1);
        String code = sent.get(0).get("code");
        assertThat(code).matches("[0-9]{6}");
        assertThat(sent.get(0).get("text")).isEqualTo("验证码" + code);

        Set<String> keys = redis.keys("sms:code:*");
        assertThat(keys).hasSize(1);
        String key = keys.iterator().next();
        assertThat(key).doesNotContain(PHONE.value());
        assertThat(redis.opsForHash().values(key)).noneMatch(v -> v.toString().contains(code));
        assertThat(redis.getExpire(key)).isBetween(1L, 300L);
        assertThat(redis.keys("*")).noneMatch(k -> k.contains(PHONE.value()));

        assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, code)).isEqualTo(SmsCodes.Check.OK);
        assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, code)).isEqualTo(SmsCodes.Check.EXPIRED);
    }

    @Test
    void aCodeIsWorthNothingForAnotherScopeSchoolOrPhone() {
        codes.send(SCHOOL, "bind:o1", PHONE, "10.0.0.1", TEXT);
        String code = sent.get(0).get("code");
        assertThat(codes.verify(SCHOOL, "bind:o2", PHONE, code)).isEqualTo(SmsCodes.Check.EXPIRED);
        assertThat(codes.verify(SchoolCode.of("otheruni"), "bind:o1", PHONE, code))
                .isEqualTo(SmsCodes.Check.EXPIRED);
        assertThat(codes.verify(SCHOOL, "bind:o1", new PhoneNumber("13900000002"), code))
                .isEqualTo(SmsCodes.Check.EXPIRED);
        assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, code)).isEqualTo(SmsCodes.Check.OK);
    }

    @Test
    void theFifthWrongTryVoidsTheCode() {
        codes.send(SCHOOL, "bind:o1", PHONE, "10.0.0.1", TEXT);
        String code = sent.get(0).get("code");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, wrong)).isEqualTo(SmsCodes.Check.WRONG);
        }
        assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, wrong)).isEqualTo(SmsCodes.Check.EXHAUSTED);
        assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, code)).isEqualTo(SmsCodes.Check.EXPIRED);
    }

    @Test
    void theRightCodeOnTheFifthTryStillWorks() {
        codes.send(SCHOOL, "bind:o1", PHONE, "10.0.0.1", TEXT);
        String code = sent.get(0).get("code");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            codes.verify(SCHOOL, "bind:o1", PHONE, wrong);
        }
        assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, code)).isEqualTo(SmsCodes.Check.OK);
    }

    @Test
    void aPhoneGetsOneCodeAMinuteAndTenADay() {
        codes.send(SCHOOL, "bind:o1", PHONE, "10.0.0.1", TEXT);
        assertLimited(() -> codes.send(SCHOOL, "bind:o2", PHONE, "10.0.0.2", TEXT));
        for (int i = 1; i < SmsCodes.PER_PHONE_PER_DAY; i++) {
            redis.delete(redis.keys("sms:resend:*")); // as if a minute had passed
            codes.send(SCHOOL, "bind:o1", PHONE, "10.0.1." + i, TEXT);
        }
        redis.delete(redis.keys("sms:resend:*"));
        assertLimited(() -> codes.send(SCHOOL, "bind:o1", PHONE, "10.0.2.1", TEXT));
        assertThat(sent).hasSize(SmsCodes.PER_PHONE_PER_DAY);
        // A resend replaces the pending code: only the newest one works.
        String newest = sent.get(sent.size() - 1).get("code");
        assertThat(codes.verify(SCHOOL, "bind:o1", PHONE, newest)).isEqualTo(SmsCodes.Check.OK);
    }

    @Test
    void anAddressGetsTwentyCodesAnHour() {
        for (int i = 0; i < SmsCodes.PER_ADDRESS_PER_HOUR; i++) {
            codes.send(SCHOOL, "bind:o1", new PhoneNumber("1390000%04d".formatted(i)), "10.9.9.9", TEXT);
        }
        assertLimited(() -> codes.send(SCHOOL, "bind:o1", new PhoneNumber("13911112222"), "10.9.9.9", TEXT));
        codes.send(SCHOOL, "bind:o1", new PhoneNumber("13911112222"), "10.9.9.10", TEXT);
        assertThat(sent).hasSize(SmsCodes.PER_ADDRESS_PER_HOUR + 1);
    }

    @Test
    void aFailedSendLeavesNoCodeAndMayBeRetriedAtOnce() {
        failing = true;
        assertThatThrownBy(() -> codes.send(SCHOOL, "bind:o1", PHONE, "10.0.0.1", TEXT))
                .isInstanceOf(ApiException.class);
        assertThat(redis.keys("sms:code:*")).isEmpty();
        failing = false;
        codes.send(SCHOOL, "bind:o1", PHONE, "10.0.0.1", TEXT);
        assertThat(sent).hasSize(1);
    }

    private static void assertLimited(Runnable send) {
        assertThatThrownBy(send::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error().code()).isEqualTo("SMS_SEND_LIMITED"));
    }
}
