package cn.campuspass.platform.error;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** The container's error page answers {@code {code, message}} too, with the status it was given. */
class ErrorPageControllerTest {

    private final MockMvc mvc = mvc();

    private static MockMvc mvc() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/errors");
        source.setDefaultEncoding("UTF-8");
        AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        return MockMvcBuilders.standaloneSetup(new ErrorPageController(new ErrorMessages(source, locales)))
                .build();
    }

    @ParameterizedTest
    @CsvSource({
        "400, MALFORMED_REQUEST",
        "404, NOT_FOUND",
        "405, METHOD_NOT_ALLOWED",
        "413, PAYLOAD_TOO_LARGE",
        "429, RATE_LIMITED",
        "500, INTERNAL"
    })
    void answersTheStatusWithACode(int status, String code) throws Exception {
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status))
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }
}
