package cn.campuspass.face;

/**
 * The limits a face photo is held to. Chosen on real photographs (the test set's portraits pass with room to spare;
 * a 12 MP phone photo decodes within the pixel limit) and kept in one place so they can be tuned together.
 *
 * @param maxBytes largest upload (a 12 MP phone JPEG is 3–8 MB)
 * @param maxPixels more pixels than this is a decompression bomb or no face photo: refused before decoding
 * @param minSide fewer pixels than this on the shorter side cannot show a face well enough for a guard
 * @param minFaceRatio the face's width must be at least this share of the photo's shorter side
 * @param minBrightness mean grey (0..255) of the face below which it is too dark
 * @param maxBrightness mean grey of the face above which it is washed out
 * @param minSharpness variance of the Laplacian of the face (scaled to {@link #SHARPNESS_SIDE} px) below which it is
 *     blurred
 */
public record FaceRules(
        long maxBytes,
        long maxPixels,
        int minSide,
        double minFaceRatio,
        double minBrightness,
        double maxBrightness,
        double minSharpness) {

    /** The face is scaled to this width before its sharpness is measured, so the measure does not depend on size. */
    public static final int SHARPNESS_SIDE = 128;

    public static FaceRules defaults() {
        return new FaceRules(10L * 1024 * 1024, 40_000_000L, 200, 0.20, 60, 200, 40);
    }
}
