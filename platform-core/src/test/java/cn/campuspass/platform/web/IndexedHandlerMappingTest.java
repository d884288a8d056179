package cn.campuspass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The indexed look-up answers every request exactly as Spring's own scan does: same handler method, same URI
 * variables, same error for a wrong method or content type, same nothing for an unknown path — including the cases the
 * index hands back to Spring (encoded paths, literal paths, wildcards, a variable first segment).
 */
class IndexedHandlerMappingTest {

    @RestController
    static class Samples {
        @GetMapping("/portal/{school}/api/visitor/bookings")
        String myBookings(@PathVariable String school) {
            return "list";
        }

        @PostMapping(value = "/portal/{school}/api/visitor/bookings", consumes = "application/json")
        String book(@PathVariable String school) {
            return "book";
        }

        @GetMapping("/portal/{school}/api/visitor/bookings/{id}")
        String booking(@PathVariable String school, @PathVariable long id) {
            return "one";
        }

        @GetMapping("/admin/api/users/me")
        String me() {
            return "me";
        }

        @GetMapping("/admin/api/users/{id}")
        String user(@PathVariable long id) {
            return "user";
        }

        @DeleteMapping("/admin/api/users/{id}")
        String deleteUser(@PathVariable long id) {
            return "deleted";
        }

        @GetMapping("/admin/api/users/{id}/roles")
        String roles(@PathVariable long id) {
            return "roles";
        }

        @GetMapping("/files/**")
        String files() {
            return "files";
        }

        @GetMapping("/{school}/poster")
        String poster(@PathVariable String school) {
            return "poster";
        }

        @GetMapping({"/device/{school}/api/verifications/{code}", "/guard/{school}/verify/{code}"})
        String verify(@PathVariable String school, @PathVariable String code) {
            return "verify";
        }
    }

    private final RequestMappingHandlerMapping spring = mapping(new RequestMappingHandlerMapping());
    private final RequestMappingHandlerMapping indexed = mapping(new IndexedHandlerMapping());

    @Test
    void everyRequestGetsSpringsAnswer() {
        List<String[]> requests = List.of(
                new String[] {"GET", "/portal/demo/api/visitor/bookings", null},
                new String[] {"POST", "/portal/demo/api/visitor/bookings", "application/json"},
                new String[] {"POST", "/portal/demo/api/visitor/bookings", "text/plain"},
                new String[] {"PUT", "/portal/demo/api/visitor/bookings", null},
                new String[] {"GET", "/portal/demo/api/visitor/bookings/42", null},
                new String[] {"GET", "/portal/demo/api/visitor/bookings/42/", null},
                new String[] {"GET", "/portal/%64emo/api/visitor/bookings", null},
                new String[] {"GET", "/portal/demo/api/visitor/bookings;x=1", null},
                new String[] {"GET", "/admin/api/users/me", null},
                new String[] {"DELETE", "/admin/api/users/me", null},
                new String[] {"GET", "/admin/api/users/7", null},
                new String[] {"DELETE", "/admin/api/users/7", null},
                new String[] {"POST", "/admin/api/users/7", null},
                new String[] {"GET", "/admin/api/users/7/roles", null},
                new String[] {"GET", "/admin/api/users/7/other", null},
                new String[] {"GET", "/admin//api/users/7", null},
                new String[] {"GET", "/files/a/b/c.png", null},
                new String[] {"GET", "/demo/poster", null},
                new String[] {"GET", "/device/demo/api/verifications/123456", null},
                new String[] {"GET", "/guard/demo/verify/123456", null},
                new String[] {"GET", "/nowhere/at/all", null},
                new String[] {"GET", "/", null});
        for (String[] r : requests) {
            assertThat(answer(indexed, r)).as(r[0] + " " + r[1]).isEqualTo(answer(spring, r));
        }
        // And the answers are the expected ones, not merely equal.
        assertThat(answer(indexed, new String[] {"GET", "/admin/api/users/me", null}))
                .startsWith("me ");
        assertThat(answer(indexed, new String[] {"DELETE", "/admin/api/users/me", null}))
                .isEqualTo("deleteUser {id=me}");
        assertThat(answer(indexed, new String[] {"POST", "/portal/demo/api/visitor/bookings", "application/json"}))
                .isEqualTo("book {school=demo}");
        assertThat(answer(indexed, new String[] {"PUT", "/portal/demo/api/visitor/bookings", null}))
                .isEqualTo("HttpRequestMethodNotSupportedException");
        assertThat(answer(indexed, new String[] {"POST", "/portal/demo/api/visitor/bookings", "text/plain"}))
                .isEqualTo("HttpMediaTypeNotSupportedException");
        assertThat(answer(indexed, new String[] {"GET", "/guard/demo/verify/9", null}))
                .isEqualTo("verify {code=9, school=demo}");
    }

    @Test
    void aPathWithAVariableIsTestedOnlyAgainstTheMappingsOfItsShape() {
        IndexedHandlerMapping mapping = (IndexedHandlerMapping) indexed;
        // GET and POST of the bookings pattern, and the variable-first-segment pattern tested for every request.
        assertThat(mapping.candidates("/portal/demo/api/visitor/bookings"))
                .extracting(info -> info.getPathPatternsCondition().getPatternValues())
                .containsExactlyInAnyOrder(
                        java.util.Set.of("/portal/{school}/api/visitor/bookings"),
                        java.util.Set.of("/portal/{school}/api/visitor/bookings"),
                        java.util.Set.of("/{school}/poster"),
                        java.util.Set.of("/files/**"));
        assertThat(mapping.candidates("/admin/api/users/7")).hasSize(4); // GET, DELETE by id; the two always-tested
        assertThat(mapping.candidates("/admin/api/users/me"))
                .as("a literal path: Spring's map look-up")
                .isNull();
        assertThat(mapping.candidates("/portal/%64emo/api/visitor/bookings")).isNull();
    }

    /** "method {variables}", the exception's simple name, or "none". */
    private static String answer(RequestMappingHandlerMapping mapping, String[] r) {
        MockHttpServletRequest request = new MockHttpServletRequest(r[0], r[1]);
        if (r[2] != null) {
            request.setContentType(r[2]);
            request.setContent("{}".getBytes());
        }
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            return ((HandlerMethod) chain.getHandler()).getMethod().getName() + " "
                    + new java.util.TreeMap<>((Map<?, ?>) variables);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static RequestMappingHandlerMapping mapping(RequestMappingHandlerMapping mapping) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerSingleton("samples", Samples.class);
        context.refresh();
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }
}
