package cn.campuspass.wechat.portal;

import cn.campuspass.feedback.FeedbackError;
import cn.campuspass.feedback.FeedbackTypes;
import cn.campuspass.feedback.Feedbacks;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.platform.web.MultiLine;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.session.PortalSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Feedback from the registrant portal (R4.5): the enabled types, sending feedback with up to four images (one
 * multipart request: a JSON part {@code feedback} and file parts {@code images}), the registrant's own feedback
 * filtered by replied / not replied, and one of them with its images and the school's reply.
 */
@RestController
@RequestMapping("/portal/{school}/api")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalFeedbackController {

    private final PortalAccounts accounts;
    private final Feedbacks feedbacks;
    private final FeedbackTypes types;

    PortalFeedbackController(PortalAccounts accounts, Feedbacks feedbacks, FeedbackTypes types) {
        this.accounts = accounts;
        this.feedbacks = feedbacks;
        this.types = types;
    }

    record TypeResponse(long id, String name, String description) {}

    record FeedbackRequest(
            @NotNull @Positive Long typeId,
            @NotBlank @Size(max = 100) String title,
            @NotBlank @Size(max = 2000) @MultiLine String details) {}

    /** What the registrant sees: no staff account names. */
    record MyFeedback(
            long id,
            long typeId,
            String typeName,
            String title,
            String details,
            boolean replied,
            String reply,
            Instant repliedAt,
            Instant createdAt,
            int imageCount,
            List<Feedbacks.ImageView> images) {

        static MyFeedback of(Feedbacks.Item i, List<Feedbacks.ImageView> images) {
            return new MyFeedback(
                    i.id(),
                    i.typeId(),
                    i.typeName(),
                    i.title(),
                    i.details(),
                    i.replied(),
                    i.reply(),
                    i.repliedAt(),
                    i.createdAt(),
                    i.imageCount(),
                    images);
        }
    }

    record MyFeedbackPage(List<MyFeedback> items, long total) {}

    @GetMapping("/feedback-types")
    List<TypeResponse> types(PortalSession session) {
        accounts.requireActive(session);
        return types.enabled().stream()
                .map(t -> new TypeResponse(t.getId(), t.getName(), t.getDescription()))
                .toList();
    }

    @PostMapping(value = "/feedback", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    MyFeedback submit(
            PortalSession session,
            @Valid @RequestPart("feedback") FeedbackRequest request,
            @RequestPart(value = "images", required = false) List<MultipartFile> images) {
        long registrantId = accounts.requireActive(session);
        List<MultipartFile> files = images == null ? List.of() : images;
        if (files.size() > Feedbacks.MAX_IMAGES) {
            throw new ApiException(FeedbackError.FEEDBACK_TOO_MANY_IMAGES, Feedbacks.MAX_IMAGES);
        }
        List<byte[]> bytes = files.stream().map(PortalUploads::photo).toList();
        long id = feedbacks.submit(
                registrantId, new Feedbacks.Submission(request.typeId(), request.title(), request.details()), bytes);
        Feedbacks.Detail detail = feedbacks.myDetail(registrantId, id);
        return MyFeedback.of(detail.item(), detail.images());
    }

    @GetMapping("/feedback")
    MyFeedbackPage mine(
            PortalSession session,
            @RequestParam(required = false) Boolean replied,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        long registrantId = accounts.requireActive(session);
        Feedbacks.Page found = feedbacks.mine(registrantId, replied, page, size);
        return new MyFeedbackPage(
                found.items().stream().map(i -> MyFeedback.of(i, List.of())).toList(), found.total());
    }

    @GetMapping("/feedback/{id}")
    MyFeedback one(PortalSession session, @PathVariable long id) {
        long registrantId = accounts.requireActive(session);
        Feedbacks.Detail detail = feedbacks.myDetail(registrantId, id);
        return MyFeedback.of(detail.item(), detail.images());
    }
}
