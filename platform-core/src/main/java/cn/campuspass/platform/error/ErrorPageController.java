package cn.campuspass.platform.error;

import cn.campuspass.platform.security.OpenTo;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), reached when something fails outside Spring MVC's handler
 * (a filter, the container refusing a request). Answers {@code {code, message}} like every other error instead of
 * Spring Boot's default {@code {timestamp, status, error, path}}; a 5xx here has already been logged by whoever
 * raised it.
 */
@RestController
class ErrorPageController implements ErrorController {

    private final ErrorMessages messages;

    ErrorPageController(ErrorMessages messages) {
        this.messages = messages;
    }

    @OpenTo(OpenTo.Audience.PUBLIC)
    @RequestMapping(value = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = attribute instanceof Integer code ? HttpStatus.resolve(code) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        PlatformError error = switch (status.value()) {
            case 401 -> PlatformError.UNAUTHENTICATED;
            case 403 -> PlatformError.FORBIDDEN;
            case 404 -> PlatformError.NOT_FOUND;
            case 405 -> PlatformError.METHOD_NOT_ALLOWED;
            case 413 -> PlatformError.PAYLOAD_TOO_LARGE;
            case 415 -> PlatformError.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> PlatformError.RATE_LIMITED;
            default -> status.is4xxClientError() ? PlatformError.MALFORMED_REQUEST : PlatformError.INTERNAL;
        };
        String message = error == PlatformError.INTERNAL ? messages.of(error, "-") : messages.of(error);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(error.code(), message, List.of()));
    }
}
