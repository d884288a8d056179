package cn.campuspass.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: the machine's server on 127.0.0.1:5432 (user postgres, trust auth) when it answers, else zonky's
 * embedded PostgreSQL with its data under the state dir. {@code -Dcampuspass.postgres=external|embedded} forces one.
 */
final class PostgresService {

    private static final Logger log = LoggerFactory.getLogger(PostgresService.class);
    static final int MACHINE_PORT = 5432;
    static final String USER = "postgres";
    static final String PASSWORD = "";

    private final int port;
    private final String database;
    private final EmbeddedPostgres embedded;
    private final ProcessRegistry registry;

    private PostgresService(int port, String database, EmbeddedPostgres embedded, ProcessRegistry registry) {
        this.port = port;
        this.database = database;
        this.embedded = embedded;
        this.registry = registry;
    }

    static PostgresService start(LocalStack.Profile profile, Path stateDir, ProcessRegistry registry) {
        String mode = System.getProperty("campuspass.postgres", "auto");
        PostgresService service;
        if (!mode.equals("embedded") && canConnect(MACHINE_PORT)) {
            log.info("PostgreSQL: using the server on {}:{}", Net.HOST, MACHINE_PORT);
            service = new PostgresService(MACHINE_PORT, profile.database(), null, registry);
        } else if (mode.equals("external")) {
            throw new IllegalStateException(
                    "-Dcampuspass.postgres=external but nothing answers on " + Net.HOST + ":" + MACHINE_PORT);
        } else {
            service = startEmbedded(profile, stateDir, registry);
        }
        service.prepareDatabase(profile.wipeOnStart());
        return service;
    }

    private static PostgresService startEmbedded(LocalStack.Profile profile, Path stateDir, ProcessRegistry registry) {
        Path home = stateDir.resolve("postgres");
        Path dataDir = home.resolve("data");
        Path logFile = stateDir.resolve("logs").resolve("postgres.log");
        registry.stopByCommandLine("PostgreSQL", dataDir.toString());
        int port = profile.embeddedPostgresPort() > 0 ? profile.embeddedPostgresPort() : Net.freePort();
        try {
            if (profile.wipeOnStart()) {
                Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
                FileTree.delete(dataDir);
            }
            Files.createDirectories(home.resolve("work"));
            Files.createDirectories(logFile.getParent());
            long started = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(home.resolve("work").toFile())
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            log.info(
                    "PostgreSQL: embedded server on port {} (data {}) started in {} ms",
                    port,
                    dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            postmasterPid(dataDir).flatMap(ProcessHandle::of).ifPresent(h -> registry.record("postgres", h));
            return new PostgresService(port, profile.database(), pg, registry);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot start embedded PostgreSQL in " + dataDir + " (see " + logFile + ")", e);
        }
    }

    private static java.util.Optional<Long> postmasterPid(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8)
                    .get(0);
            return java.util.Optional.of(Long.parseLong(first.trim()));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private void prepareDatabase(boolean recreate) {
        try (Connection c = connect("postgres");
                Statement st = c.createStatement()) {
            if (recreate) {
                st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
                st.execute("CREATE DATABASE \"" + database + "\"");
                log.info("PostgreSQL: database {} recreated", database);
            } else {
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, database);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            st.execute("CREATE DATABASE \"" + database + "\"");
                            log.info("PostgreSQL: database {} created", database);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare database " + database + " on port " + port, e);
        }
    }

    /** Keycloak's own database (and its template) in the same server: created when missing. */
    void ensureDatabase(String name) {
        if (!databaseExists(name)) {
            execute("CREATE DATABASE \"" + name + "\"");
            log.info("PostgreSQL: database {} created", name);
        }
    }

    /** Drops {@code name} (closing its connections) and creates it again, empty or as a copy of {@code template}. */
    void recreateDatabase(String name, String template) {
        execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        execute("CREATE DATABASE \"" + name + "\"" + (template == null ? "" : " TEMPLATE \"" + template + "\""));
    }

    boolean databaseExists(String name) {
        try (Connection c = connect("postgres");
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look up database " + name + " on port " + port, e);
        }
    }

    /** Drops every database whose name starts with {@code prefix}, except {@code keep}. */
    void dropDatabasesLike(String prefix, String keep) {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection c = connect("postgres");
                PreparedStatement q = c.prepareStatement(
                        "SELECT datname FROM pg_database WHERE starts_with(datname, ?) AND datname <> ?")) {
            q.setString(1, prefix);
            q.setString(2, keep);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list databases on port " + port, e);
        }
        names.forEach(n -> execute("DROP DATABASE IF EXISTS \"" + n + "\" WITH (FORCE)"));
    }

    private void execute(String sql) {
        try (Connection c = connect("postgres");
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on port " + port + ": " + sql + " failed", e);
        }
    }

    private Connection connect(String db) throws SQLException {
        return connect(port, db);
    }

    private static Connection connect(int port, String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + Net.HOST + ":" + port + "/" + db, props);
    }

    private static boolean canConnect(int port) {
        if (!Net.isPortOpen(port)) {
            return false;
        }
        try (Connection ignored = connect(port, "postgres")) {
            return true;
        } catch (SQLException e) {
            log.info("PostgreSQL on port {} refused user {}: {}", port, USER, e.getMessage());
            return false;
        }
    }

    boolean embedded() {
        return embedded != null;
    }

    int port() {
        return port;
    }

    String database() {
        return database;
    }

    String jdbcUrl() {
        return jdbcUrl(database);
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://" + Net.HOST + ":" + port + "/" + db;
    }

    String libpqUrl() {
        return "postgresql://" + USER + "@" + Net.HOST + ":" + port + "/" + database;
    }

    void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Stopping embedded PostgreSQL: {}", e.toString());
            }
            registry.forget("postgres");
        }
    }
}
