package cn.campuspass.platform.error;

import cn.campuspass.platform.security.StaffForWebSlices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The platform's error model for {@code @WebMvcTest} slices of any module (shared through platform-core's test jar):
 * the exception handler (package-private, hence this configuration in its package), the error texts of every module
 * on the test's classpath and the locale resolution the app uses.
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiExceptionHandler.class, ErrorMessages.class, StaffForWebSlices.class})
public class ApiErrorsForWebSlices {

    @Bean
    ResourceBundleMessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(errorBundles());
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** Every {@code i18n/*.properties} bundle on the classpath, by its base name (locale variants share it). */
    static String[] errorBundles() {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties"))
                    .map(Resource::getFilename)
                    .filter(name -> name != null && !name.contains("_"))
                    .map(name -> "i18n/" + name.substring(0, name.length() - ".properties".length()))
                    .distinct()
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        return resolver;
    }
}
