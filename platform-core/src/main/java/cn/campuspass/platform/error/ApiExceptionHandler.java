package cn.campuspass.platform.error;

import cn.campuspass.platform.school.NoSchoolInContextException;
import cn.campuspass.platform.web.ControlCharacters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Every error leaves as {@code {code, message}}: the client's mistakes (the framework's standard refusals included)
 * as 4xx with a stable code, a server bug as 500 whose body carries an error id that the log line carries too.
 * Ordered last so that a module's own advice (e.g. for an outside service's refusals) is asked first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ErrorMessages messages;

    ApiExceptionHandler(ErrorMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return respond(e.error(), e.fields(), e.args());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        List<ApiError.FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiError.FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        return respond(PlatformError.VALIDATION_FAILED, fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        List<ApiError.FieldProblem> fields = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(error -> new ApiError.FieldProblem(
                                Optional.ofNullable(r.getMethodParameter().getParameterName())
                                        .orElse("?"),
                                error.getDefaultMessage())))
                .toList();
        return respond(PlatformError.VALIDATION_FAILED, fields);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> violated(ConstraintViolationException e) {
        List<ApiError.FieldProblem> fields = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldProblem(String.valueOf(v.getPropertyPath()), v.getMessage()))
                .toList();
        return respond(PlatformError.VALIDATION_FAILED, fields);
    }

    /** Unreadable bodies: broken JSON, wrong types, too deep, control characters in a text field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        log.debug("Unreadable request body", e);
        ControlCharacters.Refused refused = causeOf(e, ControlCharacters.Refused.class);
        if (refused != null) {
            return respond(
                    PlatformError.CONTROL_CHARACTERS,
                    List.of(new ApiError.FieldProblem(
                            jsonPath(refused), messages.of(PlatformError.CONTROL_CHARACTERS))));
        }
        ControlCharacters.TooLong tooLong = causeOf(e, ControlCharacters.TooLong.class);
        if (tooLong != null) {
            return respond(
                    PlatformError.VALUE_TOO_LONG,
                    List.of(new ApiError.FieldProblem(jsonPath(tooLong), messages.of(PlatformError.VALUE_TOO_LONG))));
        }
        JacksonException json = causeOf(e, JacksonException.class);
        List<ApiError.FieldProblem> fields = json == null || json.getPath().isEmpty()
                ? List.of()
                : List.of(new ApiError.FieldProblem(jsonPath(json), messages.of(PlatformError.MALFORMED_REQUEST)));
        return respond(PlatformError.MALFORMED_REQUEST, fields);
    }

    @ExceptionHandler({
        TypeMismatchException.class,
        IllegalArgumentException.class,
        MultipartException.class,
        org.springframework.web.bind.ServletRequestBindingException.class
    })
    ResponseEntity<ApiError> malformed(Exception e) {
        log.debug("Malformed request", e);
        return respond(PlatformError.MALFORMED_REQUEST, List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return missing(e.getParameterName());
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e) {
        return missing(e.getRequestPartName());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return respond(PlatformError.PAYLOAD_TOO_LARGE, List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ApiError> response = respond(PlatformError.METHOD_NOT_ALLOWED, List.of());
        return ResponseEntity.status(response.getStatusCode())
                .headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_JSON)
                .body(response.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        ResponseEntity<ApiError> response = respond(PlatformError.UNSUPPORTED_MEDIA_TYPE, List.of());
        return ResponseEntity.status(response.getStatusCode())
                .headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_JSON)
                .body(response.getBody());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        // The client refused JSON; answer JSON anyway, an error body needs some shape.
        return respond(PlatformError.NOT_ACCEPTABLE, List.of());
    }

    @ExceptionHandler(NoSchoolInContextException.class)
    ResponseEntity<ApiError> noSchool(NoSchoolInContextException e) {
        return respond(PlatformError.NO_SCHOOL, List.of());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ApiError> denied(Exception e) {
        return respond(PlatformError.FORBIDDEN, List.of());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e) {
        return respond(PlatformError.NOT_FOUND, List.of());
    }

    /**
     * Anything else. The framework's other standard errors carry their status (4xx is the client's, answered with
     * the closest code); rows PostgreSQL refuses for their data (too long, duplicate, bad encoding) are the
     * client's too; the rest is a bug: 500 with an id that is logged.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            log.debug("Client error", e);
            return respond(byStatus(framework.getStatusCode()), List.of());
        }
        PlatformError data = dataRefusal(e);
        if (data != null) {
            // Still worth a look: it means a request reached the database without validation catching it.
            log.warn(
                    "Database refused request data of {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString());
            return respond(data, List.of());
        }
        String errorId = HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextLong())
                .substring(4);
        log.error("Unhandled error [errorId={}] on {} {}", errorId, request.getMethod(), request.getRequestURI(), e);
        HttpStatusCode status =
                e instanceof ErrorResponse framework ? framework.getStatusCode() : PlatformError.INTERNAL.status();
        return ResponseEntity.status(status)
                .body(new ApiError(
                        PlatformError.INTERNAL.code(),
                        messages.of(PlatformError.INTERNAL, errorId),
                        List.of(),
                        errorId));
    }

    private ResponseEntity<ApiError> missing(String name) {
        return respond(
                PlatformError.MISSING_PARAMETER,
                List.of(new ApiError.FieldProblem(name, messages.of(PlatformError.MISSING_PARAMETER, name))),
                name);
    }

    private static PlatformError byStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> PlatformError.UNAUTHENTICATED;
            case 403 -> PlatformError.FORBIDDEN;
            case 404 -> PlatformError.NOT_FOUND;
            case 405 -> PlatformError.METHOD_NOT_ALLOWED;
            case 406 -> PlatformError.NOT_ACCEPTABLE;
            case 413 -> PlatformError.PAYLOAD_TOO_LARGE;
            case 415 -> PlatformError.UNSUPPORTED_MEDIA_TYPE;
            default -> PlatformError.MALFORMED_REQUEST;
        };
    }

    /** PostgreSQL's verdict on the data itself (SQLSTATE classes 22 and 23), or null when it is not that. */
    static PlatformError dataRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("22001")) {
                    return PlatformError.VALUE_TOO_LONG;
                }
                if (state.equals("23505") || state.equals("23503") || state.equals("23P01")) {
                    return PlatformError.DATA_CONFLICT;
                }
                if (state.startsWith("22") || state.equals("23502") || state.equals("23514")) {
                    return PlatformError.MALFORMED_REQUEST;
                }
            }
        }
        return null;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String jsonPath(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private ResponseEntity<ApiError> respond(ErrorCode error, List<ApiError.FieldProblem> fields, Object... args) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(error.code(), messages.of(error, args), fields));
    }
}
