package cn.campuspass.config;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Profiles;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Validates {@link ProductionSettings} under the {@code prod} profile before any bean exists, so a pod with a
 * missing secret stops within seconds with Spring Boot's "APPLICATION FAILED TO START" report listing every
 * missing property, instead of failing later inside some bean (or not at all, on a local default). Registered in
 * {@code META-INF/spring.factories}; other profiles are left alone.
 */
public class ProductionSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            BindHandler handler = new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator()));
            Binder.get(context.getEnvironment()).bindOrCreate("", Bindable.of(ProductionSettings.class), handler);
        }
    }
}
