package cn.campuspass.registrant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A background import and its outcome, kept so the admin can see results and download problem rows later. */
@Entity
@Table(name = "import_job")
public class ImportJob {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    @Id
    private UUID id;

    @Column(nullable = false, length = 30)
    private String kind;

    @Column(nullable = false, length = 20)
    private String status;

    @Column(name = "file_name", length = 200)
    private String fileName;

    @Column(name = "total_rows", nullable = false)
    private int totalRows;

    @Column(name = "processed_rows", nullable = false)
    private int processedRows;

    @Column(name = "imported_rows", nullable = false)
    private int importedRows;

    @Column(name = "rejected_rows", nullable = false)
    private int rejectedRows;

    /** The first problems, one per line ("第 n 行「列」：…"); the full list is the problem-rows workbook. */
    @Column
    private String problems;

    @Column(name = "problems_key", length = 200)
    private String problemsKey;

    @Column
    private String error;

    @Column(name = "created_by", nullable = false, length = 200)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ImportJob() {}

    ImportJob(UUID id, String kind, String fileName, String createdBy, Instant createdAt) {
        this.createdAt = createdAt;
        this.id = id;
        this.kind = kind;
        this.status = Status.RUNNING.name();
        this.fileName = fileName;
        this.createdBy = createdBy;
    }

    void progress(int processed) {
        this.processedRows = processed;
    }

    void done(int total, int imported, int rejected, String problems, String problemsKey, Instant at) {
        this.status = Status.DONE.name();
        this.totalRows = total;
        this.processedRows = total;
        this.importedRows = imported;
        this.rejectedRows = rejected;
        this.problems = problems;
        this.problemsKey = problemsKey;
        this.finishedAt = at;
    }

    void failed(String error, int importedBeforeFailure, Instant at) {
        this.status = Status.FAILED.name();
        this.error = error;
        this.importedRows = importedBeforeFailure;
        this.finishedAt = at;
    }

    public UUID getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getStatus() {
        return status;
    }

    public String getFileName() {
        return fileName;
    }

    public int getTotalRows() {
        return totalRows;
    }

    public int getProcessedRows() {
        return processedRows;
    }

    public int getImportedRows() {
        return importedRows;
    }

    public int getRejectedRows() {
        return rejectedRows;
    }

    public String getProblems() {
        return problems;
    }

    public String getProblemsKey() {
        return problemsKey;
    }

    public String getError() {
        return error;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
