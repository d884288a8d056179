package cn.campuspass.organization.poster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Noto Sans SC (copied into target/classes by the build) is found first, from the classpath alone; the
 * OS font search behind it needs a CJK font installed (fonts-noto-cjk, by ops/install-test-tools.sh).
 */
class CjkFontsTest {

    private static final List<String> NAMES =
            List.of(CjkFonts.PROBE, "示范大学", "主校区 · 东门", "请使用微信扫一扫 出入校园", "Scan with WeChat to enter");

    @Test
    void findsAFontThatDisplaysThePosterTexts() {
        for (Font font : List.of(CjkFonts.find(), CjkFonts.findBold())) {
            for (String name : NAMES) {
                assertThat(font.canDisplayUpTo(name)).as(font + " / " + name).isEqualTo(-1);
                assertThat(hasNoMissingGlyph(font, name))
                        .as(font + " / " + name)
                        .isTrue();
            }
        }
    }

    @Test
    void postersUseTheFontShippedInTheJarNotAnOsFont() {
        CjkFonts.Faces faces = CjkFonts.faces();

        // The OS fonts here are "Noto Sans CJK SC" and "Noto Serif CJK SC"; the shipped one is "Noto Sans SC".
        assertThat(faces.regular().getFontName(Locale.ROOT)).isEqualTo("Noto Sans SC Regular");
        assertThat(faces.bold().getFontName(Locale.ROOT)).isEqualTo("Noto Sans SC Bold");
        assertThat(faces.bold().isBold())
                .as("a real bold face, not Java2D's emboldening")
                .isFalse();
        assertThat(getClass().getClassLoader().getResource("fonts/noto-sans-sc/LICENSE_FONT"))
                .as("the SIL Open Font License ships beside the font")
                .isNotNull();
    }

    @Test
    void theShippedFontDrawsChineseGlyphsNotBoxesWithoutAskingTheOs() {
        // Read from the classpath only: no installed family and no font directory takes part.
        CjkFonts.Faces faces = CjkFonts.fromClasspath(
                        getClass().getClassLoader(), CjkFonts.SHIPPED_REGULAR, CjkFonts.SHIPPED_BOLD)
                .orElseThrow();

        for (Font font : List.of(faces.regular(), faces.bold())) {
            Font big = font.deriveFont(64f);
            for (String name : NAMES) {
                assertThat(font.canDisplayUpTo(name)).as(font + " / " + name).isEqualTo(-1);
                assertThat(hasNoMissingGlyph(font, name))
                        .as(font + " / " + name)
                        .isTrue();
            }
            // Drawn, 校 is not the font's box (its missing glyph): the pixels differ.
            int[] drawn = pixels(big, big.createGlyphVector(CONTEXT, "校"));
            int[] box = pixels(big, big.createGlyphVector(CONTEXT, new int[] {big.getMissingGlyphCode()}));
            assertThat(Arrays.stream(drawn).filter(p -> p != WHITE).count()).isGreaterThan(100);
            assertThat(drawn).isNotEqualTo(box);
        }
    }

    @Test
    void withoutTheShippedFontTheOsSearchTakesOver() {
        assertThat(CjkFonts.fromClasspath(getClass().getClassLoader(), "fonts/none.ttf", "fonts/none-bold.ttf"))
                .isEmpty();
    }

    @Test
    void loadsTheNotoCollectionFromItsFilesWhenTheJvmDoesNotListIt() {
        assumeTrue(
                Files.exists(Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")),
                "fonts-noto-cjk is not installed");

        CjkFonts.Faces faces = CjkFonts.fromFiles(CjkFonts.WELL_KNOWN_FILES).orElseThrow();

        assertThat(faces.regular().getFamily(java.util.Locale.ROOT)).isEqualTo("Noto Sans CJK SC");
        assertThat(faces.bold().getFontName(java.util.Locale.ROOT)).endsWith("Bold");
        assertThat(faces.regular().canDisplayUpTo(CjkFonts.PROBE)).isEqualTo(-1);
        assertThat(faces.bold().canDisplayUpTo(CjkFonts.PROBE)).isEqualTo(-1);
    }

    @Test
    void withoutAnyCjkFontItFailsNamingThePackageToInstall(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.ttc"), "not a font");

        assertThatThrownBy(() -> CjkFonts.locate(Set.of("DejaVu Sans"), List.of(new CjkFonts.FontFiles(dir, "*.ttc"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fonts-noto-cjk")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void anUnknownFamilyIsNotMistakenForTheDefaultFont() {
        assertThat(CjkFonts.fromFamilies(Set.of("No Such Font Family"))).isEmpty();
    }

    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final int WHITE = 0xFFFFFFFF;

    private static int[] pixels(Font font, GlyphVector glyphs) {
        BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 96, 96);
        g.setColor(Color.BLACK);
        g.setFont(font);
        g.drawGlyphVector(glyphs, 8, 76);
        g.dispose();
        return image.getRGB(0, 0, 96, 96, null, 0, 96);
    }

    private static boolean hasNoMissingGlyph(Font font, String text) {
        GlyphVector glyphs = font.createGlyphVector(new FontRenderContext(null, true, true), text);
        int missing = font.getMissingGlyphCode();
        for (int i = 0; i < glyphs.getNumGlyphs(); i++) {
            if (glyphs.getGlyphCode(i) == missing) {
                return false;
            }
        }
        return true;
    }
}
