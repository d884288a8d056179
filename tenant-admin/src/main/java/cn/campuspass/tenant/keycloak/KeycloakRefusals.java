package cn.campuspass.tenant.keycloak;

import cn.campuspass.platform.error.ApiError;
import cn.campuspass.platform.error.ErrorMessages;
import cn.campuspass.platform.error.PlatformError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Keycloak's admin API refusing what a request asked for (a 400: a name its user profile rejects, a password its
 * policy rejects) is the client's error, answered {@code UPSTREAM_REFUSED} with Keycloak's reason, not a 500. Other
 * Keycloak failures (unreachable, 401/403 of our own admin account) stay server errors. Asked before the platform's
 * catch-all handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class KeycloakRefusals {

    private static final Logger log = LoggerFactory.getLogger(KeycloakRefusals.class);

    private final ErrorMessages messages;
    private final ObjectMapper json = new ObjectMapper();

    KeycloakRefusals(ErrorMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ApiError> refused(BadRequestException e) {
        String reason = reason(e);
        log.info("Keycloak refused a request: {}", reason);
        return ResponseEntity.status(PlatformError.UPSTREAM_REFUSED.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(
                        PlatformError.UPSTREAM_REFUSED.code(),
                        messages.of(PlatformError.UPSTREAM_REFUSED, reason),
                        List.of()));
    }

    /** Keycloak answers {@code {"errorMessage": ...}} or {@code {"error": ..., "error_description": ...}}. */
    private String reason(BadRequestException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            JsonNode node = json.readTree(body);
            for (String field : List.of("errorMessage", "error_description", "error")) {
                String text = node.path(field).asText("");
                if (!text.isEmpty()) {
                    return text;
                }
            }
            return body;
        } catch (Exception parse) {
            return String.valueOf(e.getMessage());
        }
    }
}
