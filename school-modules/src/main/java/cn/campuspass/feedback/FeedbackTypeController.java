package cn.campuspass.feedback;

import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Feedback types of the caller's school (建议类型管理, A3.4): name, description, status, 操作人, created. */
@RestController
@RequestMapping("/admin/api/feedback-types")
class FeedbackTypeController {

    private final FeedbackTypes types;

    FeedbackTypeController(FeedbackTypes types) {
        this.types = types;
    }

    record FeedbackTypeRequest(
            @NotBlank @Size(max = 50) String name,
            @Size(max = 500) String description,
            @Min(0) @Max(9999) Integer sortOrder,
            Boolean enabled) {}

    record FeedbackTypeResponse(
            long id,
            String name,
            String description,
            boolean enabled,
            int sortOrder,
            String updatedBy,
            Instant createdAt) {
        static FeedbackTypeResponse of(FeedbackType t) {
            return new FeedbackTypeResponse(
                    t.getId(),
                    t.getName(),
                    t.getDescription(),
                    t.isEnabled(),
                    t.getSortOrder(),
                    t.getUpdatedBy(),
                    t.getCreatedAt());
        }
    }

    /** Readers of feedback need the types for the filter; changing them is a separate permission. */
    @GetMapping
    @RequiresPermission(FeedbackPermissions.VIEW)
    List<FeedbackTypeResponse> list(
            @RequestParam(required = false) String name, @RequestParam(required = false) Boolean enabled) {
        return types.list(name, enabled).stream().map(FeedbackTypeResponse::of).toList();
    }

    @GetMapping("/{id}")
    @RequiresPermission(FeedbackPermissions.VIEW)
    FeedbackTypeResponse get(@PathVariable long id) {
        return FeedbackTypeResponse.of(types.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(FeedbackPermissions.TYPE_MANAGE)
    FeedbackTypeResponse create(@Valid @RequestBody FeedbackTypeRequest request, StaffPrincipal principal) {
        return FeedbackTypeResponse.of(types.create(draft(request), principal.actor()));
    }

    @PutMapping("/{id}")
    @RequiresPermission(FeedbackPermissions.TYPE_MANAGE)
    FeedbackTypeResponse update(
            @PathVariable long id, @Valid @RequestBody FeedbackTypeRequest request, StaffPrincipal principal) {
        return FeedbackTypeResponse.of(types.update(id, draft(request), principal.actor()));
    }

    @PostMapping("/{id}/enable")
    @RequiresPermission(FeedbackPermissions.TYPE_MANAGE)
    FeedbackTypeResponse enable(@PathVariable long id, StaffPrincipal principal) {
        return FeedbackTypeResponse.of(types.setEnabled(id, true, principal.actor()));
    }

    @PostMapping("/{id}/disable")
    @RequiresPermission(FeedbackPermissions.TYPE_MANAGE)
    FeedbackTypeResponse disable(@PathVariable long id, StaffPrincipal principal) {
        return FeedbackTypeResponse.of(types.setEnabled(id, false, principal.actor()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresPermission(FeedbackPermissions.TYPE_MANAGE)
    void delete(@PathVariable long id) {
        types.delete(id);
    }

    private static FeedbackTypes.TypeDraft draft(FeedbackTypeRequest r) {
        return new FeedbackTypes.TypeDraft(r.name(), r.description(), r.sortOrder(), r.enabled());
    }
}
