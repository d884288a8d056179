package cn.campuspass.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child process whose output goes to a log file, recorded in the {@link ProcessRegistry}. */
final class ManagedProcess {

    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final ProcessRegistry registry;

    private ManagedProcess(String name, Process process, Path logFile, ProcessRegistry registry) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.registry = registry;
    }

    static ManagedProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDir,
            Path logFile,
            ProcessRegistry registry) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(
                    logFile,
                    "==== " + LocalDateTime.now() + " starting " + name + ": " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            registry.record(name, process.toHandle());
            log.info("Started {} (pid {}), log {}", name, process.pid(), logFile);
            return new ManagedProcess(name, process, logFile, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.isAlive() ? Integer.MIN_VALUE : process.exitValue();
    }

    /** SIGTERM to the process and its descendants, SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        if (process.isAlive()) {
            log.info("Stopping {} (pid {})", name, process.pid());
            ProcessRegistry.terminateTree(process.toHandle(), grace);
        }
        registry.forget(name);
    }
}
