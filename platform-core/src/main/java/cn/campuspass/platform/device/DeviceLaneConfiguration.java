package cn.campuspass.platform.device;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeviceLaneConfiguration {

    /** Device calls are timed by the lane ({@code campuspass.device.calls}), not by the HTTP observation. */
    @Bean
    ObservationPredicate deviceCallsTimedByTheLane() {
        return DeviceLane.observed();
    }
}
