package cn.campuspass.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorFactory;

/** The jar's descriptors: what Keycloak reads to find the providers and the theme. */
class ProviderRegistrationTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = ProviderRegistrationTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Properties messages(String locale) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ProviderRegistrationTest.class.getResourceAsStream(
                "/theme/campuspass/login/messages/messages_" + locale + ".properties")) {
            assertThat(in).as(locale).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8)); // Keycloak reads them as UTF-8
        }
        return p;
    }

    @Test
    void servicesFileListsBothFactories() throws Exception {
        // Read from our own build output: Keycloak's jar has a file of the same name.
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                "src/main/resources/META-INF/services/org.keycloak.authentication.AuthenticatorFactory"));
        assertThat(lines)
                .containsExactlyInAnyOrder(
                        UsernameOrPhonePasswordFormFactory.class.getName(), ValidateUsernameOrPhone.class.getName());
        for (String className : lines) {
            Object factory = Class.forName(className).getDeclaredConstructor().newInstance();
            assertThat(factory).isInstanceOf(AuthenticatorFactory.class);
        }
    }

    @Test
    void providerIdsFitKeycloaksExecutionColumn() {
        // AUTHENTICATION_EXECUTION.AUTHENTICATOR is VARCHAR(36) (jpa-changelog-1.3.0, unchanged in 26.5.6).
        assertThat(UsernameOrPhonePasswordFormFactory.PROVIDER_ID).hasSizeLessThanOrEqualTo(36);
        assertThat(ValidateUsernameOrPhone.PROVIDER_ID).hasSizeLessThanOrEqualTo(36);
        assertThat(new UsernameOrPhonePasswordFormFactory().getId())
                .isEqualTo(UsernameOrPhonePasswordFormFactory.PROVIDER_ID);
        assertThat(new ValidateUsernameOrPhone().getId()).isEqualTo(ValidateUsernameOrPhone.PROVIDER_ID);
    }

    @Test
    void themeIsDeclared() throws IOException {
        String json = resource("META-INF/keycloak-themes.json").replaceAll("\\s", "");
        assertThat(json).contains("\"name\":\"campuspass\"").contains("\"types\":[\"login\"]");
        Properties theme = new Properties();
        theme.load(new java.io.StringReader(resource("theme/campuspass/login/theme.properties")));
        assertThat(theme.getProperty("parent")).isEqualTo("keycloak.v2");
        assertThat(theme.getProperty("styles")).contains("css/styles.css").contains("css/campuspass.css");
        assertThat(resource("theme/campuspass/login/resources/css/campuspass.css"))
                .isNotBlank();
    }

    @Test
    void labelsAndTitle() throws IOException {
        Properties zh = messages("zh_CN");
        assertThat(zh.getProperty("usernameOrEmail")).isEqualTo("账号/手机号");
        assertThat(zh.getProperty("username")).isEqualTo("账号/手机号");
        assertThat(zh.getProperty("loginTitleHtml")).isEqualTo("校园人车通 CampusPass");
        Properties en = messages("en");
        assertThat(en.getProperty("usernameOrEmail")).isEqualTo("Account or phone");
        assertThat(en.getProperty("username")).isEqualTo("Account or phone");
        assertThat(en.getProperty("loginTitleHtml")).isEqualTo("校园人车通 CampusPass");
    }

    @Test
    void zhHansMirrorsZhCn() throws IOException {
        // Keycloak 26 loads messages_zh_Hans after messages_zh_CN for zh-CN; keep them identical.
        assertThat(messages("zh_Hans")).isEqualTo(messages("zh_CN"));
    }
}
