package cn.campuspass.platform.error;

import cn.campuspass.platform.school.NoSchoolInContextException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

@RestControllerAdvice
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

    @ExceptionHandler({
        HttpMessageNotReadableException.class,
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        IllegalArgumentException.class
    })
    ResponseEntity<ApiError> malformed(Exception e) {
        log.debug("Malformed request", e);
        return respond(PlatformError.MALFORMED_REQUEST, List.of());
    }

    @ExceptionHandler(NoSchoolInContextException.class)
    ResponseEntity<ApiError> noSchool(NoSchoolInContextException e) {
        return respond(PlatformError.NO_SCHOOL, List.of());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ApiError> denied(Exception e) {
        return respond(PlatformError.FORBIDDEN, List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return respond(PlatformError.NOT_FOUND, List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return respond(PlatformError.INTERNAL, List.of());
    }

    private ResponseEntity<ApiError> respond(ErrorCode error, List<ApiError.FieldProblem> fields, Object... args) {
        return ResponseEntity.status(error.status()).body(new ApiError(error.code(), messages.of(error, args), fields));
    }
}
