package cn.campuspass.tenant.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Keycloak's reason for refusing an admin request, from {@code {"errorMessage"}} or {@code {"error_description"}}. */
final class KeycloakReasons {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakReasons() {}

    static String of(Response response) {
        String body;
        try {
            body = response.readEntity(String.class);
        } catch (RuntimeException e) {
            return "HTTP " + response.getStatus();
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : List.of("errorMessage", "error_description", "error")) {
                String text = node.path(field).asText("");
                if (!text.isEmpty()) {
                    return text;
                }
            }
        } catch (Exception e) {
            // not JSON: the body itself is the best reason there is
        }
        return body == null || body.isBlank() ? "HTTP " + response.getStatus() : body;
    }
}
