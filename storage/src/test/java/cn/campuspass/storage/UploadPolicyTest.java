package cn.campuspass.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import org.junit.jupiter.api.Test;

class UploadPolicyTest {

    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void acceptsDeclaredTypeMatchingTheBytes() {
        assertThatCode(() -> UploadPolicy.FACE_PHOTO.check("image/jpeg", 1000, JPEG))
                .doesNotThrowAnyException();
        assertThatCode(() -> UploadPolicy.FACE_PHOTO.check("image/png; charset=x", 1000, PNG))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesWrongTypeSpoofedBytesOversizeAndEmpty() {
        assertCode(
                () -> UploadPolicy.FACE_PHOTO.check("application/pdf", 1000, JPEG), StorageError.FILE_TYPE_NOT_ALLOWED);
        assertCode(() -> UploadPolicy.FACE_PHOTO.check("image/jpeg", 1000, PNG), StorageError.FILE_TYPE_NOT_ALLOWED);
        assertCode(
                () -> UploadPolicy.FACE_PHOTO.check("image/jpeg", 6L * 1024 * 1024, JPEG), StorageError.FILE_TOO_LARGE);
        assertCode(() -> UploadPolicy.FACE_PHOTO.check("image/jpeg", 0, JPEG), StorageError.FILE_EMPTY);
    }

    @Test
    void portalPhotosAreTypedByTheirBytesAlone() {
        byte[] webp = {'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'E', 'B', 'P'};
        org.assertj.core.api.Assertions.assertThat(UploadPolicy.PORTAL_PHOTO.sniff(1000, JPEG))
                .isEqualTo("image/jpeg");
        org.assertj.core.api.Assertions.assertThat(UploadPolicy.PORTAL_PHOTO.sniff(1000, PNG))
                .isEqualTo("image/png");
        org.assertj.core.api.Assertions.assertThat(UploadPolicy.PORTAL_PHOTO.sniff(1000, webp))
                .isEqualTo("image/webp");
        byte[] riffWave = {'R', 'I', 'F', 'F', 1, 2, 3, 4, 'W', 'A', 'V', 'E'};
        assertCode(() -> UploadPolicy.PORTAL_PHOTO.sniff(1000, riffWave), StorageError.FILE_TYPE_NOT_ALLOWED);
        assertCode(
                () -> UploadPolicy.PORTAL_PHOTO.sniff(1000, "hello world!".getBytes()),
                StorageError.FILE_TYPE_NOT_ALLOWED);
        assertCode(() -> UploadPolicy.PORTAL_PHOTO.sniff(5L * 1024 * 1024 + 1, JPEG), StorageError.FILE_TOO_LARGE);
        assertCode(() -> UploadPolicy.PORTAL_PHOTO.sniff(0, JPEG), StorageError.FILE_EMPTY);
        // The face policy knows no WebP: sniffing keeps to the policy's own types.
        assertCode(() -> UploadPolicy.FACE_PHOTO.sniff(1000, webp), StorageError.FILE_TYPE_NOT_ALLOWED);
    }

    @Test
    void keysCannotLeaveTheSchoolSpace() {
        SchoolCode school = SchoolCode.of("alpha");
        org.assertj.core.api.Assertions.assertThat(ObjectKeys.absolute(school, "faces/1.jpg"))
                .isEqualTo("schools/alpha/faces/1.jpg");
        for (String bad : new String[] {"../beta/x", "faces/../../beta/x", "/etc/passwd", "a//b", "", "中文.jpg"}) {
            assertCode(() -> ObjectKeys.absolute(school, bad), StorageError.INVALID_KEY);
        }
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, StorageError code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.error())
                                .isEqualTo(code));
    }
}
