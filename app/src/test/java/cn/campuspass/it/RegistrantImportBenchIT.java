package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The registrant import benchmark, end to end over HTTP: upload, background import, job DONE. Runs only when
 * {@code -Dcampuspass.bench.file=<xlsx>} names a file written by {@code ops/bench/registrant-import-file.py}
 * (driven by {@code ops/bench/import-bench.sh}, which also caps this JVM's heap). The app and this client share the
 * JVM, so the heap figures are an upper bound for the app. Prints one {@code BENCH} line; asserts no timing.
 */
class RegistrantImportBenchIT extends StackTest {

    @Test
    void importsTheBenchmarkFile() throws Exception {
        String file = System.getProperty("campuspass.bench.file");
        assumeTrue(file != null && !file.isBlank(), "no -Dcampuspass.bench.file");
        int departments = Integer.getInteger("campuspass.bench.departments", 20);
        String code = "ib" + Long.toString(System.currentTimeMillis(), 36);
        onboard(code, "admin", "13600000000", "Bench@2026");
        String token = Tokens.school(code, "admin", "Bench@2026");
        for (int i = 1; i <= departments; i++) {
            assertThat(Http.post(url("/admin/api/departments"), token, Map.of("name", "基准学院" + i))
                            .status())
                    .isEqualTo(201);
        }
        byte[] upload = Files.readAllBytes(Path.of(file));
        String boundary = "----campuspass" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.xlsx\"\r\n"
                        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(upload);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] multipart = body.toByteArray();
        upload = null;
        body = null;
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcBefore = gcMillis();

        long start = System.nanoTime();
        HttpResponse<String> started = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/admin/api/registrants/import")))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = new Http.Response(202, started.body()).json().path("id").asString();
        JsonNode job = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            // The token lives 15 minutes; the job is polled with the same one.
            job = Http.get(url("/admin/api/registrants/import/" + jobId), token).json();
            if (!"RUNNING".equals(job.path("status").asString())) {
                break;
            }
            sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");

        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        int imported = job.path("importedRows").asInt();
        String line = String.format(
                "BENCH registrant import: %d rows (%d imported, %d rejected) in %.1f s = %.0f rows/s;"
                        + " heap max %d MB, peak used %d MB (sum of pool peaks), GC %d ms; %d cores",
                job.path("totalRows").asInt(),
                imported,
                job.path("rejectedRows").asInt(),
                seconds,
                job.path("totalRows").asInt() / seconds,
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                peakHeap / (1024 * 1024),
                gcMillis() - gcBefore,
                Runtime.getRuntime().availableProcessors());
        System.out.println(line);
        Files.writeString(Path.of("target", "import-bench.txt"), line + System.lineSeparator());
        assertThat(Http.get(url("/admin/api/registrants?size=1"), token)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(imported);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }
}
