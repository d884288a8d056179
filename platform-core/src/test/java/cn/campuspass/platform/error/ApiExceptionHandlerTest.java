package cn.campuspass.platform.error;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.campuspass.platform.web.MultiLine;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** Request/response shape of the error model over a small controller, without the application context. */
class ApiExceptionHandlerTest {

    record Thing(String name, @MultiLine String note, int count) {}

    @RestController
    static class Things {
        @PostMapping(value = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
        Thing create(@RequestBody Thing thing) {
            return thing;
        }

        @PutMapping("/things")
        Thing update(@RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/things")
        List<Thing> list(@RequestParam int page, @RequestParam(required = false) Long after) {
            return List.of();
        }

        @PostMapping("/things/import")
        String upload(@RequestParam("file") MultipartFile file) {
            return file.getOriginalFilename();
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("a real bug");
        }

        @GetMapping("/too-long")
        String tooLong() {
            throw new DataIntegrityViolationException(
                    "insert", new SQLException("value too long for type character varying(100)", "22001"));
        }

        @GetMapping("/duplicate")
        String duplicate() {
            throw new DataIntegrityViolationException("insert", new SQLException("duplicate key", "23505"));
        }
    }

    private final MockMvc mvc = mvc();

    private static MockMvc mvc() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/errors");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        AcceptHeaderLocaleResolver locales = new AcceptHeaderLocaleResolver();
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        JsonMapper json = JsonMapper.builder()
                .addModule(new cn.campuspass.platform.web.TextInputTestAccess().module())
                .build();
        return MockMvcBuilders.standaloneSetup(new Things())
                .setControllerAdvice(new ApiExceptionHandler(new ErrorMessages(source, locales)))
                .setMessageConverters(new JacksonJsonHttpMessageConverter(json))
                .build();
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        mvc.perform(request(HttpMethod.DELETE, "/things"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().exists("Allow"))
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @Test
    void jsonAsTextPlainOrFormIs415() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.TEXT_PLAIN).content("{\"name\":\"a\"}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
        mvc.perform(put("/things")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("name=a"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void brokenJsonAndWrongTypesAre400() throws Exception {
        for (String body : List.of("{", "[]", "{\"count\":\"many\"}", "{\"name\":{}}", "nul", "\"x\"")) {
            mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        }
    }

    @Test
    void deepNestingIs400() throws Exception {
        String deep = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content(deep))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
    }

    @Test
    void controlCharactersInJsonTextAre400NamingTheField() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\\u0000b\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("CONTROL_CHARACTERS"))
                .andExpect(jsonPath("$.fields[0].field").value("name"));
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"a\\nb\",\"count\":1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.note").value("a\nb"));
    }

    @Test
    void wrongParameterTypesAndMissingParametersAre400() throws Exception {
        mvc.perform(get("/things").param("page", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        mvc.perform(get("/things").param("page", "1").param("after", "99999999999999999999999"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        mvc.perform(get("/things"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_PARAMETER"))
                .andExpect(jsonPath("$.fields[0].field").value("page"));
    }

    @Test
    void uploadsWithoutTheirPartOrNotMultipartAre400() throws Exception {
        mvc.perform(multipart("/things/import").file(new MockMultipartFile("other", "x.xlsx", null, new byte[] {1})))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MISSING_PARAMETER"))
                .andExpect(jsonPath("$.fields[0].field").value("file"));
        mvc.perform(post("/things/import")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().is4xxClientError())
                .andExpect(jsonPath("$.code").isNotEmpty());
    }

    @Test
    void aServerBugIs500WithAnErrorIdNeverA400() throws Exception {
        mvc.perform(get("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("INTERNAL"))
                .andExpect(jsonPath("$.errorId").isString())
                .andExpect(result -> {
                    String body = result.getResponse().getContentAsString();
                    String id = tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .readTree(body)
                            .path("errorId")
                            .asString();
                    org.assertj.core.api.Assertions.assertThat(id).hasSize(12);
                    org.assertj.core.api.Assertions.assertThat(body).contains(id);
                    org.assertj.core.api.Assertions.assertThat(tools.jackson.databind.json.JsonMapper.builder()
                                    .build()
                                    .readTree(body)
                                    .path("message")
                                    .asString())
                            .contains(id);
                });
    }

    @Test
    void dataThePostgresRefusesIsTheClients() throws Exception {
        mvc.perform(get("/too-long"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALUE_TOO_LONG"));
        mvc.perform(get("/duplicate"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DATA_CONFLICT"));
    }

    @Test
    void messagesAreChineseUnlessEnglishIsAsked() throws Exception {
        mvc.perform(request(HttpMethod.DELETE, "/things"))
                .andExpect(jsonPath("$.message").value("此地址不支持该请求方法"));
        mvc.perform(request(HttpMethod.DELETE, "/things").header("Accept-Language", "en"))
                .andExpect(jsonPath("$.message").value("This address does not accept that request method"));
    }
}
