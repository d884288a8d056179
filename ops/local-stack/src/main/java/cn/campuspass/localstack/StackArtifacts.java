package cn.campuspass.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Locates the artifacts the stack runs as separate processes: the Keycloak distribution zip, the S3Proxy fat jar
 * and the CampusPass Keycloak extension jar.
 *
 * <p>Maven resolves them when this module is built ({@code provided} dependencies) and writes their paths into
 * the filtered resource {@code stack-artifacts.properties}. Each can be overridden with a system property
 * ({@code campuspass.keycloak.dist}, {@code campuspass.s3proxy.jar}, {@code campuspass.keycloak.extension}); when
 * the recorded path is missing the artifact is looked up by its coordinates in the local Maven repository
 * ({@code -Dmaven.repo.local}, the recorded one, then {@code ~/.m2/repository}).
 */
final class StackArtifacts {

    private static final String RESOURCE = "stack-artifacts.properties";
    static final String DEFAULT_KEYCLOAK_VERSION = "26.5.6";

    private final Properties props = new Properties();
    private final Path repo;

    StackArtifacts(Path repo) {
        this.repo = repo;
        try (InputStream in = StackArtifacts.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String keycloakVersion() {
        return value("keycloak.version").orElse(DEFAULT_KEYCLOAK_VERSION);
    }

    Path keycloakDist() {
        return locate("campuspass.keycloak.dist", "keycloak.dist", "keycloak.dist.coordinates")
                .orElseThrow(() -> missing("Keycloak distribution (org.keycloak:keycloak-quarkus-dist:zip)"));
    }

    Path s3proxyJar() {
        return locate("campuspass.s3proxy.jar", "s3proxy.jar", "s3proxy.jar.coordinates")
                .orElseThrow(() -> missing("S3Proxy (org.gaul:s3proxy:jar:jar-with-dependencies)"));
    }

    /**
     * The newest of: the module's own build output ({@code ops/keycloak-extension/target/*.jar}), the path Maven
     * recorded (a jar, or a reactor {@code target/classes} directory) and the local Maven repository copy.
     */
    Optional<Path> keycloakExtension() {
        String override = System.getProperty("campuspass.keycloak.extension");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        List<Path> candidates = new ArrayList<>();
        Path target = repo.resolve("ops/keycloak-extension/target");
        value("keycloak.extension.coordinates").ifPresent(coordinates -> {
            String[] parts = coordinates.split(":");
            candidates.add(target.resolve(parts[1] + "-" + parts[2] + ".jar"));
        });
        value("keycloak.extension").map(Path::of).ifPresent(candidates::add);
        value("keycloak.extension.coordinates").flatMap(this::inLocalRepository).ifPresent(candidates::add);
        return candidates.stream().filter(Files::exists).max(Comparator.comparingLong(StackArtifacts::lastModified));
    }

    private Optional<Path> locate(String systemProperty, String pathKey, String coordinatesKey) {
        String override = System.getProperty(systemProperty);
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        Optional<Path> recorded = value(pathKey).map(Path::of).filter(Files::isRegularFile);
        if (recorded.isPresent()) {
            return recorded;
        }
        return value(coordinatesKey).flatMap(this::inLocalRepository);
    }

    /** groupId:artifactId:version:type[:classifier] → file in the first local repository that has it. */
    private Optional<Path> inLocalRepository(String coordinates) {
        String[] p = coordinates.split(":");
        if (p.length < 4) {
            return Optional.empty();
        }
        String file = p[1] + "-" + p[2] + (p.length > 4 ? "-" + p[4] : "") + "." + p[3];
        Path relative = Path.of(p[0].replace('.', '/'), p[1], p[2], file);
        List<Path> roots = new ArrayList<>();
        Optional.ofNullable(System.getProperty("maven.repo.local"))
                .map(Path::of)
                .ifPresent(roots::add);
        value("local.repository").map(Path::of).ifPresent(roots::add);
        roots.add(Path.of(System.getProperty("user.home"), ".m2", "repository"));
        return roots.stream()
                .map(root -> root.resolve(relative))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    private Optional<String> value(String key) {
        String v = props.getProperty(key);
        // An unfiltered resource (e.g. an IDE build without Maven) still holds the @...@ placeholders.
        if (v == null || v.isBlank() || v.contains("@")) {
            return Optional.empty();
        }
        return Optional.of(v.trim());
    }

    private IllegalStateException missing(String what) {
        return new IllegalStateException(what + " not found. Build the module once with Maven "
                + "(mvn -pl ops/local-stack -am install -DskipTests) so that Maven downloads it, "
                + "or point the matching -Dcampuspass.* system property at the file.");
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
