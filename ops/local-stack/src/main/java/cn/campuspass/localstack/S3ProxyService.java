package cn.campuspass.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy ({@code java -jar s3proxy-jar-with-dependencies.jar --properties <state>/s3proxy.properties}) storing
 * objects as files under {@code <state>/s3/<bucket>/}. The bucket is created as a directory before start.
 */
final class S3ProxyService {

    private static final Logger log = LoggerFactory.getLogger(S3ProxyService.class);
    static final String ACCESS_KEY = "campuspass-local";
    static final String SECRET_KEY = "campuspass-local-secret";
    static final String BUCKET = "campuspass";

    private final int port;
    private final ManagedProcess process;
    private final Path logFile;
    private final long startNanos;

    private S3ProxyService(int port, ManagedProcess process, Path logFile, long startNanos) {
        this.port = port;
        this.process = process;
        this.logFile = logFile;
        this.startNanos = startNanos;
    }

    static S3ProxyService launch(
            LocalStack.Profile profile, Path stateDir, StackArtifacts artifacts, ProcessRegistry registry) {
        long started = System.nanoTime();
        int port = profile.s3Port();
        Path properties = stateDir.resolve("s3proxy.properties");
        Path baseDir = stateDir.resolve("s3");
        registry.stopByCommandLine("S3Proxy", properties.toString());
        if (Net.isPortOpen(port)) {
            throw new IllegalStateException("Port " + port + " is taken"
                    + PortOwner.listeningPid(port).map(pid -> " by pid " + pid).orElse("")
                    + "; S3Proxy of the " + profile + " stack cannot start");
        }
        try {
            if (profile.wipeOnStart()) {
                FileTree.delete(baseDir);
            }
            Files.createDirectories(baseDir.resolve(BUCKET));
            String text = String.join(
                    "\n",
                    "# Written by cn.campuspass.localstack.S3ProxyService at every start.",
                    "s3proxy.endpoint=http://" + Net.HOST + ":" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "# Dev only: browsers may PUT/GET presigned URLs from any origin.",
                    "s3proxy.cors-allow-all=true",
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + baseDir,
                    "");
            Files.writeString(properties, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path logFile = stateDir.resolve("logs").resolve("s3proxy.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-jar",
                artifacts.s3proxyJar().toString(),
                "--properties",
                properties.toString());
        ManagedProcess process = ManagedProcess.start("s3proxy", command, Map.of(), stateDir, logFile, registry);
        return new S3ProxyService(port, process, logFile, started);
    }

    void awaitReady(Duration timeout) throws TimeoutException {
        // Any HTTP answer will do (anonymous requests get 403).
        Net.await(
                "S3Proxy on port " + port,
                timeout,
                () -> Net.get(endpoint() + "/").status() > 0,
                process,
                logFile);
        log.info("S3Proxy: ready on {} in {} ms", endpoint(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    String endpoint() {
        return "http://" + Net.HOST + ":" + port;
    }

    int port() {
        return port;
    }

    void stop() {
        process.stop(Duration.ofSeconds(10));
    }
}
