package cn.campuspass.tenant.onboarding;

public enum StepState {
    PENDING,
    RUNNING,
    DONE,
    FAILED
}
