package cn.campuspass.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak in dev mode ({@code kc.sh start-dev}, dev-file H2 database) from the {@code keycloak-quarkus-dist} zip,
 * unpacked once into {@code <state>/keycloak-<version>/}, with the CampusPass extension in {@code providers/} and
 * the platform realm imported from {@code data/import/}.
 */
final class KeycloakService {

    private static final Logger log = LoggerFactory.getLogger(KeycloakService.class);
    static final String EXTENSION_FILE = "campuspass-keycloak-extension.jar";

    private final int port;
    private final String adminUsername;
    private final String adminPassword;
    private final Path home;
    private final Path logFile;
    private final List<String> command;
    private final Map<String, String> env;
    private final ProcessRegistry registry;
    /** TEST: where the dev-file database is kept right after the realm import, to be restored by later runs. */
    private final Path template;

    private volatile ManagedProcess process;
    private long startNanos;

    private KeycloakService(
            int port,
            String adminUsername,
            String adminPassword,
            Path home,
            Path logFile,
            List<String> command,
            Map<String, String> env,
            ProcessRegistry registry,
            Path template) {
        this.port = port;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.home = home;
        this.logFile = logFile;
        this.command = command;
        this.env = env;
        this.registry = registry;
        this.template = template;
    }

    /** Prepares the installation and launches Keycloak; {@link #awaitReady} waits for it. */
    static KeycloakService launch(
            LocalStack.Profile profile, Path stateDir, StackArtifacts artifacts, ProcessRegistry registry) {
        int port = profile.keycloakPort();
        Path home = stateDir.resolve("keycloak-" + artifacts.keycloakVersion());
        registry.stopByCommandLine("Keycloak", home.toString());
        freePortOrFail(port, home);
        ensureUnpacked(artifacts.keycloakDist(), home);
        installExtension(artifacts, home, stateDir);
        byte[] realm = installRealm(home);
        String adminUsername = "admin";
        String adminPassword = profile.wipeOnStart() ? "admin" : localAdminPassword(stateDir);

        Path template = null;
        if (profile.wipeOnStart()) {
            // Tests start from the realm files alone: a fresh dev-file database each run, restored from a copy
            // taken right after the first import (creating the schema and importing is half of a warm start).
            Path h2 = home.resolve("data").resolve("h2");
            FileTree.delete(h2);
            FileTree.delete(home.resolve("data").resolve("transaction-logs"));
            if (Boolean.parseBoolean(System.getProperty("campuspass.keycloak.h2-template", "true"))) {
                template = stateDir.resolve("keycloak-h2-template")
                        .resolve(templateKey(artifacts.keycloakVersion(), realm, adminUsername, adminPassword));
                if (Files.isDirectory(template)) {
                    FileTree.copy(template, h2);
                    log.info("Keycloak: dev-file database restored from {}", template);
                }
            }
        }

        Path logFile = stateDir.resolve("logs").resolve("keycloak.log");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        List<String> command = List.of(
                "/bin/bash",
                home.resolve("bin").resolve("kc.sh").toString(),
                "start-dev",
                "--http-host=" + Net.HOST,
                "--http-port=" + port,
                "--hostname=http://" + Net.HOST + ":" + port,
                "--http-management-port=" + profile.keycloakManagementPort(),
                "--import-realm");
        KeycloakService service = new KeycloakService(
                port, adminUsername, adminPassword, home, logFile, command, env, registry, template);
        service.startProcess();
        return service;
    }

    private void startProcess() {
        startNanos = System.nanoTime();
        process = ManagedProcess.start("keycloak", command, env, home, logFile, registry);
    }

    void awaitReady(Duration timeout) throws TimeoutException {
        awaitOpenIdConfiguration(timeout);
        if (template != null && !Files.isDirectory(template)) {
            saveTemplate(timeout);
        }
    }

