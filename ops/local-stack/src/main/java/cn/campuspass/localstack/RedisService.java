package cn.campuspass.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Redis: the machine's server on 127.0.0.1:6379 when it answers PING; else a Redis already answering on 16379
 * (another CampusPass stack's: TEST and LOCAL use different database indexes); else {@code redis-server} from
 * PATH on 16379; else the embedded-redis binary on 16379. {@code -Dcampuspass.redis=external|server|embedded}
 * forces one.
 */
final class RedisService {

    private static final Logger log = LoggerFactory.getLogger(RedisService.class);
    static final int MACHINE_PORT = 6379;
    static final int OWN_PORT = 16379;

    private final int port;
    private final int database;
    private final ManagedProcess process;
    private final RedisServer embedded;
    private final ProcessRegistry registry;

    private RedisService(
            int port, int database, ManagedProcess process, RedisServer embedded, ProcessRegistry registry) {
        this.port = port;
        this.database = database;
        this.process = process;
        this.embedded = embedded;
        this.registry = registry;
    }

    static RedisService start(LocalStack.Profile profile, Path stateDir, ProcessRegistry registry) {
        String mode = System.getProperty("campuspass.redis", "auto");
        int database = profile.redisDatabase();
        RedisService service;
        if ((mode.equals("auto") || mode.equals("external")) && answers(MACHINE_PORT)) {
            log.info("Redis: using the server on {}:{} database {}", Net.HOST, MACHINE_PORT, database);
            service = new RedisService(MACHINE_PORT, database, null, null, registry);
        } else if ((mode.equals("auto") || mode.equals("external")) && answers(OWN_PORT)) {
            log.info("Redis: using the server already on {}:{} database {}", Net.HOST, OWN_PORT, database);
            service = new RedisService(OWN_PORT, database, null, null, registry);
        } else if (mode.equals("external")) {
            throw new IllegalStateException("-Dcampuspass.redis=external but no Redis answers on " + MACHINE_PORT);
        } else if (!mode.equals("embedded") && onPath("redis-server") != null) {
            service = startServer(profile, stateDir, registry, onPath("redis-server"));
        } else {
            service = startEmbedded(profile, registry);
        }
        if (profile.wipeOnStart()) {
            Net.redisOnDatabase(service.port, database, "FLUSHDB");
            log.info("Redis: database {} flushed", database);
        }
        return service;
    }

    private static RedisService startServer(
            LocalStack.Profile profile, Path stateDir, ProcessRegistry registry, Path executable) {
        Path dataDir = stateDir.resolve("redis");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "--port",
                Integer.toString(OWN_PORT),
                "--bind",
                Net.HOST,
                "--dir",
                dataDir.toString(),
                "--appendonly",
                "no",
                "--daemonize",
                "no"));
        // LOCAL keeps its data between runs (RDB snapshot on shutdown); TEST keeps nothing.
        command.addAll(profile.wipeOnStart() ? List.of("--save", "") : List.of("--save", "300 1"));
        Path logFile = stateDir.resolve("logs").resolve("redis.log");
        ManagedProcess process = ManagedProcess.start("redis", command, Map.of(), dataDir, logFile, registry);
        try {
            Net.await("redis-server", Duration.ofSeconds(20), () -> answers(OWN_PORT), process, logFile);
        } catch (TimeoutException e) {
            process.stop(Duration.ofSeconds(5));
            throw new IllegalStateException(e.getMessage(), e);
        }
        log.info("Redis: started {} on port {}", executable, OWN_PORT);
        return new RedisService(OWN_PORT, profile.redisDatabase(), process, null, registry);
    }

    private static RedisService startEmbedded(LocalStack.Profile profile, ProcessRegistry registry) {
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(OWN_PORT)
                    .bind(Net.HOST)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            // Record its pid so that a stack killed hard does not leave it behind.
            ProcessHandle.current()
                    .children()
                    .filter(h -> h.info().command().orElse("").contains("redis-server"))
                    .forEach(h -> registry.record("redis", h));
            log.info("Redis: embedded server on port {}", OWN_PORT);
            return new RedisService(OWN_PORT, profile.redisDatabase(), null, server, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded Redis on port " + OWN_PORT, e);
        }
    }

    private static boolean answers(int port) {
        return Net.redis(port, "PING").map("+PONG"::equals).orElse(false);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    int port() {
        return port;
    }

    int database() {
        return database;
    }

    boolean started() {
        return process != null || embedded != null;
    }

    void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
        }
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                log.warn("Stopping embedded Redis: {}", e.toString());
            }
            registry.forget("redis");
        }
    }
}
