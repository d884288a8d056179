package cn.campuspass.tenant.onboarding;

import cn.campuspass.platform.school.SchoolCode;

/**
 * Called before each onboarding step runs, and at named points inside a step. Operations use it to trace or veto
 * onboarding; the fault-injection tests use it to fail a chosen step, or a step half way, and prove the school is
 * never left half-usable and a retry finishes what was left.
 */
public interface OnboardingHook {

    /** Inside REALM: the realm exists (and may be new), nothing else of it is set up yet, no admin user. */
    String REALM_CREATED = "realm-created";

    /** Inside REALM: the first admin's user exists, without password or role yet. */
    String ADMIN_USER_CREATED = "admin-user-created";

    /** Inside SCHEMA, before the school migration of this version runs: {@code BEFORE_MIGRATION + "3"}. */
    String BEFORE_MIGRATION = "before-migration:";

    void beforeStep(SchoolCode school, OnboardingStep step);

    /** A named point inside a step (the constants above); may throw to interrupt the step there. */
    default void within(SchoolCode school, OnboardingStep step, String point) {}
}
