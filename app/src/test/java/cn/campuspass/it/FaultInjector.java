package cn.campuspass.it;

import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.tenant.onboarding.OnboardingHook;
import cn.campuspass.tenant.onboarding.OnboardingStep;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fails a chosen onboarding step of a chosen school once, before the step or at a named point inside it. */
public class FaultInjector implements OnboardingHook {

    private final Map<String, OnboardingStep> armed = new ConcurrentHashMap<>();
    private final Map<String, String> armedWithin = new ConcurrentHashMap<>();

    public void failOnce(String school, OnboardingStep step) {
        armed.put(school, step);
    }

    /** Fails once at {@code point} inside {@code step} (see the constants of {@link OnboardingHook}). */
    public void failOnceWithin(String school, OnboardingStep step, String point) {
        armedWithin.put(school, step.name() + "/" + point);
    }

    @Override
    public void beforeStep(SchoolCode school, OnboardingStep step) {
        if (armed.remove(school.value(), step)) {
            throw new IllegalStateException("Injected fault at " + step);
        }
    }

    @Override
    public void within(SchoolCode school, OnboardingStep step, String point) {
        if (armedWithin.remove(school.value(), step.name() + "/" + point)) {
            throw new IllegalStateException("Injected fault at " + step + " (" + point + ")");
        }
    }
}
