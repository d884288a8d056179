package cn.campuspass.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership of a stack state directory and the processes started for it.
 *
 * <ul>
 *   <li>{@code <state>/stack.lock}: an OS file lock held by the JVM that runs the stack; the OS releases it when
 *       that JVM dies, even by {@code kill -9}.
 *   <li>{@code <state>/pids}: one line per process started ({@code name pid start-epoch-millis}); the JVM itself is
 *       recorded as {@code owner}. A later owner (or {@code LocalStackMain stop}) stops what a dead owner left
 *       behind. A pid is acted on only if its start time still matches, so a recycled pid is never touched.
 * </ul>
 */
final class ProcessRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessRegistry.class);
    static final String OWNER = "owner";

    private final Path pidsFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean closed;

    record Entry(String name, long pid, long startMillis) {
        String line() {
            return name + " " + pid + " " + startMillis;
        }

        Optional<ProcessHandle> liveHandle() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> ProcessRegistry.startMillis(h) == startMillis);
        }
    }

    private ProcessRegistry(Path stateDir, FileChannel lockChannel, FileLock lock) {
        this.pidsFile = stateDir.resolve("pids");
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes ownership of {@code stateDir}, waiting up to {@code wait} for a live owner to finish, then stops what a
     * previous owner left behind.
     */
    static ProcessRegistry acquire(Path stateDir, Duration wait) {
        try {
            Files.createDirectories(stateDir);
            FileChannel channel = FileChannel.open(
                    stateDir.resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            boolean told = false;
            FileLock lock;
            while (true) {
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    channel.close();
                    throw new IllegalStateException("This JVM already runs a stack in " + stateDir);
                }
                if (lock != null) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new IllegalStateException("Another process runs a CampusPass stack in " + stateDir
                            + ownerDescription(stateDir) + ". Stop it first (ops/run-local.sh stop for .local/).");
                }
                if (!told) {
                    log.info(
                            "Waiting up to {} s for the stack{} to release {}",
                            wait.toSeconds(),
                            ownerDescription(stateDir),
                            stateDir);
                    told = true;
                }
                sleep(500);
            }
            ProcessRegistry registry = new ProcessRegistry(stateDir, channel, lock);
            registry.stopLeftovers();
            registry.record(OWNER, ProcessHandle.current());
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For {@code ops/run-local.sh stop}: asks a live owner to stop (SIGTERM), then stops anything left behind. */
    static boolean stopStack(Path stateDir, Duration grace) {
        List<Entry> recorded = read(stateDir.resolve("pids"));
        boolean found = false;
        for (Entry entry : recorded) {
            if (entry.name().equals(OWNER)) {
                Optional<ProcessHandle> owner = entry.liveHandle();
                if (owner.isPresent()) {
                    found = true;
                    log.info("Stopping the stack launcher (pid {}); it stops its own processes", entry.pid());
                    owner.get().destroy();
                    try {
                        owner.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        log.warn("Launcher pid {} did not stop in {} s; killing it", entry.pid(), grace.toSeconds());
                        owner.get().destroyForcibly();
                    }
                }
            }
        }
        for (Entry entry : read(stateDir.resolve("pids"))) {
            if (!entry.name().equals(OWNER)) {
                Optional<ProcessHandle> handle = entry.liveHandle();
                if (handle.isPresent()) {
                    found = true;
                    log.info("Stopping leftover {} (pid {})", entry.name(), entry.pid());
                    terminateTree(handle.get(), grace);
                }
            }
        }
        try {
            Files.deleteIfExists(stateDir.resolve("pids"));
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", stateDir.resolve("pids"), e.toString());
        }
        return found;
    }

    synchronized void record(String name, ProcessHandle handle) {
        if (closed) {
            return;
        }
        entries.put(name, new Entry(name, handle.pid(), startMillis(handle)));
        write();
    }

    synchronized void forget(String name) {
        if (!closed && entries.remove(name) != null) {
            write();
        }
    }

    /** Stops processes whose command line contains {@code marker} (a path inside the state dir). */
    void stopByCommandLine(String what, String marker) {
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self)
                .filter(h -> commandLine(h.pid()).contains(marker))
                .forEach(h -> {
                    log.warn("Stopping leftover {} process {} (command line mentions {})", what, h.pid(), marker);
                    terminateTree(h, Duration.ofSeconds(20));
                });
    }

    @Override
    public synchronized void close() {
        closed = true;
        entries.clear();
        try {
            Files.deleteIfExists(pidsFile);
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("Cannot release {}: {}", pidsFile.getParent(), e.toString());
        }
    }

    private void stopLeftovers() {
        for (Entry entry : read(pidsFile)) {
            if (entry.pid() == ProcessHandle.current().pid()) {
                continue;
            }
            entry.liveHandle().ifPresent(handle -> {
                log.warn("Stopping {} (pid {}) left behind by an earlier run", entry.name(), entry.pid());
                terminateTree(handle, Duration.ofSeconds(20));
            });
        }
    }

    private void write() {
        StringBuilder sb = new StringBuilder();
        entries.values().forEach(e -> sb.append(e.line()).append('\n'));
        try {
            Files.writeString(pidsFile, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Entry> read(Path pidsFile) {
        List<Entry> result = new ArrayList<>();
        if (!Files.exists(pidsFile)) {
            return result;
        }
        try {
            for (String line : Files.readAllLines(pidsFile, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3) {
                    try {
                        result.add(new Entry(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
                    } catch (NumberFormatException ignored) {
                        // a damaged line: skip it
                    }
                }
            }
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", pidsFile, e.toString());
        }
        return result;
    }

    private static String ownerDescription(Path stateDir) {
        return read(stateDir.resolve("pids")).stream()
                .filter(e -> e.name().equals(OWNER))
                .findFirst()
                .map(e -> " (pid " + e.pid() + ")")
                .orElse("");
    }

    /** SIGTERM to {@code root}, then to its descendants; SIGKILL to whatever is still alive after {@code grace}. */
    static void terminateTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception ignored) {
                // handled below
            }
            if (handle.isAlive()) {
                log.warn("pid {} did not stop in {} s; killing it", handle.pid(), grace.toSeconds());
                handle.destroyForcibly();
            }
        }
    }

    static long startMillis(ProcessHandle handle) {
        // Truncated to seconds: the start time comes from clock ticks and is only stable to that precision.
        return handle.info().startInstant().map(Instant::getEpochSecond).orElse(-1L) * 1000;
    }

    static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    raw[i] = ' ';
                }
            }
            return new String(raw, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
