package cn.campuspass.feedback;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.security.RequiresPermission;
import cn.campuspass.platform.security.StaffPrincipal;
import cn.campuspass.platform.web.MultiLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registrant feedback in the school console (A3.4): the list with the tender's columns (type, title, details, sender's
 * name, number, department and managing department, identity, identity type, time, status), filtered by type,
 * replied or not and date; one feedback with its images; the reply. Lists and details keep to the caller's data scope.
 */
@RestController
@RequestMapping("/admin/api/feedback")
class FeedbackController {

    private final Feedbacks feedbacks;

    FeedbackController(Feedbacks feedbacks) {
        this.feedbacks = feedbacks;
    }

    record FeedbackResponse(
            long id,
            long typeId,
            String typeName,
            String title,
            String details,
            String name,
            String number,
            Identity identity,
            Long identityTypeId,
            Long departmentId,
            String departmentName,
            Long managedDepartmentId,
            String managedDepartmentName,
            boolean replied,
            String reply,
            String repliedBy,
            Instant repliedAt,
            Instant createdAt,
            int imageCount,
            List<Feedbacks.ImageView> images) {

        static FeedbackResponse of(Feedbacks.Item i, List<Feedbacks.ImageView> images) {
            return new FeedbackResponse(
                    i.id(),
                    i.typeId(),
                    i.typeName(),
                    i.title(),
                    i.details(),
                    i.name(),
                    i.number(),
                    i.identity(),
                    i.identityTypeId(),
                    i.departmentId(),
                    i.departmentName(),
                    i.managedDepartmentId(),
                    i.managedDepartmentName(),
                    i.replied(),
                    i.reply(),
                    i.repliedBy(),
                    i.repliedAt(),
                    i.createdAt(),
                    i.imageCount(),
                    images);
        }

        static FeedbackResponse of(Feedbacks.Detail d) {
            return of(d.item(), d.images());
        }
    }

    record FeedbackPage(List<FeedbackResponse> items, long total) {}

    record ReplyRequest(
            @NotBlank @Size(max = 2000) @MultiLine String reply) {}

    @GetMapping
    @RequiresPermission(FeedbackPermissions.VIEW)
    FeedbackPage list(
            DataScope scope,
            @RequestParam(required = false) Long typeId,
            @RequestParam(required = false) Boolean replied,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Feedbacks.Page found = feedbacks.search(new Feedbacks.Filter(typeId, replied, from, to), scope, page, size);
        return new FeedbackPage(
                found.items().stream()
                        .map(i -> FeedbackResponse.of(i, List.of()))
                        .toList(),
                found.total());
    }

    @GetMapping("/{id}")
    @RequiresPermission(FeedbackPermissions.VIEW)
    FeedbackResponse get(@PathVariable long id, DataScope scope) {
        return FeedbackResponse.of(feedbacks.detail(id, scope));
    }

    @PostMapping("/{id}/reply")
    @RequiresPermission(FeedbackPermissions.REPLY)
    FeedbackResponse reply(@PathVariable long id, @Valid @RequestBody ReplyRequest request, StaffPrincipal principal) {
        return FeedbackResponse.of(feedbacks.reply(id, request.reply(), principal.actor(), principal.scope()));
    }
}
