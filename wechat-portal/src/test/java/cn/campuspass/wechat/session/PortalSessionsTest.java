package cn.campuspass.wechat.session;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.wechat.testing.EmbeddedRedis;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Session semantics against a real (embedded) Redis, without Spring's context. */
class PortalSessionsTest {

    private static final SchoolCode A = SchoolCode.of("schoola");
    private static final SchoolCode B = SchoolCode.of("schoolb");

    private static EmbeddedRedis embedded;
    private static StringRedisTemplate redis;

    private PortalSessions sessions;
    private MovableClock clock;

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
        clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));
        sessions =
                new PortalSessions(redis, JsonMapper.builder().build(), Duration.ofDays(7), Duration.ofDays(30), clock);
    }

    /** A clock the test moves by hand: the absolute lifetime is checked against it, not against waiting. */
    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aSessionUsedEveryDayStillEndsAtItsAbsoluteLifetime() {
        PortalSession session =
                sessions.bind(sessions.create(A, "o-1", null), 7L).orElseThrow();
        String key = "portal-session:" + PortalSessions.hash(session.token());
        for (int day = 1; day <= 29; day++) {
            clock.advance(Duration.ofDays(1));
            assertThat(sessions.find(session.token())).as("day %d", day).isPresent();
        }
        // One day left: the sliding renewal stops at the absolute end instead of granting seven more days.
        assertThat(redis.getExpire(key)).isLessThanOrEqualTo(Duration.ofDays(1).toSeconds());
        clock.advance(Duration.ofDays(1));
        assertThat(sessions.find(session.token())).isEmpty();
        assertThat(redis.hasKey(key)).isFalse();
        assertThat(redis.opsForSet().members("portal-sessions-of:schoola:7")).isEmpty();
    }

    @Test
    void aSessionWrittenBeforeTheAbsoluteLifetimeCountsFromItsFirstUse() {
        String token = PortalSessions.randomToken();
        String key = "portal-session:" + PortalSessions.hash(token);
        redis.opsForValue()
                .set(key, "{\"school\":\"schoola\",\"openid\":\"o-1\",\"registrantId\":7}", Duration.ofDays(7));
        assertThat(sessions.find(token)).isPresent();
        clock.advance(Duration.ofDays(29));
        assertThat(sessions.find(token)).isPresent();
        clock.advance(Duration.ofDays(1));
        assertThat(sessions.find(token)).isEmpty();
    }

    @Test
    void aMaximumShorterThanTheSlidingTtlIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PortalSessions(
                        redis, JsonMapper.builder().build(), Duration.ofDays(7), Duration.ofDays(1), clock))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSessionIsFoundByItsTokenOnlyAndStoredUnderItsHash() {
        PortalSession created = sessions.create(A, "o-1", null);
        assertThat(created.token()).hasSize(43);
        assertThat(created.bound()).isFalse();
        assertThat(sessions.find(created.token())).contains(created);
        assertThat(sessions.find(created.token() + "x")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(redis.keys("*")).containsExactly("portal-session:" + PortalSessions.hash(created.token()));
        assertThat(redis.keys("*" + created.token() + "*")).isEmpty();
    }

    @Test
    void findingASessionRenewsItsTtl() {
        PortalSession created = sessions.create(A, "o-1", 42L);
        String key = "portal-session:" + PortalSessions.hash(created.token());
        redis.expire(key, Duration.ofSeconds(10));
        redis.expire("portal-sessions-of:schoola:42", Duration.ofSeconds(10));
        assertThat(sessions.find(created.token())).isPresent();
        assertThat(redis.getExpire(key)).isGreaterThan(Duration.ofDays(6).toSeconds());
        assertThat(redis.getExpire("portal-sessions-of:schoola:42"))
                .isGreaterThan(Duration.ofDays(6).toSeconds());
    }

    @Test
    void bindingKeepsTheTokenAndIndexesTheRegistrant() {
        PortalSession created = sessions.create(A, "o-1", null);
        PortalSession bound = sessions.bind(created, 7L).orElseThrow();
        assertThat(bound.token()).isEqualTo(created.token());
        assertThat(sessions.find(created.token()).orElseThrow().registrantId()).isEqualTo(7L);
        assertThat(redis.opsForSet().members("portal-sessions-of:schoola:7"))
                .containsExactly(PortalSessions.hash(created.token()));
    }

    @Test
    void aDroppedSessionIsNotRevivedByBinding() {
        PortalSession created = sessions.create(A, "o-1", null);
        sessions.delete(created);
        assertThat(sessions.bind(created, 7L)).isEmpty();
        assertThat(sessions.find(created.token())).isEmpty();
    }

    @Test
    void droppingARegistrantEndsAllTheirSessionsAndNoOneElses() {
        PortalSession first = sessions.create(A, "o-1", 7L);
        PortalSession second =
                sessions.bind(sessions.create(A, "o-1", null), 7L).orElseThrow();
        PortalSession otherPerson = sessions.create(A, "o-2", 8L);
        PortalSession sameIdOtherSchool = sessions.create(B, "o-3", 7L);
        PortalSession unbound = sessions.create(A, "o-1", null);

        assertThat(sessions.dropAllOf(A, 7L)).isEqualTo(2);
        assertThat(sessions.find(first.token())).isEmpty();
        assertThat(sessions.find(second.token())).isEmpty();
        assertThat(sessions.find(otherPerson.token())).isPresent();
        assertThat(sessions.find(sameIdOtherSchool.token())).isPresent();
        assertThat(sessions.find(unbound.token())).isPresent();
        assertThat(sessions.dropAllOf(A, 7L)).isZero();
    }

    @Test
    void signingOutEndsOneSessionAndLeavesTheIndexClean() {
        PortalSession first = sessions.create(A, "o-1", 7L);
        PortalSession second = sessions.create(A, "o-1", 7L);
        sessions.delete(first);
        assertThat(sessions.find(first.token())).isEmpty();
        assertThat(sessions.find(second.token())).isPresent();
        assertThat(redis.opsForSet().members("portal-sessions-of:schoola:7"))
                .containsExactly(PortalSessions.hash(second.token()));
    }

    @Test
    void tokensAreUnguessablyDistinct() {
        assertThat(sessions.create(A, "o-1", null).token())
                .isNotEqualTo(sessions.create(A, "o-1", null).token());
    }
}
