package cn.campuspass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestPathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/admin/api/home",
                "/admin/%61pi/home",
                "/portal/demo/api/info",
                "/admin/api/registrants?q=%E5%BC%A0",
                "/admin/api/campuses/",
                "/admin/api/%E6%A0%A1%E5%8C%BA"
            })
    void acceptsCanonicalPaths(String uri) {
        assertThat(RequestPaths.canonical(uri.split("\\?")[0])).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/admin/api%2Fhome",
                "/admin/api%2fhome",
                "/admin/api%5Chome",
                "/admin\\api/home",
                "/admin/%2E%2E/operator/api/schools",
                "/admin/api/home;jsessionid=1",
                "/admin/api/home%3Bx",
                "/admin/%2561pi/home",
                "/admin//api/home",
                "//admin/api/home",
                "/admin/./api/home",
                "/admin/../operator/api/schools",
                "/admin/api/..",
                "/admin/api/home%",
                "/admin/api/home%zz",
                "/admin/api/%00",
                "admin/api/home"
            })
    void refusesAmbiguousPaths(String uri) {
        assertThat(RequestPaths.canonical(uri)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/%61pi/home", "/admin/api/home"})
    void decodesThePathRoutingMatches(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        assertThat(RequestPaths.of(request)).isEqualTo("/admin/api/home");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cp/admin/%61pi/home"})
    void leavesTheContextPathOut(String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        request.setContextPath("/cp");
        assertThat(RequestPaths.of(request)).isEqualTo("/admin/api/home");
    }
}
