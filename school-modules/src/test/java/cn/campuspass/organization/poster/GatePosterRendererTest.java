package cn.campuspass.organization.poster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Node;

/**
 * Renders posters and reads their QR codes back with ZXing and with an independent decoder, zbarimg (Debian
 * zbar-tools, installed by ops/install-test-tools.sh). Samples are kept in target/poster-samples for a person to
 * look at.
 */
class GatePosterRendererTest {

    private static final Path SAMPLES = Path.of("target", "poster-samples");
    private static final GateLinks LINKS = new GateLinks("poster-test-master-secret-0123456789".getBytes(UTF_8));
    private static final String LINK = LINKS.link("https://pass.example.edu.cn", "demo", 12);
    private static final GatePoster POSTER = new GatePoster("示范大学", "主校区", "东门", LINK);

    private final GatePosterRenderer renderer = new GatePosterRenderer(1);

    @BeforeAll
    static void prepare() throws IOException {
        Files.createDirectories(SAMPLES);
        assertThat(Files.isExecutable(Path.of("/usr/bin/zbarimg")) || onPath("zbarimg"))
                .as("zbarimg is missing: run ops/install-test-tools.sh (Debian package zbar-tools)")
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void pngIsAnA4SheetWhoseQrCodeIsTheSignedLink(Orientation orientation) throws Exception {
        long start = System.nanoTime();
        byte[] png = renderer.png(POSTER, orientation);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Path file = SAMPLES.resolve("gate-poster-" + name(orientation) + ".png");
        Files.write(file, png);
        System.out.printf("%s PNG: %d KB in %d ms%n", orientation, png.length / 1024, millis);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        boolean portrait = orientation == Orientation.PORTRAIT;
        assertThat(image.getWidth()).isEqualTo(portrait ? 2480 : 3508);
        assertThat(image.getHeight()).isEqualTo(portrait ? 3508 : 2480);
        assertThat(pixelsPerMetre(png)).isEqualTo(11811);
        assertThat(zxing(image)).isEqualTo(LINK);
        String decoded = zbarimg(file);
        assertThat(decoded).isEqualTo(LINK);
        assertThat(LINKS.parse(decoded)).contains(new GateRef("demo", 12));
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void pdfIsOneA4PageWhoseQrCodeIsTheSignedLink(Orientation orientation) throws Exception {
        long start = System.nanoTime();
        byte[] pdf = renderer.pdf(POSTER, orientation);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Files.write(SAMPLES.resolve("gate-poster-" + name(orientation) + ".pdf"), pdf);
        System.out.printf("%s PDF: %d KB in %d ms%n", orientation, pdf.length / 1024, millis);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = document.getPage(0).getMediaBox();
            float shortSide = PDRectangle.A4.getWidth();
            float longSide = PDRectangle.A4.getHeight();
            boolean portrait = orientation == Orientation.PORTRAIT;
            assertThat(box.getWidth()).isCloseTo(portrait ? shortSide : longSide, within());
            assertThat(box.getHeight()).isCloseTo(portrait ? longSide : shortSide, within());
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("示范大学 主校区 · 东门 校门出入二维码");

            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150, ImageType.GRAY);
            assertThat(page.getWidth() > page.getHeight()).isEqualTo(!portrait);
            Path file = SAMPLES.resolve("gate-poster-" + name(orientation) + "-pdf-150dpi.png");
            ImageIO.write(page, "png", file.toFile());
            assertThat(zbarimg(file)).isEqualTo(LINK);
            assertThat(zxing(page)).isEqualTo(LINK);
        }
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void longNamesWrapOrShrinkWithinTheMargins(Orientation orientation) throws Exception {
        String link = LINKS.link("https://campuspass.example.edu.cn/school-portal", "ndut", 123456789L);
        GatePoster poster = new GatePoster("中国人民解放军某某科技大学（长沙开福区）继续教育学院", "开福区南湖路东校区（研究生院）", "东三门（机动车出入口）", link);
        byte[] png = renderer.png(poster, orientation);
        Path file = SAMPLES.resolve("gate-poster-" + name(orientation) + "-long-names.png");
        Files.write(file, png);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(zbarimg(file)).isEqualTo(link);
        assertThat(zxing(image)).isEqualTo(link);
        // Text drawn past the side margins would show up in these strips as anything but the background.
        int band = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y++) {
            int background = image.getRGB(0, y) == band ? band : 0xFFFFFFFF;
            for (int x : List.of(0, 40, 80, image.getWidth() - 81, image.getWidth() - 41, image.getWidth() - 1)) {
                int rgb = image.getRGB(x, y);
                if (rgb != background && !isRule(rgb)) {
                    throw new AssertionError("Ink at the edge of the sheet at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aSchoolWithOneCampusShowsTheGateAlone() throws Exception {
        GatePoster poster = new GatePoster("示范职业技术学院", " ", "北门", LINK);
        assertThat(GatePosterRenderer.gateLine(poster)).isEqualTo("北门");
        Path file = SAMPLES.resolve("gate-poster-portrait-no-campus.png");
        Files.write(file, renderer.png(poster, Orientation.PORTRAIT));
        assertThat(zbarimg(file)).isEqualTo(LINK);
    }

    @Test
    void aNameTheFontCannotPrintIsRejectedInsteadOfDrawnAsABox() {
        GatePoster poster = new GatePoster("示范大学", "主校区", "东门\u0378", LINK);
        assertThatThrownBy(() -> renderer.png(poster, Orientation.PORTRAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0378");
    }

    @Test
    void posterFieldsAreRequired() {
        assertThatThrownBy(() -> new GatePoster(" ", "主校区", "东门", LINK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatePoster("示范大学", "主校区", null, LINK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatePoster("示范大学", "主校区", "东门", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatePoster("示范大学", "主校区", "东门", "https://x/" + "a".repeat(600)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean isRule(int rgb) {
        return (rgb & 0xFFFFFF) == 0xF2B124; // the accent stripe under the title band spans the sheet
    }

    private static org.assertj.core.data.Offset<Float> within() {
        return org.assertj.core.data.Offset.offset(0.5f);
    }

    private static String name(Orientation orientation) {
        return orientation.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String zxing(BufferedImage image) throws NotFoundException, Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader()
                .decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)))
                .getText();
    }

    private static String zbarimg(Path png) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "zbarimg", "--raw", "-q", png.toAbsolutePath().toString())
                // zbarimg complains on stderr about a missing D-Bus on servers; only stdout carries the result.
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("zbarimg on %s: %s", png, out).isZero();
        return out;
    }

    private static int pixelsPerMetre(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                IIOMetadata metadata = reader.getImageMetadata(0);
                Node root = metadata.getAsTree("javax_imageio_png_1.0");
                for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n.getNodeName().equals("pHYs")) {
                        return Integer.parseInt(n.getAttributes()
                                .getNamedItem("pixelsPerUnitXAxis")
                                .getNodeValue());
                    }
                }
                return -1;
            } finally {
                reader.dispose();
            }
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
