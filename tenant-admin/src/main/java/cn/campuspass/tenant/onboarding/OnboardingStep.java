package cn.campuspass.tenant.onboarding;

/** The steps of a school's birth, in order. Each is idempotent, so a retry re-runs the failed step safely. */
public enum OnboardingStep {
    REGISTRY,
    SCHEMA,
    REALM,
    STORAGE,
    ACTIVATE
}
