package cn.campuspass.vehicle;

import cn.campuspass.organization.poster.CjkFonts;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A sheet of e-bike QR labels: A4 pages of {@value #COLUMNS}×{@value #ROWS} labels with cut lines, each with the
 * school's name, the plate, the QR of the signed scan link and "扫码查验". Like the gate posters, each page is drawn
 * with Java2D in the posters' CJK font ({@link CjkFonts}) and embedded as one lossless image, so it prints the same
 * everywhere and needs no font embedded in the PDF.
 */
final class VehicleLabelSheet {

    static final int COLUMNS = 3;
    static final int ROWS = 4;
    static final int PER_PAGE = COLUMNS * ROWS;
    /** 200 dpi: the QR modules stay several pixels wide, and a 12-label page is a few hundred KB. */
    private static final int PAGE_W = 1654;

    private static final int PAGE_H = 2339;
    private static final int MARGIN = 80;
    private static final Color INK = new Color(0x1F, 0x29, 0x37);
    private static final Color BRAND = new Color(0x1D, 0x4E, 0xD8);
    private static final Color CUT = new Color(0xB0, 0xB8, 0xC4);

    record Label(String schoolName, String plate, String link) {}

    private VehicleLabelSheet() {}

    static byte[] pdf(List<Label> labels) {
        Font regular = CjkFonts.find();
        Font bold = CjkFonts.findBold();
        try (PDDocument document = new PDDocument()) {
            for (int first = 0; first < labels.size(); first += PER_PAGE) {
                BufferedImage image =
                        page(labels.subList(first, Math.min(labels.size(), first + PER_PAGE)), regular, bold);
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(xobject, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            document.getDocumentInformation().setTitle("电动自行车二维码");
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 19);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the label PDF", e);
        }
    }

    static BufferedImage page(List<Label> labels, Font regular, Font bold) {
        BufferedImage image = new BufferedImage(PAGE_W, PAGE_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, PAGE_W, PAGE_H);
            int cellW = (PAGE_W - 2 * MARGIN) / COLUMNS;
            int cellH = (PAGE_H - 2 * MARGIN) / ROWS;
            g.setColor(CUT);
            g.setStroke(
                    new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {12f, 10f}, 0f));
            for (int c = 0; c <= COLUMNS; c++) {
                g.drawLine(MARGIN + c * cellW, MARGIN, MARGIN + c * cellW, MARGIN + ROWS * cellH);
            }
            for (int r = 0; r <= ROWS; r++) {
                g.drawLine(MARGIN, MARGIN + r * cellH, MARGIN + COLUMNS * cellW, MARGIN + r * cellH);
            }
            for (int i = 0; i < labels.size(); i++) {
                int x = MARGIN + (i % COLUMNS) * cellW;
                int y = MARGIN + (i / COLUMNS) * cellH;
                label(g, labels.get(i), x, y, cellW, cellH, regular, bold);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void label(Graphics2D g, Label label, int x, int y, int w, int h, Font regular, Font bold) {
        int pad = 28;
        centred(
                g,
                fit(g, bold.deriveFont(34f), label.schoolName(), w - 2 * pad),
                BRAND,
                label.schoolName(),
                x,
                w,
                y + pad + 34);
        centred(g, regular.deriveFont(26f), INK, "电动自行车通行标识", x, w, y + pad + 76);
        int side = Math.min(w - 2 * pad - 40, h - 260);
        BitMatrix qr = qr(label.link());
        int qx = x + (w - side) / 2;
        int qy = y + pad + 100;
        drawQr(g, qr, qx, qy, side);
        centred(g, fit(g, bold.deriveFont(48f), label.plate(), w - 2 * pad), INK, label.plate(), x, w, qy + side + 62);
        centred(g, regular.deriveFont(24f), INK, "扫码查验 · 校园人车通", x, w, qy + side + 100);
    }

    private static Font fit(Graphics2D g, Font font, String text, int width) {
        Font f = font;
        while (f.getSize2D() > 14f && g.getFontMetrics(f).stringWidth(text) > width) {
            f = f.deriveFont(f.getSize2D() - 2f);
        }
        return f;
    }

    private static void centred(Graphics2D g, Font font, Color color, String text, int x, int w, int baseline) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x + (w - m.stringWidth(text)) / 2f, baseline);
    }

    /** Whole pixels per module, centred in the square, with a quiet zone of at least two modules. */
    private static void drawQr(Graphics2D g, BitMatrix qr, int x, int y, int side) {
        int modules = qr.getWidth() + 4;
        int px = Math.max(1, side / modules);
        int offset = (side - qr.getWidth() * px) / 2;
        g.setColor(Color.BLACK);
        for (int r = 0; r < qr.getHeight(); r++) {
            for (int c = 0; c < qr.getWidth(); c++) {
                if (qr.get(c, r)) {
                    g.fillRect(x + offset + c * px, y + offset + r * px, px, px);
                }
            }
        }
    }

    private static BitMatrix qr(String link) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0);
        try {
            return new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalStateException("Could not encode the label link", e);
        }
    }
}
