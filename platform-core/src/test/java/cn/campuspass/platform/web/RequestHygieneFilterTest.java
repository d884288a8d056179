package cn.campuspass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.error.PlatformError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestHygieneFilterTest {

    private static PlatformError refusal(String method, String uri, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setQueryString(query);
        ApiException e = catchThrowableOfType(ApiException.class, () -> RequestHygieneFilter.check(request));
        return e == null ? null : (PlatformError) e.error();
    }

    @Test
    void passesOrdinaryRequests() {
        assertThat(refusal("GET", "/admin/api/registrants", "q=%E5%BC%A0%E4%B8%89&page=3&size=20"))
                .isNull();
        assertThat(refusal("POST", "/admin/%61pi/campuses", null)).isNull();
        assertThat(refusal("GET", "/admin/api/registrants", "page=10000&size=500"))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "PROPFIND", "TRACE", "CONNECT", "get"})
    void refusesMethodsHttpDoesNotDefineHere(String method) {
        assertThat(refusal(method, "/admin/api/campuses", null)).isEqualTo(PlatformError.METHOD_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/api%2Fhome", "/admin/%2561pi/home", "/admin/api/home;x=1", "/admin/./api/home"})
    void refusesAmbiguousPaths(String uri) {
        assertThat(refusal("GET", uri, null)).isEqualTo(PlatformError.PATH_NOT_CANONICAL);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/admin/api/campuses/%01", "/admin/api/campuses/a%0Ab", "/admin/api/x%7F", "/admin/api/%C2%85"})
    void refusesControlCharactersInThePath(String uri) {
        assertThat(refusal("GET", uri, null)).isEqualTo(PlatformError.CONTROL_CHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%00", "q=a%0Db", "q=%09", "q%00=1", "q=%E2%80%A8", "a=1&q=x%1Fy"})
    void refusesControlCharactersInTheQuery(String query) {
        assertThat(refusal("GET", "/admin/api/registrants", query)).isEqualTo(PlatformError.CONTROL_CHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "page=2147483647",
                "page=-1",
                "page=10001",
                "size=0",
                "size=501",
                "size=-5",
                "page=abc",
                "size=1e3"
            })
    void refusesPagingOutOfBounds(String query) {
        assertThat(refusal("GET", "/admin/api/registrants", query)).isEqualTo(PlatformError.PAGING_INVALID);
    }

    @Test
    void refusesBrokenQueryEscapes() {
        assertThat(refusal("GET", "/admin/api/registrants", "q=%zz")).isEqualTo(PlatformError.MALFORMED_REQUEST);
        assertThatCode(() -> refusal("GET", "/admin/api/registrants", "q=%25zz"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesJsonDeclaredInAnotherCharset() {
        for (String type : List.of(
                "application/json;charset=UTF-16",
                "application/json; charset=ISO-8859-1",
                "application/problem+json;charset=GBK",
                "application/json;charset=nonsense-42")) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/api/campuses");
            request.setContentType(type);
            ApiException e = catchThrowableOfType(ApiException.class, () -> RequestHygieneFilter.check(request));
            assertThat(e).as(type).isNotNull();
            assertThat(e.error()).isEqualTo(PlatformError.UNSUPPORTED_MEDIA_TYPE);
        }
        for (String type : List.of(
                "application/json",
                "application/json;charset=UTF-8",
                "application/json;charset=utf-8",
                "text/plain;charset=GBK",
                "multipart/form-data; boundary=x")) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/api/campuses");
            request.setContentType(type);
            assertThatCode(() -> RequestHygieneFilter.check(request)).as(type).doesNotThrowAnyException();
        }
    }
}
