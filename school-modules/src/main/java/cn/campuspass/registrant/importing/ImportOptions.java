package cn.campuspass.registrant.importing;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * How one import runs. Start from {@link #defaults()} and adjust with the {@code with...} methods.
 *
 * @param batchSize rows per sink call and per {@link ImportContext#existingNumbers}/{@code existingPhones} call
 * @param progress called after each batch with the number of non-blank rows processed so far
 * @param cancelled polled between batches; when it answers true the import stops after the current batch
 * @param problemRowsFile where to write the workbook of rejected rows, or null for none; written only when at least
 *     one row was rejected (an existing file is replaced)
 * @param maxReportedProblems how many problems {@link ImportReport#problems()} keeps (bounds memory for huge bad
 *     files; the problem-rows workbook keeps all)
 * @param maxFileBytes larger inputs are refused before they are opened
 */
public record ImportOptions(
        int batchSize,
        IntConsumer progress,
        BooleanSupplier cancelled,
        Path problemRowsFile,
        int maxReportedProblems,
        long maxFileBytes) {

    public static final int DEFAULT_BATCH_SIZE = 1_000;
    public static final int DEFAULT_MAX_REPORTED_PROBLEMS = 10_000;
    /** A 100,000-row file made by Excel is about 5 MB; this leaves ample room. */
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

    public ImportOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        if (maxReportedProblems < 0 || maxFileBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    public static ImportOptions defaults() {
        return new ImportOptions(
                DEFAULT_BATCH_SIZE,
                rows -> {},
                () -> false,
                null,
                DEFAULT_MAX_REPORTED_PROBLEMS,
                DEFAULT_MAX_FILE_BYTES);
    }

    public ImportOptions withBatchSize(int size) {
        return new ImportOptions(size, progress, cancelled, problemRowsFile, maxReportedProblems, maxFileBytes);
    }

    public ImportOptions withProgress(IntConsumer listener) {
        return new ImportOptions(batchSize, listener, cancelled, problemRowsFile, maxReportedProblems, maxFileBytes);
    }

    public ImportOptions withCancellation(BooleanSupplier flag) {
        return new ImportOptions(batchSize, progress, flag, problemRowsFile, maxReportedProblems, maxFileBytes);
    }

    public ImportOptions withProblemRowsFile(Path file) {
        return new ImportOptions(batchSize, progress, cancelled, file, maxReportedProblems, maxFileBytes);
    }

    public ImportOptions withMaxReportedProblems(int max) {
        return new ImportOptions(batchSize, progress, cancelled, problemRowsFile, max, maxFileBytes);
    }

    public ImportOptions withMaxFileBytes(long max) {
        return new ImportOptions(batchSize, progress, cancelled, problemRowsFile, maxReportedProblems, max);
    }
}
