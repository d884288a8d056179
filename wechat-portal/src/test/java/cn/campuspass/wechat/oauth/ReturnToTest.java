package cn.campuspass.wechat.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.SchoolCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnToTest {

    private static final SchoolCode DEMO = SchoolCode.of("demo");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/portal/demo/",
                "/portal/demo/gate/12?s=AbC-_9",
                "/portal/demo/me?tab=rules#top",
                "/portal/demo/gate/12?s=abc&from=singlemessage&isappinstalled=0",
                "/portal/demo/a%20b"
            })
    void pathsOfThisSchoolsPortalAreKept(String candidate) {
        assertThat(ReturnTo.orHome(candidate, DEMO)).isEqualTo(candidate);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "https://evil.example/portal/demo/",
                "//evil.example/portal/demo/",
                "/\\evil.example",
                "/portal/demo",
                "/portal/demox/",
                "/portal/other/",
                "/admin/",
                "/portal/demo/../../admin/",
                "/portal/demo/..",
                "/portal/demo/./x",
                "/portal/demo//evil.example",
                "/portal/demo/%2e%2e/%2e%2e/admin/",
                "/portal/demo/%2F%2Fevil.example",
                "/portal/demo/%5cevil",
                "/portal/demo/\\evil",
                "/portal/demo/x\r\nSet-Cookie: a=b",
                "/portal/demo/ x",
                "/portal/demo/校门",
                "javascript:alert(1)",
                "portal/demo/"
            })
    void anythingElseGoesHome(String candidate) {
        assertThat(ReturnTo.orHome(candidate, DEMO)).isEqualTo("/portal/demo/");
        assertThat(ReturnTo.validate(candidate, DEMO)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aQueryMayHoldWhatAPathMayNot() {
        // Only the path is checked for dot segments and double slashes; a query is data for the page.
        assertThat(ReturnTo.validate("/portal/demo/gate/1?next=a//b", DEMO)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void tooLongGoesHome() {
        assertThat(ReturnTo.orHome("/portal/demo/" + "a".repeat(2000), DEMO)).isEqualTo("/portal/demo/");
    }
}
