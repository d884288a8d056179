package cn.campuspass.tenant.onboarding;

import cn.campuspass.platform.school.SchoolCode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-step state of each school's onboarding in {@code platform.onboarding_step}. */
@Repository
public class OnboardingProgress {

    private final JdbcClient jdbc;

    public OnboardingProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record StepStatus(OnboardingStep step, StepState state, String error, int attempts, Instant finishedAt) {}

    public void create(SchoolCode school) {
        for (OnboardingStep step : OnboardingStep.values()) {
            jdbc.sql("""
                    INSERT INTO platform.onboarding_step (school_code, step, position, state)
                    VALUES (:school, :step, :position, 'PENDING') ON CONFLICT DO NOTHING
                    """)
                    .param("school", school.value())
                    .param("step", step.name())
                    .param("position", step.ordinal())
                    .update();
        }
    }

    public List<StepStatus> of(SchoolCode school) {
        return jdbc.sql(
                        "SELECT step, state, error, attempts, finished_at FROM platform.onboarding_step WHERE school_code = :school ORDER BY position")
                .param("school", school.value())
                .query((rs, n) -> new StepStatus(
                        OnboardingStep.valueOf(rs.getString("step")),
                        StepState.valueOf(rs.getString("state")),
                        rs.getString("error"),
                        rs.getInt("attempts"),
                        toInstant(rs.getTimestamp("finished_at"))))
                .list();
    }

    /** The first step not done of each of these schools, in one query (schools fully onboarded are absent). */
    public java.util.Map<SchoolCode, StepStatus> currentSteps(java.util.Collection<SchoolCode> schools) {
        if (schools.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<SchoolCode, StepStatus> current = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (school_code) school_code, step, state, error, attempts, finished_at
                FROM platform.onboarding_step
                WHERE school_code IN (:schools) AND state <> 'DONE'
                ORDER BY school_code, position
                """)
                .param("schools", schools.stream().map(SchoolCode::value).toList())
                .query((rs, n) -> {
                    current.put(
                            SchoolCode.of(rs.getString("school_code")),
                            new StepStatus(
                                    OnboardingStep.valueOf(rs.getString("step")),
                                    StepState.valueOf(rs.getString("state")),
                                    rs.getString("error"),
                                    rs.getInt("attempts"),
                                    toInstant(rs.getTimestamp("finished_at"))));
                    return null;
                })
                .list();
        return current;
    }

    public void running(SchoolCode school, OnboardingStep step) {
        jdbc.sql("""
                UPDATE platform.onboarding_step SET state = 'RUNNING', error = NULL, attempts = attempts + 1,
                    started_at = now(), finished_at = NULL
                WHERE school_code = :school AND step = :step
                """).param("school", school.value()).param("step", step.name()).update();
    }

    public void done(SchoolCode school, OnboardingStep step) {
        finish(school, step, StepState.DONE, null);
    }

    public void failed(SchoolCode school, OnboardingStep step, String error) {
        finish(school, step, StepState.FAILED, error);
    }

    private void finish(SchoolCode school, OnboardingStep step, StepState state, String error) {
        jdbc.sql("""
                UPDATE platform.onboarding_step SET state = :state, error = :error, finished_at = now()
                WHERE school_code = :school AND step = :step
                """)
                .param("state", state.name())
                .param("error", error)
                .param("school", school.value())
                .param("step", step.name())
                .update();
    }

    static boolean allDone(List<StepStatus> steps) {
        return !steps.isEmpty() && steps.stream().allMatch(s -> s.state() == StepState.DONE);
    }

    static List<OnboardingStep> ordered() {
        return Arrays.asList(OnboardingStep.values());
    }

    private static Instant toInstant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
