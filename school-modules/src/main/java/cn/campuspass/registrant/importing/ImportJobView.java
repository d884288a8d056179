package cn.campuspass.registrant.importing;

import cn.campuspass.registrant.ImportJob;
import java.time.Instant;
import java.util.List;

/**
 * One background import as the console shows it (导入结果): file, progress, outcome and, in the detail only, the
 * problems kept on the job. Shared by every importer's endpoints (registrants, vehicle registrations).
 */
public record ImportJobView(
        String id,
        String status,
        String fileName,
        int totalRows,
        int processedRows,
        int importedRows,
        int rejectedRows,
        List<String> problems,
        boolean problemRowsDownloadable,
        String error,
        String createdBy,
        Instant createdAt,
        Instant finishedAt) {

    /** The list row: problems left out (they can be long); {@link #detail} has them. */
    public static ImportJobView row(ImportJob job) {
        return of(job, false);
    }

    public static ImportJobView detail(ImportJob job) {
        return of(job, true);
    }

    private static ImportJobView of(ImportJob job, boolean withProblems) {
        return new ImportJobView(
                job.getId().toString(),
                job.getStatus(),
                job.getFileName(),
                job.getTotalRows(),
                job.getProcessedRows(),
                job.getImportedRows(),
                job.getRejectedRows(),
                !withProblems || job.getProblems() == null || job.getProblems().isEmpty()
                        ? List.of()
                        : List.of(job.getProblems().split("\n")),
                job.getProblemsKey() != null,
                job.getError(),
                job.getCreatedBy(),
                job.getCreatedAt(),
                job.getFinishedAt());
    }
}
