package cn.campuspass.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the CampusPass repository root: the directory that holds {@code ops/local-stack/pom.xml}. */
final class RepoLocator {

    static final String REPO_PROPERTY = "campuspass.repo";

    private RepoLocator() {}

    static Path find() {
        String override = System.getProperty(REPO_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path repo = Path.of(override).toAbsolutePath().normalize();
            if (!isRepo(repo)) {
                throw new IllegalStateException(
                        "-D" + REPO_PROPERTY + "=" + repo + " does not hold ops/local-stack/pom.xml");
            }
            return repo;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isRepo(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No CampusPass repository (a directory holding ops/local-stack/pom.xml) at or above " + start
                        + "; run from inside the repository or set -D" + REPO_PROPERTY + "=<dir>");
    }

    private static boolean isRepo(Path dir) {
        return Files.isRegularFile(dir.resolve("ops").resolve("local-stack").resolve("pom.xml"));
    }
}
