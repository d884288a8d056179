package cn.campuspass.face;

/**
 * Decides whether a photo is fit to be a registrant's face at the gates (R4.9): a JPEG or PNG by its content, of a
 * sane size, with exactly one face that is large, lit and sharp enough. An adapter, so the detector can be swapped
 * (a vendor's service, a DNN model) without touching who calls it.
 */
public interface FaceCheck {

    /**
     * @return the accepted photo, normalized (orientation applied, metadata stripped, at most {@link
     *     Accepted#MAX_SIDE} pixels on its longer side, JPEG)
     * @throws cn.campuspass.platform.error.ApiException with a {@link FaceError} saying what to change
     */
    Accepted check(byte[] photo);

    /** A photo that passed, as it is stored: JPEG without EXIF (no camera, place or time leaves with it). */
    record Accepted(byte[] jpeg, int width, int height, FaceBox face) {
        public static final int MAX_SIDE = 1024;
    }

    /** Where the face is in the accepted photo, in its pixels. */
    record FaceBox(int x, int y, int width, int height) {}
}
