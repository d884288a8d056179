package cn.campuspass.organization.poster;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Draws a gate's QR poster as an A4 sheet at 300 dpi: a title band with the school name, the campus and gate names
 * large, the QR code of the signed entry link, and the scanning instructions in Chinese and English.
 *
 * <p>Rendering is CPU-bound and each sheet is a large bitmap (2480×3508 pixels, 26 MB as 24-bit colour), so at
 * most {@code maxConcurrentRenders} posters are drawn at once; further requests wait. The Chinese text needs a CJK
 * font ({@link CjkFonts}); without one, rendering fails instead of printing empty boxes.
 */
public final class GatePosterRenderer {

    public static final int DPI = 300;
    static final int A4_SHORT_PX = 2480;
    static final int A4_LONG_PX = 3508;

    static final String SUBTITLE = "校门出入二维码";
    static final String CAPTION = "请使用微信扫一扫 出入校园";
    static final String CAPTION_EN = "Scan with WeChat to enter";
    static final String FOOTER_NOTE = "请勿遮挡、涂改或覆盖本二维码";
    static final String BRAND = "校园人车通 CampusPass";
    static final String SEPARATOR = " · ";

    /** Three bytes a pixel: an ARGB (or INT_RGB) sheet would take 35 MB instead of 26 MB, for nothing. */
    private static final int IMAGE_TYPE = BufferedImage.TYPE_3BYTE_BGR;

    private static final int QUIET_ZONE_MODULES = 4;
    private static final float LINE_SPACING = 1.28f;
    /** Where the baseline sits below the top of a line, in ems: CJK glyphs fill roughly 0.88 em above it. */
    private static final float BASELINE = 0.88f;

    private static final Color BRAND_BLUE = new Color(0x0D47A1);
    private static final Color BAND_SOFT_TEXT = new Color(0xD4E0F4);
    private static final Color ACCENT = new Color(0xF2B124);
    private static final Color INK = new Color(0x1B1B1F);
    private static final Color GREY = new Color(0x5F6368);
    private static final Color RULE = new Color(0xC9CED6);

    private final Semaphore renders;

