package cn.campuspass.platform.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat refuses an encoded {@code /} or {@code \} in a path itself, with its own HTML page. Letting them through
 * undecoded hands the decision to {@link RequestHygieneFilter}, which refuses them too, but with
 * {@code {code, message}} like every other refusal. Routing never sees them decoded either way.
 */
@Configuration(proxyBeanMethods = false)
class TomcatEncodedPaths {

    @Bean
    TomcatConnectorCustomizer encodedSeparatorsToTheApplication() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }
}
