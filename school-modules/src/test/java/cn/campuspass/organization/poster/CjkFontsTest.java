package cn.campuspass.organization.poster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs a CJK font installed (fonts-noto-cjk, by ops/install-test-tools.sh). */
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
