package cn.campuspass.organization.poster;

import java.awt.AWTError;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a font that can display Simplified Chinese for the posters. Java2D draws an empty box for every glyph a
 * font lacks, and a clean Debian image has no CJK font at all, so a poster must never be drawn with whatever font
 * happens to be the default: either a font that displays {@link #PROBE} is found, or rendering fails with an
 * {@link IllegalStateException} that names the package to install.
 *
 * <p>Search order: first Noto Sans SC shipped in this module's jar ({@link #SHIPPED_REGULAR}, {@link #SHIPPED_BOLD};
 * the build copies them from the npm package {@code @expo-google-fonts/noto-sans-sc} with their SIL Open Font
 * License beside them), so a fresh machine and the container image need no OS font. Only when the jar lacks them
 * (a build with {@code -DskipUi}): well-known Simplified Chinese families known to the JVM (fontconfig), the logical
 * {@code SansSerif} font (a composite that may fall back to a CJK font), any other installed family, and last the
 * font files of Debian's {@code fonts-noto-cjk} and {@code fonts-wqy-microhei}/{@code fonts-wqy-zenhei} loaded
 * directly, for a JVM whose font configuration does not see them.
 */
public final class CjkFonts {

    /** Text that any usable font must display: the product's name, 校园人车通. */
    public static final String PROBE = "校园人车通";

    static final String INSTALL_HINT = "Install Debian package fonts-noto-cjk (or fonts-wqy-microhei): "
            + "apt-get install -y fonts-noto-cjk; ops/install-test-tools.sh does this for the tests";

    static final String SHIPPED_REGULAR = "fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf";
    static final String SHIPPED_BOLD = "fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf";

    /** Families in order of preference; Simplified Chinese glyph forms first, then any CJK sans. */
    static final List<String> PREFERRED_FAMILIES = List.of(
            "Noto Sans CJK SC",
            "Noto Sans SC",
            "Source Han Sans SC",
            "Source Han Sans CN",
            "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei",
            "Microsoft YaHei",
            "PingFang SC",
            "SimHei",
            "Noto Sans CJK TC",
            "Noto Sans CJK JP");

    /** Font files read directly when the JVM's font configuration knows no CJK family: directory and glob. */
    static final List<FontFiles> WELL_KNOWN_FILES = List.of(
            new FontFiles(Path.of("/usr/share/fonts/opentype/noto"), "NotoSansCJK-*.ttc"),
            new FontFiles(Path.of("/usr/share/fonts/truetype/wqy"), "*.ttc"),
            new FontFiles(Path.of("/usr/share/fonts/opentype/noto"), "NotoSerifCJK-*.ttc"));

    private static volatile Faces found;

    private CjkFonts() {}

    /** The regular face (size 12) of a font that displays Chinese; found once, then cached. */
    public static Font find() {
        return faces().regular();
    }

    /** The bold face of the same family, or the regular face emboldened by Java2D when there is none. */
    public static Font findBold() {
        return faces().bold();
    }

    static Faces faces() {
        Faces faces = found;
        if (faces == null) {
            synchronized (CjkFonts.class) {
                faces = found;
                if (faces == null) {
                    faces = fromClasspath(CjkFonts.class.getClassLoader(), SHIPPED_REGULAR, SHIPPED_BOLD)
                            .orElseGet(() -> locate(installedFamilies(), WELL_KNOWN_FILES));
                    found = faces;
                }
            }
        }
        return faces;
    }

    record Faces(Font regular, Font bold) {}

    record FontFiles(Path dir, String glob) {}

    static Faces locate(Set<String> installedFamilies, List<FontFiles> files) {
        return fromFamilies(installedFamilies)
                .or(() -> fromFiles(files))
                .orElseThrow(() -> new IllegalStateException("No font able to display Chinese text (" + PROBE
                        + ") was found, and posters must not be printed with empty boxes. " + INSTALL_HINT
                        + ". Searched installed font families and " + files));
    }

    /**
     * The shipped TrueType faces, read from the classpath without asking the OS; empty when the regular face is not
     * there or cannot display Chinese. A missing bold face is drawn as the regular one emboldened by Java2D.
     */
    static Optional<Faces> fromClasspath(ClassLoader loader, String regularPath, String boldPath) {
        Optional<Font> regular = trueType(loader, regularPath).filter(CjkFonts::displays);
        return regular.map(r -> new Faces(
                r, trueType(loader, boldPath).filter(CjkFonts::displays).orElseGet(() -> r.deriveFont(Font.BOLD))));
    }

