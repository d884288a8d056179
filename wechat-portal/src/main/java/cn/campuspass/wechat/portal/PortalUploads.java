package cn.campuspass.wechat.portal;

import cn.campuspass.storage.UploadPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.web.multipart.MultipartFile;

/** Reads a portal photo upload, refusing a wrong type or an oversize file before the whole file is read. */
final class PortalUploads {

    private PortalUploads() {}

    static byte[] photo(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            byte[] head = in.readNBytes(UploadPolicy.HEAD_BYTES);
            UploadPolicy.PORTAL_PHOTO.sniff(file.getSize(), head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
