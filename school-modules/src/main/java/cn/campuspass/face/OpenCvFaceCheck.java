package cn.campuspass.face;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import cn.campuspass.platform.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * The face check with OpenCV (through bytedeco's packaged natives) and the frontal-face Haar cascade shipped in its
 * jar. Order matters for safety and speed: the type and dimensions come from the header before anything is decoded
 * (a bomb never reaches the decoder); a big JPEG is decoded at 1/2, 1/4 or 1/8 scale by the decoder itself, so a
 * 12 MP photo never exists at full size; detection runs on a small grey copy.
 *
 * <p>Concurrency is bounded by a pool of classifiers (one per core; a classifier is not safe to share): a burst of
 * uploads queues here instead of decoding dozens of photos at once, which keeps native memory and latency bounded.
 */
public class OpenCvFaceCheck implements FaceCheck {

    private static final String CASCADE =
            "org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";

    /** Detection runs at this longer side: faces we accept are ≥ 20% of the shorter side, so ≥ ~70 px here. */
    private static final int DETECT_SIDE = 480;

    private final FaceRules rules;
    private final int poolSize;
    private volatile BlockingQueue<CascadeClassifier> classifiers;

    public OpenCvFaceCheck(FaceRules rules) {
        this.rules = rules;
        this.poolSize = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Accepted check(byte[] photo) {
        if (photo == null || photo.length == 0) {
            throw new ApiException(FaceError.FACE_FILE_EMPTY);
        }
        if (photo.length > rules.maxBytes()) {
            throw new ApiException(FaceError.FACE_FILE_TOO_LARGE, rules.maxBytes() / (1024 * 1024));
        }
        ImageHeader header = ImageHeader.read(photo);
        if (header.pixels() > rules.maxPixels()) {
            throw new ApiException(FaceError.FACE_IMAGE_TOO_LARGE, rules.maxPixels() / 1_000_000);
        }
        if (Math.min(header.width(), header.height()) < rules.minSide()) {
            throw new ApiException(FaceError.FACE_IMAGE_TOO_SMALL, rules.minSide());
        }
        BlockingQueue<CascadeClassifier> pool = pool();
        CascadeClassifier classifier;
        try {
            classifier = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the face detector", e);
        }
        try (PointerScope scope = new PointerScope()) {
            return examine(photo, header, classifier);
        } finally {
            pool.add(classifier);
        }
    }

    private Accepted examine(byte[] photo, ImageHeader header, CascadeClassifier classifier) {
        Mat color = decode(photo, header);
        if (color == null || color.empty()) {
            throw new ApiException(FaceError.FACE_IMAGE_UNREADABLE);
        }
        color = fit(color, Accepted.MAX_SIDE);
        color = oriented(color, header.orientation());

        Mat grey = new Mat();
        opencv_imgproc.cvtColor(color, grey, COLOR_BGR2GRAY);
        double scale = Math.min(1.0, (double) DETECT_SIDE / Math.max(grey.cols(), grey.rows()));
        Mat small = scale < 1.0 ? resized(grey, scale) : grey;
        Mat equalized = new Mat();
        opencv_imgproc.equalizeHist(small, equalized);

        int shortSide = Math.min(small.cols(), small.rows());
        int minDetect = Math.max(24, (int) (shortSide * 0.10));
        RectVector found = new RectVector();
        classifier.detectMultiScale(
                equalized, found, 1.1, 4, 0, new Size(minDetect, minDetect), new Size(shortSide, shortSide));
        if (found.size() == 0) {
            throw new ApiException(FaceError.FACE_NOT_FOUND);
        }
        Rect largest = found.get(0);
        for (long i = 1; i < found.size(); i++) {
            if (found.get(i).width() > largest.width()) {
                largest = found.get(i);
            }
        }
        // A second face counts when it is a real person near the camera (≥ 40% of the main face): tiny detections in
        // the background are mostly false positives of the cascade and would refuse good photos for nothing.
        int faces = 0;
        for (long i = 0; i < found.size(); i++) {
            if (found.get(i).width() >= largest.width() * 0.4) {
                faces++;
            }
        }
        if (faces > 1) {
            throw new ApiException(FaceError.FACE_MULTIPLE);
        }
        if (largest.width() < shortSide * rules.minFaceRatio()) {
            throw new ApiException(FaceError.FACE_TOO_SMALL);
        }

        Rect inGrey = new Rect(
                (int) (largest.x() / scale),
                (int) (largest.y() / scale),
                Math.min(grey.cols() - (int) (largest.x() / scale), (int) (largest.width() / scale)),
                Math.min(grey.rows() - (int) (largest.y() / scale), (int) (largest.height() / scale)));
        Mat face = new Mat(grey, inGrey);
        double brightness = opencv_core.mean(face).get(0);
        if (brightness < rules.minBrightness()) {
            throw new ApiException(FaceError.FACE_TOO_DARK);
        }
        if (brightness > rules.maxBrightness()) {
            throw new ApiException(FaceError.FACE_TOO_BRIGHT);
        }
        if (sharpness(face) < rules.minSharpness()) {
            throw new ApiException(FaceError.FACE_BLURRED);
        }
        return new Accepted(
                jpeg(color),
                color.cols(),
                color.rows(),
                new FaceBox(inGrey.x(), inGrey.y(), inGrey.width(), inGrey.height()));
    }

    /** Variance of the Laplacian of the face scaled to a fixed width: low when edges are soft (blur, shake). */
    static double sharpness(Mat face) {
        double scale = (double) FaceRules.SHARPNESS_SIDE / face.cols();
        Mat fixed = new Mat();
        opencv_imgproc.resize(
                face,
                fixed,
                new Size(FaceRules.SHARPNESS_SIDE, Math.max(1, (int) Math.round(face.rows() * scale))),
                0,
                0,
                INTER_AREA);
        Mat laplacian = new Mat();
        opencv_imgproc.Laplacian(fixed, laplacian, CV_64F);
        Mat mean = new Mat();
        Mat deviation = new Mat();
        opencv_core.meanStdDev(laplacian, mean, deviation);
        try (DoubleIndexer d = deviation.createIndexer()) {
            double sd = d.get(0);
            return sd * sd;
        }
    }

    /**
     * Decodes at the largest power-of-two reduction that keeps the longer side ≥ 3/4 of {@link Accepted#MAX_SIDE}:
     * the JPEG decoder then skips most of the work (a 12 MP photo decodes at 1/4 as 1000×750), and a face a guard
     * looks at on a phone needs no more.
     */
    private static Mat decode(byte[] photo, ImageHeader header) {
        int longer = Math.max(header.width(), header.height());
        int enough = Accepted.MAX_SIDE * 3 / 4;
        int flags = IMREAD_COLOR;
        if (header.type() == ImageHeader.Type.JPEG) {
            if (longer / 8 >= enough) {
                flags = IMREAD_REDUCED_COLOR_8;
            } else if (longer / 4 >= enough) {
                flags = IMREAD_REDUCED_COLOR_4;
            } else if (longer / 2 >= enough) {
                flags = IMREAD_REDUCED_COLOR_2;
            }
        }
        // Orientation is applied by us from the header we already read, the same way for every decoder.
        Mat buffer = new Mat(1, photo.length, CV_8UC1, new BytePointer(photo));
        return opencv_imgcodecs.imdecode(buffer, flags | IMREAD_IGNORE_ORIENTATION);
    }

    private static Mat fit(Mat image, int maxSide) {
        int longer = Math.max(image.cols(), image.rows());
        return longer <= maxSide ? image : resized(image, (double) maxSide / longer);
    }

    private static Mat resized(Mat image, double scale) {
        Mat out = new Mat();
        opencv_imgproc.resize(
                image,
                out,
                new Size(Math.max(1, (int) Math.round(image.cols() * scale)), Math.max(1, (int)
                        Math.round(image.rows() * scale))),
                0,
                0,
                INTER_AREA);
        return out;
    }

    /** Applies an EXIF orientation (1..8) so the face stands upright as the camera's user saw it. */
    static Mat oriented(Mat image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> opencv_core.flip(image, out, 1);
            case 3 -> opencv_core.rotate(image, out, ROTATE_180);
            case 4 -> opencv_core.flip(image, out, 0);
            case 5 -> opencv_core.transpose(image, out);
            case 6 -> opencv_core.rotate(image, out, ROTATE_90_CLOCKWISE);
            case 7 -> {
                Mat transposed = new Mat();
                opencv_core.transpose(image, transposed);
                opencv_core.flip(transposed, out, -1);
            }
            case 8 -> opencv_core.rotate(image, out, ROTATE_90_COUNTERCLOCKWISE);
            default -> {
                return image;
            }
        }
        return out;
    }

    private static byte[] jpeg(Mat image) {
        BytePointer out = new BytePointer();
        if (!opencv_imgcodecs.imencode(".jpg", image, out, new IntPointer(IMWRITE_JPEG_QUALITY, 90))) {
            throw new IllegalStateException("could not encode the accepted face as JPEG");
        }
        byte[] bytes = new byte[(int) out.limit()];
        out.get(bytes);
        return bytes;
    }

    private BlockingQueue<CascadeClassifier> pool() {
        BlockingQueue<CascadeClassifier> pool = classifiers;
        if (pool == null) {
            synchronized (this) {
                pool = classifiers;
                if (pool == null) {
                    pool = load();
                    classifiers = pool;
                }
            }
        }
        return pool;
    }

    private BlockingQueue<CascadeClassifier> load() {
        Path file;
        try (InputStream in = OpenCvFaceCheck.class.getClassLoader().getResourceAsStream(CASCADE)) {
            if (in == null) {
                throw new IllegalStateException("the face cascade " + CASCADE + " is not on the classpath");
            }
            file = Files.createTempFile("campuspass-face-cascade", ".xml");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BlockingQueue<CascadeClassifier> pool = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            CascadeClassifier classifier = new CascadeClassifier(file.toString());
            if (classifier.empty()) {
                throw new IllegalStateException("the face cascade could not be loaded");
            }
            pool.add(classifier);
        }
        return pool;
    }
}
