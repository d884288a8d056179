package cn.campuspass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The caching, compression and security headers of the apps' files, on the real Spring MVC resource handling with
 * a test portal under {@code src/test/resources/static/portal} (index.html and one hashed asset, each with the
 * {@code .gz} and {@code .br} a Vite build writes beside it).
 */
class SinglePageAppsTest {

    private static final String KEYCLOAK = "https://id.example.edu.cn/auth/";
    private static final String STORE = "https://files.example.edu.cn:9000/campuspass";

    private AnnotationConfigWebApplicationContext context;
    private MockMvc mvc;

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Mvc {}

    @BeforeEach
    void setUp() {
        context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.register(Mvc.class, SinglePageApps.class);
        context.refresh();
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilter(new PageHeaders(List.of(KEYCLOAK, "http://127.0.0.1:18180"), STORE))
                .build();
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    @Test
    void hashedAssetsAreCachedForAYearAsImmutable() throws Exception {
        MockHttpServletResponse response = send("/portal/assets/main-Ab12Cd34.js", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(response.getContentAsString()).startsWith("console.log(");
    }

    @Test
    void aMissingHashedAssetIsA404NotTheIndex() throws Exception {
        assertThat(send("/portal/assets/gone-Zz99Yy88.js", null).getStatus()).isEqualTo(404);
        assertThat(send("/portal/assets/not-a-file", null).getStatus()).isEqualTo(404);
    }

    @Test
    void theIndexIsRevalidatedWithAContentEtagAndAnswers304WhenUnchanged() throws Exception {
        MockHttpServletResponse first = send("/portal/demo/gate/7", null);

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(first.getContentAsString()).contains("test portal");
        String etag = first.getHeader("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        // Jar entry times are fixed by reproducible builds: the page must not be validated by them.
        assertThat(first.getHeader("Last-Modified")).isNull();

        MockHttpServletResponse again = mvc.perform(get("/portal/demo/rules").header("If-None-Match", etag))
                .andReturn()
                .getResponse();
        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(again.getContentAsByteArray()).isEmpty();

        MockHttpServletResponse changed = mvc.perform(get("/portal/demo/").header("If-None-Match", "\"0000\""))
                .andReturn()
                .getResponse();
        assertThat(changed.getStatus()).isEqualTo(200);
    }

    @Test
    void theBrowserGetsThePrecompressedVariantItAccepts() throws Exception {
        MockHttpServletResponse brotli = send("/portal/assets/main-Ab12Cd34.js", "gzip, deflate, br");
        assertThat(brotli.getHeader("Content-Encoding")).isEqualTo("br");
        assertThat(brotli.getHeader("Vary")).isEqualTo("Accept-Encoding");
        assertThat(brotli.getContentAsByteArray())
                .isEqualTo(new ClassPathResource("static/portal/assets/main-Ab12Cd34.js.br").getContentAsByteArray());
        assertThat(brotli.getHeader("Cache-Control")).contains("immutable");

        MockHttpServletResponse gzip = send("/portal/demo/", "gzip");
        assertThat(gzip.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.getHeader("Vary")).isEqualTo("Accept-Encoding");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.getContentAsByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("test portal");
        }
        // Each encoding is its own representation with its own tag.
        assertThat(gzip.getHeader("ETag"))
                .isNotEqualTo(send("/portal/demo/", null).getHeader("ETag"));

        MockHttpServletResponse plain = send("/portal/demo/", null);
        assertThat(plain.getHeader("Content-Encoding")).isNull();
        // The plain file also says it depends on Accept-Encoding, or a shared cache could serve it to everyone.
        assertThat(plain.getHeader("Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void pagesCarryAContentSecurityPolicyAndAReferrerPolicy() throws Exception {
        MockHttpServletResponse page = send("/portal/demo/guard", null);

        String csp = page.getHeader("Content-Security-Policy");
        assertThat(csp)
                .contains("default-src 'self'")
                .contains("script-src 'self';")
                .contains("connect-src 'self' blob: https://id.example.edu.cn http://127.0.0.1:18180;")
                .contains("frame-src 'self' https://id.example.edu.cn http://127.0.0.1:18180;")
                .contains("img-src 'self' data: blob: https://files.example.edu.cn:9000;")
                .contains("frame-ancestors 'none'")
                .contains("object-src 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src"))))
                .doesNotContain("unsafe-inline");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void brotliIsPreferredAmongTheCodingsTheBrowserAccepts() {
        assertThat(SinglePageApps.BrotliFirst.preferred("gzip, deflate, br, zstd"))
                .isEqualTo("br, gzip");
        assertThat(SinglePageApps.BrotliFirst.preferred("gzip;q=1.0, br;q=0")).isEqualTo("gzip");
        assertThat(SinglePageApps.BrotliFirst.preferred("identity")).isEmpty();
        assertThat(SinglePageApps.BrotliFirst.preferred(null)).isNull();
    }

    @Test
    void apisAreLeftToTheirOwnHeaders() {
        assertThat(PageHeaders.isAppFile("/portal/demo/gate/1")).isTrue();
        assertThat(PageHeaders.isAppFile("/admin/")).isTrue();
        assertThat(PageHeaders.isAppFile("/operator")).isTrue();
        assertThat(PageHeaders.isAppFile("/portal/demo/api/pass")).isFalse();
        assertThat(PageHeaders.isAppFile("/admin/api/gates")).isFalse();
        assertThat(PageHeaders.isAppFile("/operator/api/schools")).isFalse();
        assertThat(PageHeaders.isAppFile("/device/demo/api/verifications")).isFalse();
        assertThat(PageHeaders.isAppFile("/actuator/health")).isFalse();
        assertThat(PageHeaders.isAppFile("/administrator")).isFalse();
    }

    private MockHttpServletResponse send(String path, String acceptEncoding) throws Exception {
        var request = get(path);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
