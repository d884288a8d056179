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

/**
 * Closed-loop load for visitor booking creation (ops/bench/visitor-booking-bench.sh; JDK only, run as {@code java
 * ops/bench/VisitorBookingBench.java ...}). Each input line is {@code <visitor session token> TAB <JSON body>}, POSTed
 * to the bookings URL with the token in {@code X-Visitor-Session}; {@code threads} workers send the lines in order,
 * each waiting for its answer. An answer is expected to be 201 (booked) or 409 {@code BOOKING_SLOT_TAKEN} (the
 * visitor already holds that slot: the three-a-day rule refusing a duplicate); anything else is a failure.
 *
 * <p>Usage: {@code VisitorBookingBench <url> <lines-file> <threads>}. Prints requests, rate, latency percentiles and
 * how many were booked and refused; exits 1 on any unexpected answer.
 */
public class VisitorBookingBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long[] latencies = new long[lines.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger booked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        String[] failureText = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < lines.size()) {
                    String[] parts = lines.get(i).split("\t", 2);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .header("X-Visitor-Session", parts[0])
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(parts[1]))
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - t0;
                        if (r.statusCode() == 201) {
                            booked.incrementAndGet();
                        } else if (r.statusCode() == 409 && r.body().contains("BOOKING_SLOT_TAKEN")) {
                            refused.incrementAndGet();
                        } else if (failures.getAndIncrement() == 0) {
                            failureText[0] = r.statusCode() + " " + r.body();
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
                "requests %d, threads %d, %.1f s, %.0f req/s, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f,"
                        + " booked %d, refused (slot taken) %d, failures %d%n",
                lines.size(),
                threads,
                seconds,
                lines.size() / seconds,
                pct(latencies, 0.50),
                pct(latencies, 0.95),
                pct(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6,
                booked.get(),
                refused.get(),
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
