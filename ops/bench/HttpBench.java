import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 */
public class HttpBench {

    public static void main(String[] args) throws Exception {
        String target = args[0];
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        String authorization = args[3];
        String expect = args.length > 4 ? args[4] : null;
        boolean post = !target.equals("GET");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long[] latencies = new long[lines.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong firstFailure = new AtomicLong(-1);
        String[] failureText = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < lines.size()) {
                    String line = lines.get(i);
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(post ? target : line))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", authorization);
                    if (post) {
                        b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(line));
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - t0;
                        if (r.statusCode() / 100 != 2 || (expect != null && !r.body().contains(expect))) {
                            if (failures.getAndIncrement() == 0) {
                                failureText[0] = r.statusCode() + " " + r.body();
                            }
                        }
                    } catch (Exception e) {
                        latencies[i] = System.nanoTime() - t0;
                        if (failures.getAndIncrement() == 0) {
                            failureText[0] = e.toString();
                        }
                    }
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

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
