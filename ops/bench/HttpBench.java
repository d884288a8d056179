import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small closed-loop HTTP load generator for the benchmarks in ops/bench (JDK only, run as a single-file program:
 * {@code java ops/bench/HttpBench.java ...}). Each line of the input file is one request: for POST the line is the
 * JSON body, for GET the line is the URL. {@code threads} workers send the lines in order, each waiting for its
 * answer before the next (closed loop), so the rate is what the server sustains at that concurrency.
 *
 * <p>Usage: {@code HttpBench <POST url|GET> <lines-file> <threads> <Authorization header value> [expect-substring]}
 *
 * <p>Prints requests, seconds, rate and latency percentiles; exits 1 if any answer was not 2xx or lacked the
 * expected substring.
 *
 * <p>The client is a plain HTTP/1.1 keep-alive connection per worker over a socket (request bytes written at once,
 * the answer read by its {@code Content-Length} or chunks), not the JDK's {@code HttpClient}: the load generator runs
 * on the same two cores as the app, PostgreSQL and Redis, and the JDK client cost about 2 ms of CPU per request
 * there — as much as the server's whole work — so it capped what a benchmark could show.
 */
public class HttpBench {

    public static void main(String[] args) throws Exception {
        String target = args[0];
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        String authorization = args[3];
        String expect = args.length > 4 ? args[4] : null;
        boolean post = !target.equals("GET");
        long[] latencies = new long[lines.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        String[] failureText = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                Connection connection = null;
                int i;
                while ((i = next.getAndIncrement()) < lines.size()) {
                    String line = lines.get(i);
                    URI uri = URI.create(post ? target : line);
                    long t0 = System.nanoTime();
                    try {
                        if (connection == null) {
                            connection = new Connection(uri);
                        }
                        Response r = connection.send(post ? "POST" : "GET", uri, authorization, post ? line : null);
                        latencies[i] = System.nanoTime() - t0;
                        if (r.status() / 100 != 2 || (expect != null && !r.body().contains(expect))) {
                            if (failures.getAndIncrement() == 0) {
                                failureText[0] = r.status() + " " + r.body();
                            }
                        }
                        if (r.close()) {
                            connection.close();
                            connection = null;
                        }
                    } catch (Exception e) {
                        latencies[i] = System.nanoTime() - t0;
                        if (failures.getAndIncrement() == 0) {
                            failureText[0] = e.toString();
                        }
                        if (connection != null) {
                            connection.close();
                            connection = null;
                        }
                    }
                }
                if (connection != null) {
                    connection.close();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf(
                "requests %d, threads %d, %.1f s, %.0f req/s, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f, failures %d%n",
                lines.size(),
                threads,
                seconds,
                lines.size() / seconds,
                pct(latencies, 0.50),
                pct(latencies, 0.95),
                pct(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6,
                failures.get());
        if (failures.get() > 0) {
            System.out.println("first failure: " + failureText[0]);
            System.exit(1);
        }
    }

    record Response(int status, String body, boolean close) {}

    /** One keep-alive HTTP/1.1 connection: a request at a time, its answer read in full before the next. */
    static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }

        Response send(String method, URI uri, String authorization, String body) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder head = new StringBuilder(256)
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\n")
                    .append("Authorization: ").append(authorization).append("\r\n")
                    .append("Accept: application/json\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(content.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[headBytes.length + content.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(content, 0, request, headBytes.length, content.length);
            out.write(request);
            out.flush();

            String statusLine = readLine();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while (!(header = readLine()).isEmpty()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            if (chunked) {
                int size;
                while ((size = Integer.parseInt(readLine().split(";")[0].trim(), 16)) > 0) {
                    answer.write(in.readNBytes(size));
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                answer.write(in.readNBytes(length));
            } else {
                answer.write(in.readAllBytes());
                close = true;
            }
            return new Response(status, answer.toString(StandardCharsets.UTF_8), close);
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
