package cn.campuspass.it;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.onboarding.OnboardingHook;
import cn.campuspass.tenant.onboarding.OnboardingStep;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fails a chosen onboarding step of a chosen school, once. */
public class FaultInjector implements OnboardingHook {

    private final Map<String, OnboardingStep> armed = new ConcurrentHashMap<>();

    public void failOnce(String school, OnboardingStep step) {
        armed.put(school, step);
    }

    @Override
    public void beforeStep(SchoolCode school, OnboardingStep step) {
        if (armed.remove(school.value(), step)) {
            throw new IllegalStateException("Injected fault at " + step);
        }
    }
}
