package cn.campuspass.face;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FaceConfiguration {

    /** The real detector everywhere: it needs nothing outside the jar, so tests and the local stack use it too. */
    @Bean
    FaceCheck faceCheck() {
        return new OpenCvFaceCheck(FaceRules.defaults());
    }
}
