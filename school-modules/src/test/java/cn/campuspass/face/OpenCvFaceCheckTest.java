package cn.campuspass.face;

import static cn.campuspass.face.FacePhotos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.error.ApiException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The face check on real photographs and on what it must refuse (R4.9). */
class OpenCvFaceCheckTest {

    static final FaceCheck CHECK = new OpenCvFaceCheck(FaceRules.defaults());

    @Test
    void aPortraitPassesAndIsStoredAsAPlainJpeg() throws Exception {
        FaceCheck.Accepted accepted = CHECK.check(resource("astronaut-portrait.jpg"));
        assertThat(accepted.width()).isEqualTo(260);
        assertThat(accepted.height()).isEqualTo(300);
        assertThat(accepted.face().width()).isGreaterThan(60);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(accepted.jpeg()));
        assertThat(stored.getWidth()).isEqualTo(260);
        assertThat(accepted.jpeg()[0] & 0xFF).isEqualTo(0xFF);
    }

    @Test
    void aPngPortraitPasses() {
        assertThat(CHECK.check(png(portrait())).width()).isEqualTo(260);
    }

    @Test
    void aBigPhotoIsScaledDownToTheStoredSize() {
        FaceCheck.Accepted accepted = CHECK.check(jpeg(resized(portrait(), 2600, 3000)));
        assertThat(accepted.height()).isEqualTo(FaceCheck.Accepted.MAX_SIDE);
        assertThat(accepted.width()).isBetween(880, 890);
    }

    @Test
    void exifOrientationIsApplied() {
        byte[] sideways = jpeg(turnedLeft(portrait()));
        assertRefused(sideways, FaceError.FACE_NOT_FOUND); // a face lying on its side is no face to the detector
        FaceCheck.Accepted accepted = CHECK.check(withOrientation(sideways, 6));
        assertThat(accepted.width()).isEqualTo(260);
        assertThat(accepted.height()).isEqualTo(300);
    }

    @Test
    void photosWithoutAFaceAreRefused() {
        assertRefused(resource("coffee.jpg"), FaceError.FACE_NOT_FOUND);
        assertRefused(resource("butterfly.jpg"), FaceError.FACE_NOT_FOUND);
    }

    @Test
    void twoPeopleAreRefused() {
        assertRefused(jpeg(twoPeople(portrait())), FaceError.FACE_MULTIPLE);
    }

    @Test
    void aFaceFarAwayIsRefused() {
        assertRefused(jpeg(farAway(portrait(), 900)), FaceError.FACE_TOO_SMALL);
    }

    @Test
    void aTinyPhotoIsRefused() {
        assertRefused(jpeg(resized(portrait(), 130, 150)), FaceError.FACE_IMAGE_TOO_SMALL);
    }

    @Test
    void darkAndWashedOutPhotosAreRefused() {
        assertRefused(jpeg(scaled(portrait(), 0.25, 0)), FaceError.FACE_TOO_DARK);
        assertRefused(jpeg(scaled(portrait(), 0.35, 175)), FaceError.FACE_TOO_BRIGHT);
    }

    @Test
    void aBlurredPhotoIsRefused() {
        assertRefused(jpeg(blurred(portrait(), 5, 2)), FaceError.FACE_BLURRED);
    }

    @Test
    void onlyJpegAndPngByContent() {
        assertRefused("GIF89a....".getBytes(), FaceError.FACE_TYPE_NOT_ALLOWED);
        assertRefused("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(), FaceError.FACE_TYPE_NOT_ALLOWED);
        assertRefused(new byte[0], FaceError.FACE_FILE_EMPTY);
        byte[] truncated = java.util.Arrays.copyOf(resource("astronaut-portrait.jpg"), 40);
        assertRefused(truncated, FaceError.FACE_IMAGE_UNREADABLE);
    }

    @Test
    void aDecompressionBombIsRefusedBeforeDecoding() {
        byte[] bomb = pngBomb(20_000); // 400 MP of black in a few hundred kilobytes
        assertThat(bomb.length).isLessThan(1_000_000);
        assertRefused(bomb, FaceError.FACE_IMAGE_TOO_LARGE);
    }

    @Test
    void headerDimensionsAndOrientationAreReadWithoutDecoding() {
        ImageHeader jpeg = ImageHeader.read(withOrientation(jpeg(portrait()), 8));
        assertThat(jpeg).isEqualTo(new ImageHeader(ImageHeader.Type.JPEG, 260, 300, 8));
        assertThat(ImageHeader.read(png(portrait()))).isEqualTo(new ImageHeader(ImageHeader.Type.PNG, 260, 300, 1));
    }

    private static void assertRefused(byte[] photo, FaceError expected) {
        assertThatThrownBy(() -> CHECK.check(photo))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }
}