    private static Optional<Font> trueType(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(Font.PLAIN, 12f));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("The font shipped as " + path + " cannot be read", e);
        }
    }

    static Optional<Faces> fromFamilies(Set<String> installedFamilies) {
        List<String> candidates = new ArrayList<>();
        for (String family : PREFERRED_FAMILIES) {
            if (installedFamilies.contains(family)) {
                candidates.add(family);
            }
        }
        // The logical SansSerif font is listed among the families; a composite, it may fall back to a CJK font.
        if (installedFamilies.contains(Font.SANS_SERIF) && !candidates.contains(Font.SANS_SERIF)) {
            candidates.add(Font.SANS_SERIF);
        }
        installedFamilies.stream()
                .filter(f -> !candidates.contains(f))
                .sorted(Comparator.comparingInt(CjkFonts::scriptRank).thenComparing(Comparator.naturalOrder()))
                .forEach(candidates::add);
        for (String family : candidates) {
            Font regular = new Font(family, Font.PLAIN, 12);
            // An unknown family silently becomes "Dialog"; only accept the family that was asked for.
            boolean resolved = family.equals(Font.SANS_SERIF)
                    || regular.getFamily(Locale.ROOT).equals(family);
            if (resolved && displays(regular)) {
                return Optional.of(new Faces(regular, new Font(family, Font.BOLD, 12)));
            }
        }
        return Optional.empty();
    }

    static Optional<Faces> fromFiles(List<FontFiles> files) {
        List<Font> faces = new ArrayList<>();
        for (FontFiles location : files) {
            for (Path file : matching(location)) {
                try {
                    faces.addAll(Arrays.asList(Font.createFonts(file.toFile())));
                } catch (FontFormatException | IOException e) {
                    // An unreadable file is skipped; the exception below lists where we looked.
                }
            }
        }
        Optional<Font> regular = faces.stream()
                .filter(CjkFonts::displays)
                .min(Comparator.comparingInt((Font f) -> scriptRank(f.getFamily(Locale.ROOT)))
                        .thenComparingInt(f -> weightRank(f.getFontName(Locale.ROOT))));
        return regular.map(r -> {
            Font base = r.deriveFont(Font.PLAIN, 12f);
            Font bold = faces.stream()
                    .filter(f -> f.getFamily(Locale.ROOT).equals(r.getFamily(Locale.ROOT)))
                    .filter(f -> f.getFontName(Locale.ROOT).endsWith("Bold"))
                    .findFirst()
                    .map(f -> f.deriveFont(Font.PLAIN, 12f))
                    .orElseGet(() -> base.deriveFont(Font.BOLD));
            return new Faces(base, bold);
        });
    }

    /** Whether the font has glyphs for the whole text (not the empty boxes Java2D would draw otherwise). */
    static boolean displays(Font font, String text) {
        return font.canDisplayUpTo(text) == -1;
    }

    private static boolean displays(Font font) {
        return displays(font, PROBE);
    }

    private static List<Path> matching(FontFiles location) {
        if (!Files.isDirectory(location.dir())) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(location.dir(), location.glob())) {
            stream.forEach(paths::add);
        } catch (IOException e) {
            return List.of();
        }
        // Regular before Bold/Light etc., and a stable order otherwise.
        paths.sort(
                Comparator.comparingInt((Path p) -> weightRank(p.getFileName().toString()))
                        .thenComparing(Comparator.naturalOrder()));
        return paths;
    }

    private static Set<String> installedFamilies() {
        try {
            return new TreeSet<>(Arrays.asList(
                    GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)));
        } catch (RuntimeException | LinkageError | AWTError e) {
            // A JVM without a usable font configuration still gets the font-file search.
            return Set.of();
        }
    }

    /** Simplified Chinese families first: the same character has different glyph forms in JP/KR/TC fonts. */
    private static int scriptRank(String family) {
        String f = family.toUpperCase(Locale.ROOT);
        if (f.endsWith(" SC") || f.endsWith(" CN") || f.contains("WENQUANYI") || f.contains(" GB")) {
            return 0;
        }
        if (f.contains("CJK") || f.contains("HEI") || f.contains("SONG")) {
            return 1;
        }
        return 2;
    }

    private static int weightRank(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.contains("REGULAR")
                || !(n.contains("BOLD")
                        || n.contains("LIGHT")
                        || n.contains("THIN")
                        || n.contains("MEDIUM")
                        || n.contains("BLACK"))) {
            return 0;
        }
        return 1;
    }
}
