package cn.campuspass.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings a production ({@code prod} profile) instance cannot run without. None of them has a default
 * outside the {@code local} profile, so a deployment that forgets one fails at start-up naming the property
 * instead of reaching for 127.0.0.1 or starting without a key. Bound from the root of the environment by
 * {@link ProductionSettingsCheck}; each nested record is one property prefix, always created ({@code @DefaultValue})
 * so that a missing setting is reported by its own name, never as a missing parent.
 */
public record ProductionSettings(
        @DefaultValue @Valid Spring spring,
        @DefaultValue @Valid Campuspass campuspass) {

    static final String BASE64 = "^[A-Za-z0-9+/]+={0,2}$";

    public record Spring(
            @DefaultValue @Valid Datasource datasource,
            @DefaultValue @Valid Data data) {}

    public record Datasource(
            @NotBlank String url,
            @NotBlank String username,
            @NotBlank String password) {}

    public record Data(@DefaultValue @Valid Redis redis) {}

    /** Redis AUTH is optional here (a password is rendered by the chart when {@code redis.auth.enabled}). */
    public record Redis(@NotBlank String host) {}

    public record Campuspass(
            @NotBlank String publicUrl,
            @DefaultValue @Valid Keycloak keycloak,
            @DefaultValue @Valid Storage storage,
            @DefaultValue @Valid GateLink gateLink,
            @DefaultValue @Valid Pii pii) {}

    /** Production creates school realms through a confidential service client, never an admin password. */
    public record Keycloak(
            @NotBlank String url,
            @NotBlank String adminClientId,
            @NotBlank String adminClientSecret) {}

    public record Storage(
            @NotBlank String endpoint,
            @NotBlank String accessKey,
            @NotBlank String secretKey) {}

    public record GateLink(
            @NotBlank @Pattern(regexp = BASE64, message = "must be base64")
            String secret) {}

    /** The key ring of personal data: the active data key's id, the data keys by id, the lookup-index key. */
    public record Pii(
            @NotBlank String activeKeyId,
            @NotEmpty Map<String, String> keys,

            @NotBlank @Pattern(regexp = BASE64, message = "must be base64")
            String indexKey) {}
}
