package cn.campuspass.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Small network helpers: port probes, a plain HTTP client, a minimal Redis (RESP) client. */
final class Net {

    static final String HOST = "127.0.0.1";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Net() {}

    static boolean isPortOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    record Response(int status, String body) {}

    /** GET; status -1 when the server does not answer. */
    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
    }

    static Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(-1, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    /**
     * Polls {@code condition} every 250 ms. Fails early when {@code process} (may be null) dies, and on timeout;
     * either failure carries the tail of {@code log} (may be null).
     */
    static void await(String what, Duration timeout, BooleanSupplier condition, ManagedProcess process, Path log)
            throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        what + ": process exited with code " + process.exitCode() + tailMessage(log));
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what + ": not ready after " + timeout.toSeconds() + " s" + tailMessage(log));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted", e);
            }
        }
    }

    static String tailMessage(Path log) {
        return log == null ? "" : "\n--- last lines of " + log + " ---\n" + tail(log, 60);
    }

    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Sends one Redis command and returns the first line of the reply ({@code +OK}, {@code -ERR ...}). */
    static Optional<String> redis(int port, String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            socket.setSoTimeout(5000);
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.append('$')
                        .append(bytes.length)
                        .append("\r\n")
                        .append(arg)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return Optional.of(line.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Redis commands sent over one connection (for SELECT followed by a command). */
    static void redisOnDatabase(int port, int database, String... command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            socket.setSoTimeout(10000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String[] cmd : new String[][] {{"SELECT", Integer.toString(database)}, command}) {
                StringBuilder sb = new StringBuilder("*").append(cmd.length).append("\r\n");
                for (String arg : cmd) {
                    sb.append('$')
                            .append(arg.getBytes(StandardCharsets.UTF_8).length)
                            .append("\r\n")
                            .append(arg)
                            .append("\r\n");
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    if (c != '\r') {
                        line.append((char) c);
                    }
                }
                if (!line.toString().startsWith("+")) {
                    throw new IllegalStateException("Redis on port " + port + " answered " + line + " to " + cmd[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Redis on port " + port + " unreachable", e);
        }
    }
}
