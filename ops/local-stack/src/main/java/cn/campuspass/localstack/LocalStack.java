package cn.campuspass.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CampusPass development stack as local processes: PostgreSQL, Redis, Keycloak, S3Proxy and the in-process
 * WeChat/SMS simulator.
 *
 * <p>Integration tests use {@link #shared()} (profile {@link Profile#TEST}: started once per JVM, wiped at start,
 * stopped by a shutdown hook) and feed {@link #springProperties()} to Spring, e.g.
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void stack(DynamicPropertyRegistry registry) {
 *     LocalStack.shared().springProperties().forEach((k, v) -> registry.add(k, () -> v));
 * }
 * }</pre>
 *
 * <p>{@link LocalStackMain} runs profile {@link Profile#LOCAL} for developers (state kept between runs) and starts
 * the app with {@link #appEnvironment()}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    public static final String PLATFORM_REALM = "platform";
    public static final String OPERATOR_ROLE = "platform-operator";
    public static final String OPERATOR_CONSOLE_CLIENT_ID = "operator-console";
    public static final String OPERATOR_API_CLIENT_ID = "operator-api";
    public static final String OPERATOR_API_CLIENT_SECRET = "local-operator-secret";
    public static final String OPERATOR_USERNAME = "operator";
    public static final String OPERATOR_PASSWORD = "Operator@2026";

    /**
     * Keycloak's first start builds (Quarkus augmentation) and creates its schema: ~1 min on an idle 2-core
     * machine, several minutes when the machine is busy. Override with -Dcampuspass.keycloak.start-timeout-seconds.
     */
    static final long KEYCLOAK_START_TIMEOUT_SECONDS = 600;

    /** Where state lives, which ports are used, and whether state is wiped at start. */
    public enum Profile {
        /** {@code <repo>/.local/test-stack/}; everything wiped at start. */
        TEST(".local/test-stack", 0, 18180, 19180, 18280, 18380, "campuspass_test", 1, 0, true),
        /** {@code <repo>/.local/}; a second run reuses all state. */
        LOCAL(".local", 8080, 8180, 9180, 8280, 8380, "campuspass", 0, 15432, false);

        private final String stateDir;
        private final int appPort;
        private final int keycloakPort;
        private final int keycloakManagementPort;
        private final int s3Port;
        private final int simulatorPort;
        private final String database;
        private final int redisDatabase;
        private final int embeddedPostgresPort;
        private final boolean wipeOnStart;

        Profile(
                String stateDir,
                int appPort,
                int keycloakPort,
                int keycloakManagementPort,
                int s3Port,
                int simulatorPort,
                String database,
                int redisDatabase,
                int embeddedPostgresPort,
                boolean wipeOnStart) {
            this.stateDir = stateDir;
            this.appPort = appPort;
            this.keycloakPort = keycloakPort;
            this.keycloakManagementPort = keycloakManagementPort;
            this.s3Port = s3Port;
            this.simulatorPort = simulatorPort;
            this.database = database;
            this.redisDatabase = redisDatabase;
            this.embeddedPostgresPort = embeddedPostgresPort;
            this.wipeOnStart = wipeOnStart;
        }

        /** State directory relative to the repository root. */
        public String stateDir() {
            return stateDir;
        }

        /** The app's HTTP port (LOCAL: 8080, shifted by the slot; TEST: 0, the tests choose). */
        public int appPort() {
            return appPort == 0 ? 0 : appPort + slotOffset();
        }

        public int keycloakPort() {
            return keycloakPort + slotOffset();
        }

        int keycloakManagementPort() {
            return keycloakManagementPort + slotOffset();
        }

        public int s3Port() {
            return s3Port + slotOffset();
        }

        public int simulatorPort() {
            return simulatorPort + slotOffset();
        }

        /**
         * TEST: {@code campuspass_test[_N]}. LOCAL: one database per checkout ({@code campuspass_<dir>_<hash>}), so
         * the local stacks of several checkouts on one machine never share schools, realms or schema versions
         * (the machine's PostgreSQL server is shared; a school made in one checkout's stack, or a migration of
         * another branch, never shows up in another's).
         */
        public String database() {
            if (this == LOCAL) {
                return database + "_" + checkoutTag();
            }
            return slot() > 0 ? database + "_" + slot() : database;
        }

        /** Keycloak's database in the same PostgreSQL server (TEST: one per slot; LOCAL: one per checkout). */
        public String keycloakDatabase() {
            if (this == LOCAL) {
                return "keycloak_" + checkoutTag();
            }
            return slot() > 0 ? "keycloak_test_" + slot() : "keycloak_test";
        }

        /** TEST: 1+N; LOCAL: 0, or 10+N for slot N. */
        public int redisDatabase() {
            if (this == LOCAL) {
                return slot() == 0 ? 0 : 10 + slot();
            }
            return redisDatabase + slot();
        }

        /**
         * {@code -Dcampuspass.test-stack.slot=N} (TEST, 1..9) or {@code -Dcampuspass.local-stack.slot=N} (LOCAL,
         * 1..5; {@code ops/run-local.sh} passes {@code CAMPUSPASS_LOCAL_SLOT}) shifts every port by N*10 and uses
         * its own Redis database, so stacks of several checkouts run side by side. TEST slots also have their own
         * databases ({@code campuspass_test_N}); LOCAL databases are per checkout whatever the slot.
         */
        int slot() {
            return this == TEST
                    ? Math.max(0, Math.min(9, Integer.getInteger("campuspass.test-stack.slot", 0)))
                    : Math.max(0, Math.min(5, Integer.getInteger("campuspass.local-stack.slot", 0)));
        }

        /** The checkout's directory name (letters, digits, '_'; at most 20) and 6 hex digits of its path. */
        static String checkoutTag() {
            java.nio.file.Path repo = RepoLocator.find();
            String name =
                    repo.getFileName() == null ? "root" : repo.getFileName().toString();
            name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            if (name.length() > 20) {
                name = name.substring(0, 20);
            }
            try {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(repo.toString().getBytes(StandardCharsets.UTF_8));
                return name + "_" + java.util.HexFormat.of().formatHex(hash, 0, 3);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private int slotOffset() {
            return slot() * 10;
        }

        /** Port of the embedded PostgreSQL fallback; 0 = a free port. */
        public int embeddedPostgresPort() {
            return embeddedPostgresPort == 0 ? 0 : embeddedPostgresPort + slotOffset();
        }

        public boolean wipeOnStart() {
            return wipeOnStart;
        }
    }

    private static LocalStack shared;
    private static RuntimeException sharedFailure;

    private final Profile profile;
    private final Path repoDir;
    private final Path stateDir;
    private final Map<String, Long> startMillis = new LinkedHashMap<>();
    private ProcessRegistry registry;
    private volatile KeycloakService keycloak;
    private volatile S3ProxyService s3;
    private volatile WeChatSimulator weChat;
    private volatile PostgresService postgres;
    private volatile RedisService redis;
    private volatile boolean closed;
    private volatile boolean started;
    private final java.util.Set<String> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LocalStack(Profile profile) {
        this.profile = profile;
        this.repoDir = RepoLocator.find();
        this.stateDir = repoDir.resolve(profile.stateDir()).normalize();
    }

    /**
     * The TEST stack of this JVM: started on first call (a failure is remembered and rethrown to later callers),
     * stopped by a shutdown hook.
     */
    public static synchronized LocalStack shared() {
        if (sharedFailure != null) {
            throw new IllegalStateException("The TEST stack failed to start earlier in this JVM", sharedFailure);
        }
        if (shared == null) {
            LocalStack stack = create(Profile.TEST);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
            try {
                stack.startServices();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            shared = stack;
        }
        return shared;
    }

    /** Starts a stack of {@code profile}; the caller closes it. */
    public static LocalStack start(Profile profile) {
        LocalStack stack = create(profile);
        stack.startServices();
        return stack;
    }

    /** A stack not started yet, so that a shutdown hook can hold it during start. */
    static LocalStack create(Profile profile) {
        return new LocalStack(profile);
    }

    void startServices() {
        long t0 = System.nanoTime();
        log.info("Starting the {} stack in {}", profile, stateDir);
        // TEST: wait for another test JVM's stack (e.g. a fork still shutting down); LOCAL: fail at once.
        registry = ProcessRegistry.acquire(
                stateDir, profile == Profile.TEST ? Duration.ofSeconds(120) : Duration.ofSeconds(2));
        startMillis.put("lock-wait", millisSince(t0));
        t0 = System.nanoTime();
        try {
            Files.createDirectories(stateDir.resolve("logs"));
            StackArtifacts artifacts = new StackArtifacts(repoDir);
            // Keycloak keeps its data in PostgreSQL, as in production: PostgreSQL first (the machine's server
            // answers at once, the embedded one in ~1 s), then Keycloak, the slow one, while the others start.
            long pgStart = System.nanoTime();
            postgres = PostgresService.start(profile, stateDir, registry);
            startMillis.put("postgres", millisSince(pgStart));
            checkNotClosed();
            long t = System.nanoTime();
            keycloak = KeycloakService.launch(profile, stateDir, artifacts, registry, postgres);
            startMillis.put("keycloak-build", millisSince(t));
            checkNotClosed();
            long s3Start = System.nanoTime();
            s3 = S3ProxyService.launch(profile, stateDir, artifacts, registry);
            checkNotClosed();
            weChat = WeChatSimulator.start(profile.simulatorPort());
            checkNotClosed();
            long redisStart = System.nanoTime();
            redis = RedisService.start(profile, stateDir, registry);
            startMillis.put("redis", millisSince(redisStart));
            checkNotClosed();
            s3.awaitReady(Duration.ofSeconds(180));
            startMillis.put("s3proxy", millisSince(s3Start));
            keycloak.awaitReady(Duration.ofSeconds(
                    Long.getLong("campuspass.keycloak.start-timeout-seconds", KEYCLOAK_START_TIMEOUT_SECONDS)));
            startMillis.put("keycloak", millisSince(t));
            checkNotClosed();
            writeEnvFile(stateDir.resolve("stack.env"), stackEnv());
            started = true;
            startMillis.put("total", millisSince(t0));
            log.info("The {} stack is up in {} ms (per service, ms: {})", profile, millisSince(t0), startMillis);
        } catch (TimeoutException e) {
            close();
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("The " + profile + " stack was stopped while starting");
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Stops every process this stack started (never the machine's own PostgreSQL or Redis). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        long t0 = System.nanoTime();
        WeChatSimulator simulator = weChat;
        if (simulator != null) {
            simulator.close();
        }
        // Values stay readable after close; each service is stopped once.
        List<Thread> stoppers = new ArrayList<>();
        if (keycloak != null && stopped.add("keycloak")) {
            stoppers.add(new Thread(keycloak::stop, "stop-keycloak"));
        }
        if (s3 != null && stopped.add("s3proxy")) {
            stoppers.add(new Thread(s3::stop, "stop-s3proxy"));
        }
        if (redis != null && stopped.add("redis")) {
            stoppers.add(new Thread(redis::stop, "stop-redis"));
        }
        if (postgres != null && stopped.add("postgres")) {
            stoppers.add(new Thread(postgres::stop, "stop-postgres"));
        }
        stoppers.forEach(Thread::start);
        for (Thread t : stoppers) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (registry != null && stopped.add("registry")) {
            registry.close();
        }
        if (!stoppers.isEmpty()) {
            log.info("The {} stack stopped in {} ms", profile, millisSince(t0));
        }
    }

    // ---- values ------------------------------------------------------------------------------------------------

    /** Properties for a Spring application (or a test) using this stack. */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl());
        p.put("spring.datasource.username", dbUsername());
        p.put("spring.datasource.password", dbPassword());
        p.put("spring.data.redis.host", redisHost());
        p.put("spring.data.redis.port", Integer.toString(redisPort()));
        p.put("spring.data.redis.database", Integer.toString(redisDatabase()));
        p.put("campuspass.keycloak.url", keycloakUrl());
        p.put("campuspass.keycloak.admin-username", keycloakAdminUsername());
        p.put("campuspass.keycloak.admin-password", keycloakAdminPassword());
        p.put("campuspass.storage.endpoint", s3Endpoint());
        p.put("campuspass.storage.access-key", s3AccessKey());
        p.put("campuspass.storage.secret-key", s3SecretKey());
        p.put("campuspass.storage.bucket", s3Bucket());
        p.put("campuspass.wechat.api-base", weChatApiBase());
        p.put("campuspass.sms.simulator-url", smsSimulatorUrl());
        return p;
    }

    /**
     * Environment of the app process (LOCAL): {@link #springProperties()} as Spring's relaxed env names
     * ({@code SPRING_DATASOURCE_URL}, ..., {@code CAMPUSPASS_SMS_SIMULATOR_URL}) plus {@code SERVER_PORT},
     * {@code CAMPUSPASS_PUBLIC_URL} and {@code SPRING_PROFILES_ACTIVE=local}.
     */
    public Map<String, String> appEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(appPort()));
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort()));
        springProperties().forEach((k, v) -> env.put(envName(k), v));
        env.put("CAMPUSPASS_PUBLIC_URL", appUrl());
        env.put("SPRING_PROFILES_ACTIVE", "local");
        return env;
    }

    /** {@code spring.data.redis.host} → {@code SPRING_DATA_REDIS_HOST}. */
    public static String envName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Service values as written to {@code <state>/stack.env}. */
    public Map<String, String> stackEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KEYCLOAK_URL", keycloakUrl());
        env.put("KEYCLOAK_ADMIN_USERNAME", keycloakAdminUsername());
        env.put("KEYCLOAK_ADMIN_PASSWORD", keycloakAdminPassword());
        env.put("OPERATOR_USERNAME", OPERATOR_USERNAME);
        env.put("OPERATOR_PASSWORD", OPERATOR_PASSWORD);
        env.put("OPERATOR_CLIENT_ID", OPERATOR_API_CLIENT_ID);
        env.put("OPERATOR_CLIENT_SECRET", OPERATOR_API_CLIENT_SECRET);
        env.put("PG_URL", libpqUrl());
        env.put("JDBC_URL", jdbcUrl());
        env.put("KEYCLOAK_DB", profile.keycloakDatabase());
        env.put("REDIS_URL", redisUrl());
        env.put("S3_ENDPOINT", s3Endpoint());
        env.put("S3_ACCESS_KEY", s3AccessKey());
        env.put("S3_SECRET_KEY", s3SecretKey());
        env.put("S3_BUCKET", s3Bucket());
        env.put("WECHAT_SIMULATOR_URL", weChatApiBase());
        return env;
    }

    static void writeEnvFile(Path file, Map<String, String> env) throws IOException {
        StringBuilder sb = new StringBuilder("# Written by cn.campuspass.localstack at every start; `source` it.\n");
        env.forEach((k, v) -> sb.append(k).append('=').append(shellQuoted(v)).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** The value as one shell word: single-quoted when it holds anything but safe characters. */
    static String shellQuoted(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]*")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    public Profile profile() {
        return profile;
    }

    public Path repoDir() {
        return repoDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    public boolean isRunning() {
        return started && !closed;
    }

    /**
     * Start times in ms of this run: lock-wait (another JVM's stack), postgres, redis, s3proxy, keycloak, total
     * (without lock-wait).
     */
    public Map<String, Long> startMillis() {
        return Map.copyOf(startMillis);
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/DB}, usable by psql. */
    public String libpqUrl() {
        return postgres.libpqUrl();
    }

    public String dbUsername() {
        return PostgresService.USER;
    }

    public String dbPassword() {
        return PostgresService.PASSWORD;
    }

    public String databaseName() {
        return postgres.database();
    }

    public String postgresHost() {
        return Net.HOST;
    }

    public int postgresPort() {
        return postgres.port();
    }

    /** Whether PostgreSQL is the embedded fallback (false: the machine's server). */
    public boolean postgresEmbedded() {
        return postgres.embedded();
    }

    public String redisHost() {
        return Net.HOST;
    }

    public int redisPort() {
        return redis.port();
    }

    public int redisDatabase() {
        return redis.database();
    }

    /** {@code redis://127.0.0.1:PORT/DB}. */
    public String redisUrl() {
        return "redis://" + Net.HOST + ":" + redis.port() + "/" + redis.database();
    }

    /** Keycloak base URL, e.g. {@code http://127.0.0.1:18180} (no trailing slash). */
    public String keycloakUrl() {
        return keycloak.url();
    }

    /** Issuer of the platform realm: {@code keycloakUrl()/realms/platform}. */
    public String platformIssuerUrl() {
        return keycloakUrl() + "/realms/" + PLATFORM_REALM;
    }

    public String keycloakAdminUsername() {
        return keycloak.adminUsername();
    }

    public String keycloakAdminPassword() {
        return keycloak.adminPassword();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    public String s3AccessKey() {
        return S3ProxyService.ACCESS_KEY;
    }

    public String s3SecretKey() {
        return S3ProxyService.SECRET_KEY;
    }

    public String s3Bucket() {
        return S3ProxyService.BUCKET;
    }

    /** Base URL standing in for api.weixin.qq.com, mp.weixin.qq.com and open.weixin.qq.com. */
    public String weChatApiBase() {
        return weChat.baseUrl();
    }

    /** Base URL of the SMS simulator; the app POSTs to {@code <url>/__sim/sms/send}. */
    public String smsSimulatorUrl() {
        return weChat.baseUrl();
    }

    public WeChatSimulator weChat() {
        return weChat;
    }

    /** The app's port for this profile (LOCAL 8080). */
    public int appPort() {
        return profile.appPort();
    }

    public String appUrl() {
        return "http://" + Net.HOST + ":" + appPort();
    }

    /** The app's actuator port (LOCAL 8081, shifted by the slot): /actuator is never served on the app port. */
    public int managementPort() {
        return profile.appPort() == 0 ? 0 : profile.appPort() + 1;
    }

    /** Base URL of the app's actuator endpoints (health, Prometheus). */
    public String managementUrl() {
        return "http://" + Net.HOST + ":" + managementPort();
    }

    ProcessRegistry registry() {
        return registry;
    }
}
