package cn.campuspass.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Error codes are the API's stable vocabulary: each is defined once across all modules (a code defined twice can
 * carry two texts, and a client cannot tell which module meant it), and each has a Chinese and an English text.
 */
class ErrorCodesTest {

    private static List<Class<?>> errorCodeEnums() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(ErrorCode.class));
        List<Class<?>> enums = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("cn.campuspass")) {
            Class<?> type = Class.forName(definition.getBeanClassName());
            if (type.isEnum()) {
                enums.add(type);
            }
        }
        return enums;
    }

    @Test
    void everyCodeIsDefinedOnceAcrossAllModules() throws Exception {
        List<Class<?>> enums = errorCodeEnums();
        assertThat(enums.stream().map(Class::getSimpleName))
                .contains(
                        "PlatformError",
                        "TenantError",
                        "AccessError",
                        "PortalError",
                        "RegistrantError",
                        "OrganizationError",
                        "StorageError");
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (Class<?> type : enums) {
            for (Object constant : type.getEnumConstants()) {
                owners.computeIfAbsent(((ErrorCode) constant).code(), k -> new ArrayList<>())
                        .add(type.getSimpleName());
            }
        }
        assertThat(owners.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::toString))
                .as("codes defined by more than one enum")
                .isEmpty();
    }

    /** The bundles the application itself reads ({@code spring.messages.basename}), so a new module cannot be missed. */
    private static String[] applicationMessageBundles() throws java.io.IOException {
        try (var in = ErrorCodesTest.class.getResourceAsStream("/application.yml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s+basename:\\s*(\\S+)")
                    .matcher(yaml);
            assertThat(m.find())
                    .as("spring.messages.basename in application.yml")
                    .isTrue();
            return m.group(1).split(",");
        }
    }

    @Test
    void everyCodeHasAChineseAndAnEnglishText() throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(applicationMessageBundles());
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        List<String> missing = new ArrayList<>();
        for (Class<?> type : errorCodeEnums()) {
            for (Object constant : type.getEnumConstants()) {
                String key = "error." + ((ErrorCode) constant).code();
                for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                    String text = messages.getMessage(key, null, null, locale);
                    if (text == null) {
                        missing.add(key + " (" + locale + ")");
                    } else if (locale.equals(Locale.SIMPLIFIED_CHINESE)
                            && text.chars().noneMatch(c -> c >= 0x4e00)) {
                        missing.add(key + " (zh_CN text is not Chinese: " + text + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
