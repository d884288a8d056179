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
 * Keycloak as production runs it: {@code kc.sh build} (PostgreSQL, health, metrics, the CampusPass extension in
 * {@code providers/}) then {@code kc.sh start --optimized} on its own database in the stack's PostgreSQL server,
 * from the {@code keycloak-quarkus-dist} zip unpacked once into {@code <state>/keycloak-<version>/}. The build runs
 * again only when its inputs change (version, build options, extension jar); the platform realm is imported from
 * {@code data/import/}. HTTP on loopback (no TLS) with a fixed hostname; one node, so caches are local.
 */
final class KeycloakService {

    private static final Logger log = LoggerFactory.getLogger(KeycloakService.class);
    static final String EXTENSION_FILE = "campuspass-keycloak-extension.jar";

    /** Build-time options, as the chart's {@code keycloak.deploy.buildOptions}. */
    static final List<String> BUILD_OPTIONS =
            List.of("--db=postgres", "--health-enabled=true", "--metrics-enabled=true");

    private static final String BUILD_MARKER = ".campuspass-build";

    private final int port;
    private final String adminUsername;
    private final String adminPassword;
    private final Path home;
    private final Path logFile;
    private final List<String> command;
    private final Map<String, String> env;
    private final ProcessRegistry registry;
    /**
     * TEST: the PostgreSQL database keeping Keycloak's database right after the realm import, copied by later runs
     * (CREATE DATABASE ... TEMPLATE); null when not used.
     */
    private final String template;

