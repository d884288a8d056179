package cn.campuspass.storage;

import cn.campuspass.platform.error.ApiException;
import java.util.List;
import java.util.Set;

/**
 * What an upload of one kind may be. The declared content type is checked against the file's first bytes, so a
 * renamed executable is not stored as a face photo.
 */
public record UploadPolicy(Set<String> contentTypes, long maxBytes) {

    public static final UploadPolicy FACE_PHOTO = new UploadPolicy(Set.of("image/jpeg", "image/png"), 5L * 1024 * 1024);
    public static final UploadPolicy IMAGE = new UploadPolicy(Set.of("image/jpeg", "image/png"), 10L * 1024 * 1024);
    /**
     * A photo a registrant sends from the portal (feedback images, the avatar): the type is read from the bytes, never
     * from the file name or the declared type, so a PNG named .jpg is stored as the PNG it is.
     */
    public static final UploadPolicy PORTAL_PHOTO =
            new UploadPolicy(Set.of("image/jpeg", "image/png", "image/webp"), 5L * 1024 * 1024);

    /** How many first bytes {@link #sniff} needs to recognize every type it knows. */
    public static final int HEAD_BYTES = 12;

    public static final UploadPolicy EXCEL = new UploadPolicy(
            Set.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), 50L * 1024 * 1024);

    /** Throws a 4xx {@link ApiException} unless {@code head} (the first bytes) fits the declared type and size. */
    public void check(String declaredType, long size, byte[] head) {
        if (size <= 0) {
            throw new ApiException(StorageError.FILE_EMPTY);
        }
        if (size > maxBytes) {
            throw new ApiException(StorageError.FILE_TOO_LARGE, maxBytes / (1024 * 1024));
        }
        String type = declaredType == null
                ? ""
                : declaredType.toLowerCase(java.util.Locale.ROOT).split(";")[0].trim();
        if (!contentTypes.contains(type) || !magicMatches(type, head)) {
            throw new ApiException(StorageError.FILE_TYPE_NOT_ALLOWED, String.join(", ", contentTypes));
        }
    }

    /**
     * The content type the bytes really are, checked against this policy's types and size; a 4xx {@link ApiException}
     * when the file is empty, too large or of another (or unknown) type. {@code head} needs {@link #HEAD_BYTES} bytes.
     */
    public String sniff(long size, byte[] head) {
        if (size <= 0) {
            throw new ApiException(StorageError.FILE_EMPTY);
        }
        if (size > maxBytes) {
            throw new ApiException(StorageError.FILE_TOO_LARGE, maxBytes / (1024 * 1024));
        }
        for (String type : List.of("image/jpeg", "image/png", "image/webp")) {
            if (contentTypes.contains(type) && magicMatches(type, head)) {
                return type;
            }
        }
        throw new ApiException(StorageError.FILE_TYPE_NOT_ALLOWED, String.join(", ", contentTypes));
    }

    /** The usual file extension of a type this class knows. */
    public static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            default -> "bin";
        };
    }

    private static boolean magicMatches(String type, byte[] head) {
        return switch (type) {
            case "image/jpeg" -> startsWith(head, 0xFF, 0xD8, 0xFF);
            case "image/png" -> startsWith(head, 0x89, 'P', 'N', 'G');
            // RIFF, a 4-byte length, then WEBP.
            case "image/webp" ->
                startsWith(head, 'R', 'I', 'F', 'F')
                        && head.length >= 12
                        && head[8] == 'W'
                        && head[9] == 'E'
                        && head[10] == 'B'
                        && head[11] == 'P';
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ->
                startsWith(head, 'P', 'K', 3, 4);
            default -> false;
        };
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head == null || head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
