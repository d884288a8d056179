package cn.campuspass.platform.web;

import cn.campuspass.platform.security.EndpointDeclarations;
import cn.campuspass.platform.security.EndpointDeclarations.Declaration;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.security.PermissionRegistry;
import cn.campuspass.platform.web.EndpointCatalog.Channel;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description of every endpoint (springdoc), one group per channel: {@code /v3/api-docs/operator},
 * {@code /admin}, {@code /portal}, {@code /device}, {@code /public}; Swagger UI at {@code /swagger-ui.html}.
 * Each operation names what it needs — the permission ({@code x-permission}) or the audience it is open to
 * ({@code x-open-to}) — read from the same {@link EndpointDeclarations} the request check uses, so the description
 * cannot disagree with the enforcement. Parameters the server resolves itself ({@link ServerResolved}) are left out.
 * On by default; the {@code prod} profile turns it off unless the operator sets {@code CAMPUSPASS_API_DOCS_ENABLED}
 * (see {@code docs/api.md}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
public class ApiDocsConfiguration {

    /** The extension naming the permission an operation needs. */
    public static final String PERMISSION_EXTENSION = "x-permission";

    /** The extension naming the audience an operation without a permission is open to. */
    public static final String OPEN_TO_EXTENSION = "x-open-to";

    static final String STAFF_TOKEN = "staffToken";
    static final String PORTAL_SESSION = "portalSession";
    static final String ERROR_SCHEMA = "ApiError";

    static {
        SpringDocUtils.getConfig().addAnnotationsToIgnore(ServerResolved.class);
    }

    @Bean
    GroupedOpenApi operatorApi(EndpointDeclarations declarations, PermissionRegistry permissions) {
        return group(Channel.OPERATOR, "/operator/api/**", "运营平台 Operator API", declarations, permissions);
    }

    @Bean
    GroupedOpenApi adminApi(EndpointDeclarations declarations, PermissionRegistry permissions) {
        return group(Channel.ADMIN, "/admin/api/**", "学校管理端 School admin API", declarations, permissions);
    }

    @Bean
    GroupedOpenApi portalApi(EndpointDeclarations declarations, PermissionRegistry permissions) {
        return group(Channel.PORTAL, "/portal/*/api/**", "微信门户 WeChat portal API", declarations, permissions);
    }

    @Bean
    GroupedOpenApi deviceApi(EndpointDeclarations declarations, PermissionRegistry permissions) {
        return group(Channel.DEVICE, "/device/*/api/**", "闸机设备 Gate device API", declarations, permissions);
    }

    @Bean
    GroupedOpenApi publicApi(EndpointDeclarations declarations, PermissionRegistry permissions) {
        return group(Channel.PUBLIC, "/public/api/**", "公开接口 Public API", declarations, permissions);
    }

    private static GroupedOpenApi group(
            Channel channel,
            String paths,
            String title,
            EndpointDeclarations declarations,
            PermissionRegistry permissions) {
        return GroupedOpenApi.builder()
                .group(channel.name().toLowerCase(Locale.ROOT))
                .displayName(title)
                .pathsToMatch(paths)
                .addOpenApiCustomizer(onlyPaths(paths))
                .addOpenApiCustomizer(describe(title))
                .addOperationCustomizer(new DeclarationCustomizer(declarations, permissions))
                .build();
    }

    /**
     * Keeps the group to its channel's paths. With the global {@code springdoc.paths-to-match} set (so that nothing
     * outside the channels is described), springdoc matches every group's operations against the global list
     * instead of the group's own, and each group held every channel's paths.
     */
    private static OpenApiCustomizer onlyPaths(String pattern) {
        org.springframework.util.AntPathMatcher matcher = new org.springframework.util.AntPathMatcher();
        return openApi -> {
            if (openApi.getPaths() != null) {
                openApi.getPaths().keySet().removeIf(path -> !matcher.match(pattern, path));
            }
        };
    }

    private static OpenApiCustomizer describe(String title) {
        return openApi -> {
            openApi.info(new Info().title("CampusPass — " + title).version("v1").description("""
                            Errors: every 4xx/5xx answer is JSON `{code, message}` (`code` stable, `message` in \
                            the request's language, Chinese by default; `fields` lists per-field problems; \
                            `errorId` only on 5xx). Each operation names what it needs: `x-permission` \
                            (`module:resource:action`, granted through the school's roles) or `x-open-to` \
                            (SIGNED_IN_STAFF, PORTAL_SESSION, DEVICE_CREDENTIAL, PUBLIC). See docs/api.md."""));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            components.addSecuritySchemes(
                    STAFF_TOKEN,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .bearerFormat("JWT")
                            .description("Access token of the platform realm (operator) or the school's realm"
                                    + " (staff), from Keycloak"));
            components.addSecuritySchemes(
                    PORTAL_SESSION,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER)
                            .name("X-Portal-Session")
                            .description("Portal session from the WeChat sign-in (POST .../api/session)"));
            components.addSchemas(ERROR_SCHEMA, errorSchema());
            openApi.components(components);
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> errorSchema() {
        Schema problem =
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("The body of every error answer")
                .addProperty("code", new StringSchema().description("Stable error code, e.g. PAGING_INVALID"))
                .addProperty("message", new StringSchema().description("Human-readable message"))
                .addProperty("fields", new ArraySchema().items(problem))
                .addProperty("errorId", new StringSchema().description("Only on 5xx: the id in the server log"))
                .required(List.of("code", "message"));
    }

    /** Puts each operation's declaration into its description, its extensions and its security requirement. */
    static final class DeclarationCustomizer implements OperationCustomizer {

        private final EndpointDeclarations declarations;
        private final PermissionRegistry permissions;

        DeclarationCustomizer(EndpointDeclarations declarations, PermissionRegistry permissions) {
            this.declarations = declarations;
            this.permissions = permissions;
        }

        @Override
        public Operation customize(Operation operation, HandlerMethod handler) {
            Declaration declaration = declarations.of(handler);
            String need;
            if (declaration.permission() != null) {
                String code = declaration.permission();
                operation.addExtension(PERMISSION_EXTENSION, code);
                need = permissions
                        .find(code)
                        .map(p -> "Requires permission `%s` (%s / %s)".formatted(code, p.nameZh(), p.nameEn()))
                        .orElse("Requires permission `" + code + "`");
                operation.addSecurityItem(new SecurityRequirement().addList(STAFF_TOKEN));
            } else {
                OpenTo.Audience audience = declaration.audience();
                operation.addExtension(OPEN_TO_EXTENSION, audience.name());
                need = "Open to " + audience.name();
                switch (audience) {
                    case SIGNED_IN_STAFF -> operation.addSecurityItem(new SecurityRequirement().addList(STAFF_TOKEN));
                    case PORTAL_SESSION -> operation.addSecurityItem(new SecurityRequirement().addList(PORTAL_SESSION));
                    // The device credential is the Authorization header parameter of the operation itself.
                    case DEVICE_CREDENTIAL, PUBLIC -> operation.setSecurity(List.of());
                }
            }
            String description = operation.getDescription();
            operation.setDescription(
                    description == null || description.isBlank() ? need + "." : need + ".\n\n" + description);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            responses.addApiResponse(
                    "4XX",
                    new ApiResponse()
                            .description("Refused: `{code, message}`")
                            .content(new Content()
                                    .addMediaType(
                                            "application/json",
                                            new MediaType()
                                                    .schema(new Schema<>()
                                                            .$ref("#/components/schemas/" + ERROR_SCHEMA)))));
            operation.setResponses(responses);
            return operation;
        }
    }
}
