package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.security.EndpointDeclarations;
import cn.campuspass.platform.security.EndpointDeclarations.Declaration;
import cn.campuspass.platform.web.EndpointCatalog;
import cn.campuspass.platform.web.EndpointCatalog.Channel;
import cn.campuspass.platform.web.EndpointCatalog.Endpoint;
import cn.campuspass.platform.web.ServerResolved;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Item 10 of issue 8: the OpenAPI description the running app serves lists every endpoint of every channel with the
 * permission (or audience) it declares, and leaves out what the server resolves itself. Driven by {@link
 * EndpointCatalog}, so a new endpoint is checked without editing this class.
 */
class ApiDocsIT extends StackTest {

    @Autowired
    EndpointCatalog catalog;

    @Autowired
    EndpointDeclarations declarations;

    @Test
    void everyEndpointIsDescribedInItsChannelsGroupWithWhatItNeeds() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Channel channel : Channel.values()) {
            if (channel == Channel.OTHER) {
                continue;
            }
            Http.Response response =
                    Http.get(url("/v3/api-docs/" + channel.name().toLowerCase(Locale.ROOT)), null);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode spec = response.json();
            assertThat(spec.path("openapi").asString()).startsWith("3.");
            assertThat(spec.path("components").path("schemas").has("ApiError")).isTrue();
            assertThat(spec.path("components").path("schemas").has("StaffPrincipal"))
                    .isFalse();
            assertThat(spec.path("components").path("schemas").has("PortalSession"))
                    .isFalse();
            JsonNode paths = spec.path("paths");
            for (Endpoint endpoint : catalog.endpoints(channel)) {
                checked++;
                JsonNode path = paths.path(plain(endpoint.pattern()));
                if (path.isMissingNode()) {
                    problems.add(endpoint + ": path missing from group " + channel);
                    continue;
                }
                List<JsonNode> operations = new ArrayList<>();
                if (endpoint.method() == null) {
                    path.forEach(operations::add);
                } else if (path.has(endpoint.method().name().toLowerCase(Locale.ROOT))) {
                    operations.add(path.path(endpoint.method().name().toLowerCase(Locale.ROOT)));
                }
                if (operations.isEmpty()) {
                    problems.add(endpoint + ": no operation");
                    continue;
                }
                Declaration declaration = declarations.of(endpoint.handler());
                Set<String> hidden = serverResolvedParameters(endpoint);
                for (JsonNode operation : operations) {
                    String description = operation.path("description").asString();
                    if (declaration.permission() != null) {
                        if (!declaration
                                        .permission()
                                        .equals(operation.path("x-permission").asString())
                                || !description.contains(declaration.permission())) {
                            problems.add(endpoint + ": permission " + declaration.permission() + " not shown");
                        }
                    } else if (!declaration
                                    .audience()
                                    .name()
                                    .equals(operation.path("x-open-to").asString())
                            || !description.contains(declaration.audience().name())) {
                        problems.add(endpoint + ": audience " + declaration.audience() + " not shown");
                    }
                    for (JsonNode parameter : operation.path("parameters")) {
                        if (hidden.contains(parameter.path("name").asString())) {
                            problems.add(endpoint + ": server-resolved parameter " + parameter.path("name"));
                        }
                    }
                    if (!hidden.isEmpty()
                            && operation.path("requestBody").toString().contains("DataScope")) {
                        problems.add(endpoint + ": data scope as a request body");
                    }
                    if (!operation.path("responses").has("4XX")) {
                        problems.add(endpoint + ": no {code,message} error response");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked)
                .isEqualTo(catalog.endpoints().size()
                        - catalog.endpoints(Channel.OTHER).size());
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void aPermissionEndpointShowsThePermissionsNamesAndAStaffTokenScheme() {
        JsonNode spec = Http.get(url("/v3/api-docs/admin"), null).json();
        JsonNode importing =
                spec.path("paths").path("/admin/api/registrants/import").path("post");
        assertThat(importing.path("x-permission").asString()).isEqualTo("registrant:registrant:import");
        assertThat(importing.path("security").toString()).contains("staffToken");
        assertThat(spec.path("components")
                        .path("securitySchemes")
                        .path("staffToken")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        // The admin group holds admin endpoints only.
        spec.path("paths").propertyNames().forEach(p -> assertThat(p).startsWith("/admin/api/"));
    }

    @Test
    void swaggerUiIsServedAndTheDocsAreNotAnApiChannel() {
        Http.Response page = Http.get(url("/swagger-ui/index.html"), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
        Http.Response config = Http.get(url("/v3/api-docs/swagger-config"), null);
        assertThat(config.status()).as(config.body()).isEqualTo(200);
        assertThat(config.json().path("urls").toString()).contains("/v3/api-docs/admin", "/v3/api-docs/portal");
        assertThat(catalog.endpoints().stream()
                        .filter(e -> e.pattern().startsWith("/v3/api-docs")
                                || e.pattern().startsWith("/swagger-ui")))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.channel()).isEqualTo(Channel.OTHER));
    }

    /** {@code /admin/api/x/{id:\d+}} → {@code /admin/api/x/{id}}, as OpenAPI writes path templates. */
    private static String plain(String pattern) {
        return pattern.replaceAll("\\{\\*?([^}:]+)(?::[^}]*)?}", "{$1}");
    }

    private static Set<String> serverResolvedParameters(Endpoint endpoint) {
        Set<String> names = new HashSet<>();
        for (var parameter : endpoint.handler().getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (type.isAnnotationPresent(ServerResolved.class)) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                names.add(parameter.getParameterName());
            }
        }
        return names;
    }
}
