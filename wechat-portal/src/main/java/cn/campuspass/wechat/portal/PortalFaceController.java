package cn.campuspass.wechat.portal;

import cn.campuspass.face.FaceError;
import cn.campuspass.face.Faces;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.security.OpenTo;
import cn.campuspass.wechat.binding.PortalAccounts;
import cn.campuspass.wechat.binding.RegistrantProfile;
import cn.campuspass.wechat.session.PortalSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The registrant's own face (人脸上传认证, R4.9): whether the school requires it, the current one (a presigned URL
 * that expires in minutes), and the upload, checked at once: a refused photo answers with the reason (a {@code FACE_}
 * code and a message a person can act on) and changes nothing.
 */
@RestController
@RequestMapping("/portal/{school}/api/me/face")
@OpenTo(OpenTo.Audience.PORTAL_SESSION)
class PortalFaceController {

    /** Above this the upload is refused before it is read (the check allows no more). */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    private final PortalAccounts accounts;
    private final Faces faces;

    PortalFaceController(PortalAccounts accounts, Faces faces) {
        this.accounts = accounts;
        this.faces = faces;
    }

    /**
     * @param required whether the school requires this person's face before a pass
     * @param url the current face, valid until {@code urlExpiresAt}; null when none was uploaded
     */
    record MyFace(boolean required, boolean uploaded, String url, Instant checkedAt, Instant urlExpiresAt) {

        static MyFace of(boolean required, Faces.FaceView view) {
            return view == null
                    ? new MyFace(required, false, null, null, null)
                    : new MyFace(required, true, view.url(), view.checkedAt(), view.urlExpiresAt());
        }
    }

    @GetMapping
    MyFace mine(PortalSession session) {
        RegistrantProfile profile = accounts.profile(session);
        return MyFace.of(
                profile.faceRequired(), faces.current(profile.registrantId()).orElse(null));
    }

    /** A new face photo (multipart part {@code file}, JPEG or PNG, at most 10 MB). */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    MyFace upload(PortalSession session, @RequestPart("file") MultipartFile file) {
        RegistrantProfile profile = accounts.profile(session);
        if (file.getSize() > MAX_BYTES) {
            throw new ApiException(FaceError.FACE_FILE_TOO_LARGE, MAX_BYTES / (1024 * 1024));
        }
        byte[] photo;
        try {
            photo = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Faces.FaceView view = faces.upload(profile.registrantId(), photo, Faces.Source.PORTAL, profile.name());
        return MyFace.of(profile.faceRequired(), view);
    }
}