    private final String database;
    private final PostgresService postgres;

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
            String template,
            String database,
            PostgresService postgres) {
        this.port = port;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.home = home;
        this.logFile = logFile;
        this.command = command;
        this.env = env;
        this.registry = registry;
        this.template = template;
        this.database = database;
        this.postgres = postgres;
    }

    /** Prepares the installation and database, builds when needed and launches Keycloak; {@link #awaitReady} waits. */
    static KeycloakService launch(
            LocalStack.Profile profile,
            Path stateDir,
            StackArtifacts artifacts,
            ProcessRegistry registry,
            PostgresService postgres) {
        int port = profile.keycloakPort();
        Path home = stateDir.resolve("keycloak-" + artifacts.keycloakVersion());
        registry.stopByCommandLine("Keycloak", home.toString());
        freePortOrFail(port, home);
        ensureUnpacked(artifacts.keycloakDist(), home);
        // A dev-mode start of an older stack left an H2 database here: nothing reads it any more.
        FileTree.delete(home.resolve("data").resolve("h2"));
        installExtension(artifacts, home, stateDir);
        byte[] realm = installRealm(home);
        String adminUsername = "admin";
        String adminPassword = profile.wipeOnStart() ? "admin" : localAdminPassword(stateDir);
        Path logFile = stateDir.resolve("logs").resolve("keycloak.log");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        String buildKey = ensureBuilt(home, env, logFile);

        String database = profile.keycloakDatabase();
        String template = null;
        if (profile.wipeOnStart()) {
            // Tests start from the realm file alone: a fresh database each run, copied from a template database
            // taken right after the first import (creating the schema and importing is half of a warm start).
            if (Boolean.parseBoolean(System.getProperty("campuspass.keycloak.db-template", "true"))) {
                template = database + "_tpl_"
                        + templateKey(artifacts.keycloakVersion() + buildKey, realm, adminUsername, adminPassword);
                postgres.dropDatabasesLike(database + "_tpl_", template); // older realm files or versions
                if (postgres.databaseExists(template)) {
                    postgres.recreateDatabase(database, template);
                    log.info("Keycloak: database {} copied from template {}", database, template);
                } else {
                    postgres.recreateDatabase(database, null);
                }
            } else {
                postgres.recreateDatabase(database, null);
            }
        } else {
            postgres.ensureDatabase(database);
        }

        List<String> command = new java.util.ArrayList<>(List.of(
                "/bin/bash",
                home.resolve("bin").resolve("kc.sh").toString(),
                "start",
                "--optimized",
                "--db-url=" + postgres.jdbcUrl(database),
                "--db-username=" + PostgresService.USER,
                // The machine's PostgreSQL is shared by every checkout's stacks (max_connections 100): keep it small.
                "--db-pool-max-size="
                        + Integer.getInteger("campuspass.keycloak.db-pool-max-size", profile.wipeOnStart() ? 8 : 16),
                "--http-enabled=true",
                "--http-host=" + Net.HOST,
                "--http-port=" + port,
                "--hostname=http://" + Net.HOST + ":" + port,
                "--http-management-port=" + profile.keycloakManagementPort(),
                // One node: local caches, so no cluster discovery and no JGroups port shared between the stacks
                // of several checkouts (production runs the distributed caches).
                "--cache=local",
                "--import-realm"));
        if (!PostgresService.PASSWORD.isEmpty()) {
            env.put("KC_DB_PASSWORD", PostgresService.PASSWORD);
        }
        KeycloakService service = new KeycloakService(
                port,
                adminUsername,
                adminPassword,
                home,
                logFile,
                command,
                env,
                registry,
                template,
                database,
                postgres);
        service.startProcess();
        return service;
    }

    /**
     * Runs {@code kc.sh build} unless the distribution was already built from the same inputs (version, build
     * options, provider jars), which {@value #BUILD_MARKER} records; returns the key of those inputs.
     */
    static String ensureBuilt(Path home, Map<String, String> env, Path logFile) {
        String key = buildKey(home);
        Path marker = home.resolve(BUILD_MARKER);
        try {
            if (Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(key)) {
                log.info("Keycloak: distribution already built ({}), skipping kc.sh build", key);
                return key;
            }
            Files.deleteIfExists(marker);
            long t0 = System.nanoTime();
            List<String> command = new java.util.ArrayList<>(
                    List.of("/bin/bash", home.resolve("bin").resolve("kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
            pb.environment().putAll(env);
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Process build = pb.start();
            if (!build.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build did not finish in 10 minutes (see " + logFile + ")");
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException(
                        "kc.sh build failed with exit " + build.exitValue() + " (see " + logFile + ")");
            }
            Files.writeString(marker, key + "\n", StandardCharsets.UTF_8);
            log.info("Keycloak: kc.sh build {} in {} ms", BUILD_OPTIONS, (System.nanoTime() - t0) / 1_000_000);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build Keycloak in " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building Keycloak", e);
        }
    }

    /** Hash of what {@code kc.sh build} bakes in: the distribution, the build options and every provider jar. */
    static String buildKey(Path home) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(home.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(String.join(" ", BUILD_OPTIONS).getBytes(StandardCharsets.UTF_8));
            Path providers = home.resolve("providers");
            if (Files.isDirectory(providers)) {
                try (Stream<Path> jars = Files.list(providers)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar"))
                            .sorted()
                            .toList()) {
                        sha.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                        sha.update(Files.readAllBytes(jar));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startProcess() {
        startNanos = System.nanoTime();
        process = ManagedProcess.start("keycloak", command, env, home, logFile, registry);
    }

    void awaitReady(Duration timeout) throws TimeoutException {
        awaitOpenIdConfiguration(timeout);
        if (template != null && !postgres.databaseExists(template)) {
            saveTemplate(timeout);
        }
    }

    private void awaitOpenIdConfiguration(Duration timeout) throws TimeoutException {
        String url = url() + "/realms/" + LocalStack.PLATFORM_REALM + "/.well-known/openid-configuration";
        Net.await("Keycloak on port " + port, timeout, () -> Net.get(url).status() == 200, process, logFile);
        log.info("Keycloak: ready on {} in {} ms", url(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** First TEST run only: stop Keycloak, keep its freshly imported database as a template, start it again. */
    private void saveTemplate(Duration timeout) throws TimeoutException {
        long t0 = System.nanoTime();
        process.stop(Duration.ofSeconds(60));
        postgres.recreateDatabase(template, database);
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
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
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