    /** At most one render per available processor at a time. */
    public GatePosterRenderer() {
        this(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public GatePosterRenderer(int maxConcurrentRenders) {
        if (maxConcurrentRenders < 1) {
            throw new IllegalArgumentException("maxConcurrentRenders must be at least 1");
        }
        this.renders = new Semaphore(maxConcurrentRenders, true);
    }

    /** The poster as a PNG at 300 dpi (the resolution is recorded in the file, so it prints at A4 size). */
    public byte[] png(GatePoster poster, Orientation orientation) {
        acquire();
        try {
            return encodePng(render(poster, orientation));
        } finally {
            renders.release();
        }
    }

    /**
     * The poster as a one-page A4 PDF. The page holds the 300 dpi rendering as a losslessly compressed image rather
     * than text and vector shapes: the CJK fonts available here (Noto Sans CJK) are CFF-based OpenType collections,
     * which PDFBox cannot embed, and an image prints identically everywhere. The text is therefore not selectable.
     */
    public byte[] pdf(GatePoster poster, Orientation orientation) {
        acquire();
        try {
            BufferedImage image = render(poster, orientation);
            PDRectangle a4 = orientation == Orientation.PORTRAIT
                    ? PDRectangle.A4
                    : new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
            try (PDDocument document = new PDDocument()) {
                PDPage page = new PDPage(a4);
                document.addPage(page);
                PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
                image = null; // let the bitmap go before the PDF is serialized
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(xobject, 0, 0, a4.getWidth(), a4.getHeight());
                }
                PDDocumentInformation info = document.getDocumentInformation();
                info.setTitle(poster.schoolName() + " " + gateLine(poster) + " " + SUBTITLE);
                info.setCreator(BRAND);
                ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
                document.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the poster PDF", e);
            }
        } finally {
            renders.release();
        }
    }

    /** The poster as a bitmap, {@link #A4_SHORT_PX}×{@link #A4_LONG_PX} pixels in the given orientation. */
    BufferedImage render(GatePoster poster, Orientation orientation) {
        CjkFonts.Faces fonts = CjkFonts.faces();
        requireDisplayable(fonts, poster);
        BitMatrix qr = encodeQr(poster.link());
        boolean portrait = orientation == Orientation.PORTRAIT;
        int width = portrait ? A4_SHORT_PX : A4_LONG_PX;
        int height = portrait ? A4_LONG_PX : A4_SHORT_PX;
        BufferedImage image = new BufferedImage(width, height, IMAGE_TYPE);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            Sheet sheet = new Sheet(g, fonts, width, height);
            if (portrait) {
                drawPortrait(sheet, poster, qr);
            } else {
                drawLandscape(sheet, poster, qr);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void drawPortrait(Sheet s, GatePoster poster, BitMatrix qr) {
        int margin = 160;
        int bandBottom = s.titleBand(poster.schoolName(), margin, 150, 184);
        int footerTop = s.footer(margin, 230);

        double textWidth = s.width - 2.0 * margin;
        Block gate = s.fit(s.fonts.bold(), s.gateLayouts(poster), 210, 150, textWidth);
        Block caption = s.fit(s.fonts.bold(), s.withTwoLineBreaks(CAPTION, s.fonts.bold()), 124, 90, textWidth);
        Block english = s.fit(s.fonts.regular(), List.of(List.of(CAPTION_EN)), 66, 40, textWidth);

        int gapBelowGate = 110;
        int gapBelowQr = 110;
        int gapBelowCaption = 44;
        int minPadding = 120;
        double fixed =
                gate.height() + gapBelowGate + gapBelowQr + caption.height() + gapBelowCaption + english.height();
        int available = footerTop - bandBottom;
        int frame = (int) Math.min(1760, available - fixed - 2 * minPadding);
        double padding = (available - fixed - frame) / 2;

        double y = bandBottom + padding;
        s.draw(gate, INK, s.width / 2.0, y);
        y += gate.height() + gapBelowGate;
        s.qrFrame(qr, (s.width - frame) / 2, (int) Math.round(y), frame);
        y += frame + gapBelowQr;
        s.draw(caption, BRAND_BLUE, s.width / 2.0, y);
        y += caption.height() + gapBelowCaption;
        s.draw(english, GREY, s.width / 2.0, y);
    }

    private void drawLandscape(Sheet s, GatePoster poster, BitMatrix qr) {
        int margin = 170;
        int bandBottom = s.titleBand(poster.schoolName(), margin, 130, 168);
        int footerTop = s.footer(margin, 200);

        int available = footerTop - bandBottom;
        int frame = Math.min(1560, available - 2 * 110);
        int frameX = margin + 60;
        int frameY = bandBottom + (available - frame) / 2;
        s.qrFrame(qr, frameX, frameY, frame);

        int columnLeft = frameX + frame + 170;
        int columnRight = s.width - margin;
        double columnWidth = columnRight - columnLeft;
        double center = (columnLeft + columnRight) / 2.0;
        Block gate = s.fit(s.fonts.bold(), s.gateLayouts(poster), 200, 140, columnWidth);
        Block caption = s.fit(s.fonts.bold(), s.withTwoLineBreaks(CAPTION, s.fonts.bold()), 112, 84, columnWidth);
        Block english = s.fit(s.fonts.regular(), List.of(List.of(CAPTION_EN)), 62, 40, columnWidth);

        int ruleGap = 90;
        int ruleHeight = 10;
        int gapBelowCaption = 40;
        double total =
                gate.height() + ruleGap + ruleHeight + ruleGap + caption.height() + gapBelowCaption + english.height();
        double y = frameY + (frame - total) / 2;
        s.draw(gate, INK, center, y);
        y += gate.height() + ruleGap;
        s.g.setColor(ACCENT);
        s.g.fillRect((int) Math.round(center - 90), (int) Math.round(y), 180, ruleHeight);
        y += ruleHeight + ruleGap;
        s.draw(caption, BRAND_BLUE, center, y);
        y += caption.height() + gapBelowCaption;
        s.draw(english, GREY, center, y);
    }

    static String gateLine(GatePoster poster) {
        return poster.campusName().isEmpty() ? poster.gateName() : poster.campusName() + SEPARATOR + poster.gateName();
    }

    /** A block of centred lines set in one font size. */
    record Block(List<String> lines, Font font) {
        double height() {
            float size = font.getSize2D();
            return size + (lines.size() - 1) * size * LINE_SPACING;
        }
    }

    /** The drawing surface of one poster with its layout primitives. */
    private static final class Sheet {
        final Graphics2D g;
        final CjkFonts.Faces fonts;
        final int width;
        final int height;
        final FontRenderContext frc;

        Sheet(Graphics2D g, CjkFonts.Faces fonts, int width, int height) {
            this.g = g;
            this.fonts = fonts;
            this.width = width;
            this.height = height;
            this.frc = g.getFontRenderContext();
        }

        /** The blue band with the school name and subtitle; returns its bottom edge (below the accent stripe). */
        int titleBand(String schoolName, int margin, int padding, float maxSize) {
            Block name = fit(
                    fonts.bold(),
                    withTwoLineBreaks(schoolName, fonts.bold()),
                    maxSize,
                    maxSize * 0.72f,
                    width - 2.0 * margin);
            Block subtitle = new Block(List.of(SUBTITLE), fonts.regular().deriveFont(64f));
            int gap = 52;
            int bandHeight = (int) Math.round(padding + name.height() + gap + subtitle.height() + padding);
            g.setColor(BRAND_BLUE);
            g.fillRect(0, 0, width, bandHeight);
            g.setColor(ACCENT);
            g.fillRect(0, bandHeight, width, 18);
            draw(name, Color.WHITE, width / 2.0, padding);
            draw(subtitle, BAND_SOFT_TEXT, width / 2.0, padding + name.height() + gap);
            return bandHeight + 18;
        }

        /** A hairline rule and the small print at the foot of the sheet; returns the rule's top edge. */
        int footer(int margin, int footerHeight) {
            int ruleY = height - footerHeight;
            g.setColor(RULE);
            g.fillRect(margin, ruleY, width - 2 * margin, 4);
            Font small = fonts.regular().deriveFont(48f);
            g.setFont(small);
            float baseline = ruleY + (footerHeight + 48 * BASELINE) / 2f - 4;
            g.setColor(GREY);
            g.drawString(FOOTER_NOTE, margin, baseline);
            float brandWidth = (float) small.getStringBounds(BRAND, frc).getWidth();
            g.setColor(BRAND_BLUE);
            g.drawString(BRAND, width - margin - brandWidth, baseline);
            return ruleY;
        }

        /**
         * The QR code inside a rounded frame of side {@code side}. Modules are whole pixels (no resampling blur)
         * and the four-module quiet zone is white inside the frame.
         */
        void qrFrame(BitMatrix qr, int x, int y, int side) {
            int stroke = 10;
            int inset = stroke + 24;
            g.setColor(Color.WHITE);
            g.fillRect(x, y, side, side);
            g.setColor(BRAND_BLUE);
            g.setStroke(new BasicStroke(stroke));
            g.draw(new RoundRectangle2D.Double(
                    x + stroke / 2.0, y + stroke / 2.0, side - stroke, side - stroke, 72, 72));

            int modules = qr.getWidth();
            int area = side - 2 * inset;
            int module = area / (modules + 2 * QUIET_ZONE_MODULES);
            if (module < 1) {
                throw new IllegalStateException("The QR code does not fit on the poster");
            }
            int codeSide = module * modules;
            int left = x + (side - codeSide) / 2;
            int top = y + (side - codeSide) / 2;
            Object antialias = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.BLACK);
            for (int row = 0; row < modules; row++) {
                int col = 0;
                while (col < modules) {
                    if (!qr.get(col, row)) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < modules && qr.get(col, row)) {
                        col++;
                    }
                    g.fillRect(left + start * module, top + row * module, (col - start) * module, module);
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialias);
        }

        /**
         * The first layout whose lines fit {@code maxWidth} at {@code minSize} or more, at the largest size up to
         * {@code maxSize}; if none does, the layout that allows the largest size, even below the minimum, so that
         * nothing is ever cut off.
         */
        Block fit(Font base, List<List<String>> layouts, float maxSize, float minSize, double maxWidth) {
            Block best = null;
            for (List<String> lines : layouts) {
                double widest = 0;
                Font reference = base.deriveFont(100f);
                for (String line : lines) {
                    widest = Math.max(
                            widest, reference.getStringBounds(line, frc).getWidth() / 100);
                }
                float size = (float) Math.min(maxSize, Math.floor(maxWidth * 0.98 / widest));
                Block block = new Block(lines, base.deriveFont(size));
                if (size >= minSize) {
                    return block;
                }
                if (best == null || size > best.font().getSize2D()) {
                    best = block;
                }
            }
            return best;
        }

        /**
         * One line "校区 · 校门"; else campus and gate on lines of their own; else the line broken in two at the
         * most balanced place.
         */
        List<List<String>> gateLayouts(GatePoster poster) {
            List<List<String>> layouts = new ArrayList<>(withTwoLineBreaks(gateLine(poster), fonts.bold()));
            if (!poster.campusName().isEmpty()) {
                layouts.add(1, List.of(poster.campusName(), poster.gateName()));
            }
            return layouts;
        }

        /** The text on one line, then broken in two at the most balanced place (preferring spaces and brackets). */
        List<List<String>> withTwoLineBreaks(String text, Font font) {
            List<List<String>> layouts = new ArrayList<>();
            layouts.add(List.of(text));
            List<String> split = balancedSplit(text, font);
            if (split != null) {
                layouts.add(split);
            }
            return layouts;
        }

        private List<String> balancedSplit(String text, Font font) {
            Font reference = font.deriveFont(100f);
            List<String> best = null;
            double bestWidth = Double.MAX_VALUE;
            List<String> preferred = null;
            double preferredWidth = Double.MAX_VALUE;
            for (int i = 1; i < text.length(); i++) {
                char before = text.charAt(i - 1);
                char after = text.charAt(i);
                if (Character.isLowSurrogate(after)
                        || (isAsciiWordChar(before) && isAsciiWordChar(after))
                        || "）)，,。、·：:；;！!？?」』》".indexOf(after) >= 0
                        || "（(「『《".indexOf(before) >= 0) {
                    continue;
                }
                String first = text.substring(0, i).strip();
                String second = text.substring(i).strip();
                if (first.isEmpty() || second.isEmpty()) {
                    continue;
                }
                double w = Math.max(
                        reference.getStringBounds(first, frc).getWidth(),
                        reference.getStringBounds(second, frc).getWidth());
                if (w < bestWidth) {
                    bestWidth = w;
                    best = List.of(first, second);
                }
                boolean natural = Character.isWhitespace(before) || before == '·' || after == '（' || after == '(';
                if (natural && w < preferredWidth) {
                    preferredWidth = w;
                    preferred = List.of(first, second);
                }
            }
            return preferred != null && preferredWidth <= bestWidth * 1.15 ? preferred : best;
        }

        private static boolean isAsciiWordChar(char c) {
            return c < 128 && Character.isLetterOrDigit(c);
        }

        /** Draws the block's lines centred on {@code centerX}, the first line's em box starting at {@code top}. */
        void draw(Block block, Color color, double centerX, double top) {
            g.setColor(color);
            g.setFont(block.font());
            float size = block.font().getSize2D();
            for (int i = 0; i < block.lines().size(); i++) {
                String line = block.lines().get(i);
                double lineWidth = block.font().getStringBounds(line, frc).getWidth();
                float baseline = (float) (top + size * BASELINE + i * size * LINE_SPACING);
                g.drawString(line, (float) (centerX - lineWidth / 2), baseline);
            }
        }
    }

    private static BitMatrix encodeQr(String link) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0); // the quiet zone is drawn by qrFrame, in whole modules
        // ZXing writes an ECI header whenever a character set is named; some phone scanners show it as a
        // "\000026" prefix. Plain ASCII links (all signed links are) need none, so UTF-8 is named only otherwise.
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(link)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("The link cannot be encoded as a QR code", e);
        }
    }

    private static void requireDisplayable(CjkFonts.Faces fonts, GatePoster poster) {
        for (String fixed : List.of(SUBTITLE, CAPTION, CAPTION_EN, FOOTER_NOTE, BRAND, SEPARATOR.strip())) {
            if (!CjkFonts.displays(fonts.regular(), fixed) || !CjkFonts.displays(fonts.bold(), fixed)) {
                throw new IllegalStateException("Font " + fonts.regular().getFontName() + " cannot display \"" + fixed
                        + "\". " + CjkFonts.INSTALL_HINT);
            }
        }
        for (String name : List.of(poster.schoolName(), poster.campusName(), poster.gateName())) {
            int at = fonts.bold().canDisplayUpTo(name);
            if (at >= 0) {
                throw new IllegalArgumentException(String.format(
                        "\"%s\" has a character (U+%04X) that font %s cannot print",
                        name, name.codePointAt(at), fonts.bold().getFontName()));
            }
        }
    }

    private static byte[] encodePng(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            // A lighter deflate than the default: measured 30-40 % faster for a ~35 % larger file (about 300 KB).
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.75f);
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String pixelsPerMetre = Integer.toString(Math.round(DPI / 0.0254f));
            IIOMetadataNode physical = new IIOMetadataNode("pHYs");
            physical.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
            physical.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
            physical.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(physical);
            metadata.mergeTree("javax_imageio_png_1.0", root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
            // A memory cache: ImageIO's default stream cache would write a temporary file per poster.
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("Could not set the PNG resolution", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the poster PNG", e);
        } finally {
            writer.dispose();
        }
    }

    private void acquire() {
        try {
            renders.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to render a poster", e);
        }
    }
}
