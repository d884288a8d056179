package cn.campuspass.localstack.demo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Demo faces (R4.9, A4.5): a few registrants of every identity get a face through the console upload endpoint, so
 * each goes through the real check, and some get a second one, so 人脸更新记录 shows old and new faces side by side.
 * The photos are made at start-up from one public-domain portrait shipped beside this class ({@code
 * face-portrait.jpg}: Eileen Collins, NASA, from scikit-image's sample data) — mirrored, reframed and toned, so the
 * list does not show one picture over and over. Idempotent: registrants with a face are left alone.
 */
public final class DemoFaces {

    /** How many registrants get a face, and how many of those a second one. */
    static final int WITH_FACE = 8;

    static final int UPDATED = 3;

    private DemoFaces() {}

    /** @return how many faces were uploaded now */
    static int seed(DemoApi api, Connection c, String schema) throws SQLException {
        List<Long> people = registrantsWithoutFace(c, schema);
        if (people.isEmpty()) {
            return 0;
        }
        BufferedImage portrait = portrait();
        int uploaded = 0;
        for (int i = 0; i < people.size(); i++) {
            long id = people.get(i);
            upload(api, id, variant(portrait, i));
            uploaded++;
            if (i < UPDATED) {
                upload(api, id, variant(portrait, i + WITH_FACE));
                uploaded++;
            }
        }
        backdate(c, schema);
        return uploaded;
    }

    private static void upload(DemoApi api, long registrantId, byte[] jpeg) {
        DemoApi.Reply reply =
                api.upload("/admin/api/faces/registrants/" + registrantId, "face.jpg", "image/jpeg", jpeg);
        if (!reply.ok()) {
            throw new IllegalStateException(
                    "face of registrant " + registrantId + ": HTTP " + reply.status() + " " + reply.body());
        }
    }

    /** A spread of identities: the first registrants of each, in id order, that have no face yet. */
    private static List<Long> registrantsWithoutFace(Connection c, String schema) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM (SELECT r.id, r.identity,"
                + " row_number() OVER (PARTITION BY r.identity ORDER BY r.id) AS n FROM " + schema + ".registrant r"
                + " WHERE r.enabled) ranked WHERE n <= 3 ORDER BY n, id LIMIT ?")) {
            ps.setInt(1, WITH_FACE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + schema + ".face_update")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return List.of(); // seeded before
                }
            }
        }
        return ids;
    }

    /** Spreads the uploads over the last days, so the list's times look like a real week. */
    private static void backdate(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + schema + ".face_update SET updated_at = ?"
                + " - (id % 7) * interval '1 day' - (id % 5) * interval '3 hours' + (id % 2) * interval '1 minute'")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static BufferedImage portrait() {
        try (InputStream in = DemoFaces.class.getResourceAsStream("face-portrait.jpg")) {
            if (in == null) {
                throw new IllegalStateException("face-portrait.jpg is missing beside DemoFaces");
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Variant {@code n}: mirrored or not, reframed a little, warmer or cooler, scaled up like a phone photo. */
    static byte[] variant(BufferedImage portrait, int n) {
        int w = portrait.getWidth();
        int h = portrait.getHeight();
        int dx = (n % 3 - 1) * 10;
        int dy = (n % 2) * 8;
        BufferedImage out = new BufferedImage(w * 2, h * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        boolean mirrored = n % 2 == 1;
        int sx1 = Math.max(0, dx);
        int sx2 = Math.min(w, w + dx);
        int sy1 = dy;
        int sy2 = h;
        if (mirrored) {
            g.drawImage(portrait, w * 2, 0, 0, h * 2, sx1, sy1, sx2, sy2, null);
        } else {
            g.drawImage(portrait, 0, 0, w * 2, h * 2, sx1, sy1, sx2, sy2, null);
        }
        g.dispose();
        double[] tone = {1.0, 1.06, 0.95, 1.1, 0.92, 1.03, 0.97, 1.08};
        double red = tone[n % tone.length];
        double blue = 2.0 - red;
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int rgb = out.getRGB(x, y);
                int r = Math.min(255, (int) (((rgb >> 16) & 0xFF) * red));
                int gr = (rgb >> 8) & 0xFF;
                int b = Math.min(255, (int) ((rgb & 0xFF) * blue));
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "jpg", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
