package cn.campuspass.tenant.onboarding;

import cn.campuspass.platform.school.SchoolCode;

/**
 * Called before each onboarding step runs. Operations use it to trace or veto onboarding; the fault-injection
 * tests use it to fail a chosen step and prove the school is never left half-usable.
 */
public interface OnboardingHook {

    void beforeStep(SchoolCode school, OnboardingStep step);
}
