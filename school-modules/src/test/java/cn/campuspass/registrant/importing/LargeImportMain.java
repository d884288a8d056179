package cn.campuspass.registrant.importing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures a large import by hand, e.g. with {@code -Xmx256m}:
 *
 * <pre>
 * java -cp ... cn.campuspass.registrant.importing.LargeImportMain write /tmp/large.xlsx 100000 [inline]
 * java -Xmx256m -cp ... cn.campuspass.registrant.importing.LargeImportMain import /tmp/large.xlsx
 * </pre>
 *
 * Writing and importing run in separate JVMs so that the heap figures belong to the import alone.
 */
public final class LargeImportMain {

    private LargeImportMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        long start = System.nanoTime();
        if (args[0].equals("write")) {
            LargeFile.write(file, Integer.parseInt(args[2]), !(args.length > 3 && args[3].equals("inline")));
            System.out.printf("wrote %s (%d bytes) in %d ms%n", file, Files.size(file), millis(start));
            return;
        }
        AtomicInteger rows = new AtomicInteger();
        Path problems = Files.createTempFile("problems", ".xlsx");
        ImportReport report = new RegistrantImporter(new FakeSchool())
                .importFile(
                        file,
                        batch -> rows.addAndGet(batch.size()),
                        ImportOptions.defaults().withProblemRowsFile(problems));
        long elapsed = millis(start);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                "imported %d of %d rows (%d rejected) in %d ms; peak heap (sum of pool peaks) %d MB; max heap %d MB%n",
                report.importedRows(),
                report.totalRows(),
                report.rejectedRows(),
                elapsed,
                peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        Files.delete(problems);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