    private void awaitOpenIdConfiguration(Duration timeout) throws TimeoutException {
        String url = url() + "/realms/" + LocalStack.PLATFORM_REALM + "/.well-known/openid-configuration";
        Net.await("Keycloak on port " + port, timeout, () -> Net.get(url).status() == 200, process, logFile);
        log.info("Keycloak: ready on {} in {} ms", url(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** First TEST run only: stop Keycloak, keep its freshly imported database, start it again. */
    private void saveTemplate(Duration timeout) throws TimeoutException {
        long t0 = System.nanoTime();
        process.stop(Duration.ofSeconds(60));
        Path parent = template.getParent();
        Path tmp = parent.resolveSibling(parent.getFileName() + ".tmp");
        try {
            FileTree.delete(tmp);
            FileTree.copy(home.resolve("data").resolve("h2"), tmp);
            FileTree.delete(parent); // older templates (another realm file or version)
            Files.createDirectories(parent);
            Files.move(tmp, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save " + template, e);
        } finally {
            FileTree.delete(tmp);
        }
        log.info("Keycloak: saved the freshly imported database as {}; restarting", template);
        startProcess();
        awaitOpenIdConfiguration(timeout);
        log.info("Keycloak: template run took {} ms more", (System.nanoTime() - t0) / 1_000_000);
    }

    private static String templateKey(String version, byte[] realm, String adminUsername, String adminPassword) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((version + "\n" + adminUsername + "\n" + adminPassword + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(realm);
            return version + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void freePortOrFail(int port, Path home) {
        if (!Net.isPortOpen(port)) {
            return;
        }
        Optional<Long> owner = PortOwner.listeningPid(port);
        String cmd = owner.map(ProcessRegistry::commandLine).orElse("");
        if (owner.isPresent() && cmd.contains(home.toString())) {
            log.warn("Keycloak: stopping pid {} that still holds port {}", owner.get(), port);
            ProcessHandle.of(owner.get()).ifPresent(h -> ProcessRegistry.terminateTree(h, Duration.ofSeconds(20)));
            return;
        }
        throw new IllegalStateException("Port " + port + " is taken"
                + owner.map(pid -> " by pid " + pid + " (" + abbreviate(cmd) + ")")
                        .orElse("")
                + ", which is not a Keycloak of this stack; stop it first");
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static void ensureUnpacked(Path dist, Path home) {
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            return;
        }
        long started = System.nanoTime();
        Path tmp = home.resolveSibling(home.getFileName() + ".unpacking");
        FileTree.delete(tmp);
        FileTree.unzip(dist, tmp);
        try (Stream<Path> top = Files.list(tmp)) {
            // The zip holds one top-level directory, keycloak-<version>/.
            Path root = top.filter(Files::isDirectory).findFirst().orElse(tmp);
            FileTree.delete(home);
            Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + dist, e);
        }
        FileTree.delete(tmp);
        log.info(
                "Keycloak: unpacked {} into {} in {} ms",
                dist.getFileName(),
                home,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void installExtension(StackArtifacts artifacts, Path home, Path stateDir) {
        Path target = home.resolve("providers").resolve(EXTENSION_FILE);
        Optional<Path> source = artifacts.keycloakExtension();
        try {
            if (source.isEmpty()) {
                log.warn("Keycloak: CampusPass extension not built yet (ops/keycloak-extension); starting without it");
                Files.deleteIfExists(target);
                return;
            }
            Path jar = source.get();
            if (Files.isDirectory(jar)) {
                // A reactor build that stopped before 'package' hands over target/classes: jar it ourselves.
                jar = jarDirectory(jar, stateDir.resolve("keycloak-extension-from-classes.jar"));
            }
            try (InputStream in = Files.newInputStream(jar)) {
                if (FileTree.copyIfChanged(in, target)) {
                    log.info("Keycloak: installed extension {} (Keycloak rebuilds on this start)", jar);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the Keycloak extension", e);
        }
    }

    private static Path jarDirectory(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    ZipEntry entry =
                            new ZipEntry(classes.relativize(p).toString().replace('\\', '/'));
                    entry.setTime(0); // stable bytes: unchanged classes do not trigger a Keycloak rebuild
                    zip.putNextEntry(entry);
                    Files.copy(p, zip);
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }

    private static byte[] installRealm(Path home) {
        Path target = home.resolve("data").resolve("import").resolve("platform-realm.json");
        try (InputStream in = KeycloakService.class.getResourceAsStream("/keycloak/platform-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("keycloak/platform-realm.json missing from the classpath");
            }
            byte[] realm = in.readAllBytes();
            FileTree.copyIfChanged(new java.io.ByteArrayInputStream(realm), target);
            return realm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LOCAL: a random admin password, generated once and kept in the state dir (mode 600). */
    private static String localAdminPassword(Path stateDir) {
        Path file = stateDir.resolve("keycloak-admin-password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            SecureRandom random = new SecureRandom();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, sb + "\n", StandardCharsets.UTF_8);
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://" + Net.HOST + ":" + port;
    }

    int port() {
        return port;
    }

    String adminUsername() {
        return adminUsername;
    }

    String adminPassword() {
        return adminPassword;
    }

    long pid() {
        return process.pid();
    }

    void stop() {
        process.stop(Duration.ofSeconds(30));
    }
}
