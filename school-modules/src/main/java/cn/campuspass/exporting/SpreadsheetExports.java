package cn.campuspass.exporting;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs spreadsheet exports in the background, one at a time per node. {@link #start} records the job in the caller's
 * transaction and begins after it commits; the rows are read in one read-only transaction with a cursor (fetch size
 * 1,000), progress is written every 1,000 rows in short transactions of its own, and the finished workbook goes to
 * object storage under {@code exports/<job id>.xlsx}.
 */
@Service
public class SpreadsheetExports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SpreadsheetExports.class);
    private static final int PROGRESS_EVERY = 1_000;
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** What an export writes: its sheet, headers and rows. Runs on the export thread inside a read transaction. */
    public interface Source {
        String sheetName();

        List<String> headers();

        /** How many rows {@link #rows} will give (for the progress bar). */
        long count(Connection c) throws SQLException;

        /** Gives every row in order to {@code sink}; values may be null (empty cells). */
        void rows(Connection c, RowSink sink) throws SQLException;
    }

    @FunctionalInterface
    public interface RowSink {
        void accept(List<String> values);
    }

    public record Job(
            UUID id,
            String status,
            int totalRows,
            int processedRows,
            String fileName,
            boolean downloadable,
            String error,
            String createdBy,
            Instant createdAt,
            Instant finishedAt) {}

    private final SchoolJdbc jdbc;
    private final TransactionTemplate transactions;
    /** Progress and outcome commit on their own while the export's reading transaction stays open. */
    private final TransactionTemplate ownTransactions;

    private final ObjectStore storage;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(1, DaemonThreads.named("spreadsheet-export"));

    SpreadsheetExports(SchoolJdbc jdbc, TransactionTemplate transactions, ObjectStore storage, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ownTransactions = new TransactionTemplate(transactions.getTransactionManager());
        this.ownTransactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.storage = storage;
        this.clock = clock;
    }

    /** Records the job and runs it after the caller's transaction commits; returns its id. */
    @Transactional
    public UUID start(String kind, String fileName, Source source, String actor) {
        SchoolCode school = SchoolContext.require();
        UUID id = UUID.randomUUID();
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_job"
                    + " (id, kind, status, file_name, created_by, created_at) VALUES (?, ?, 'RUNNING', ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setString(2, kind);
                ps.setString(3, fileName);
                ps.setString(4, actor);
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                executor.submit(() -> SchoolContext.runAs(school, () -> run(school, id, source)));
            }
        });
        return id;
    }

    @Transactional(readOnly = true)
    public Job job(String kind, UUID id) {
        return find(kind, id).orElseThrow(() -> new ApiException(ExportError.EXPORT_JOB_NOT_FOUND));
    }

    /** This kind's exports in the school, newest first. */
    @Transactional(readOnly = true)
    public List<Job> recent(String kind, int limit) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM export_job WHERE kind = ? ORDER BY created_at DESC LIMIT ?")) {
                ps.setString(1, kind);
                ps.setInt(2, Math.min(Math.max(1, limit), 100));
                List<Job> jobs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(job(rs));
                    }
                }
                return jobs;
            }
        });
    }

    /** The finished file. */
    public InputStream file(String kind, UUID id) {
        Job job = transactions.execute(tx -> job(kind, id));
        if (!job.downloadable()) {
            throw new ApiException(ExportError.EXPORT_NOT_READY);
        }
        return storage.get(SchoolContext.require(), key(id));
    }

    private static final String COLUMNS =
            "id, status, total_rows, processed_rows, file_name, file_key, error, created_by, created_at, finished_at";

    private Optional<Job> find(String kind, UUID id) {
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM export_job WHERE id = ? AND kind = ?")) {
                ps.setObject(1, id);
                ps.setString(2, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getInt(3),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6) != null,
                rs.getString(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant());
    }

    private static String key(UUID id) {
        return "exports/" + id + ".xlsx";
    }

    private void run(SchoolCode school, UUID id, Source source) {
        Path file = null;
        try {
            file = Files.createTempFile("export-", ".xlsx");
            Path out = file;
            transactions.executeWithoutResult(tx -> write(id, source, out));
            try (InputStream in = Files.newInputStream(file)) {
                storage.put(school, key(id), in, Files.size(file), XLSX);
            }
            update(
                    id,
                    "UPDATE export_job SET status = 'DONE', processed_rows = total_rows, file_key = ?,"
                            + " finished_at = now() WHERE id = ?",
                    key(id));
        } catch (Exception e) {
            log.error("Export {} of school {} failed", id, school, e);
            update(
                    id,
                    "UPDATE export_job SET status = 'FAILED', error = ?, finished_at = now() WHERE id = ?",
                    "EXPORT_FAILED: " + e.getMessage());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete {}", file, e);
                }
            }
        }
    }

    private void update(UUID id, String sql, String value) {
        ownTransactions.executeWithoutResult(tx -> jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, value);
                ps.setObject(2, id);
                return ps.executeUpdate();
            }
        }));
    }

    private void progress(UUID id, long total, long processed) {
        ownTransactions.executeWithoutResult(tx -> jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE export_job SET total_rows = ?, processed_rows = ? WHERE id = ?")) {
                ps.setInt(1, (int) Math.min(Integer.MAX_VALUE, total));
                ps.setInt(2, (int) Math.min(Integer.MAX_VALUE, processed));
                ps.setObject(3, id);
                return ps.executeUpdate();
            }
        }));
    }

    private void write(UUID id, Source source, Path target) {
        jdbc.run(c -> {
            long total = source.count(c);
            progress(id, total, 0);
            try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
                workbook.setCompressTempFiles(true);
                SXSSFSheet sheet = workbook.createSheet(source.sheetName());
                CellStyle bold = workbook.createCellStyle();
                Font font = workbook.createFont();
                font.setBold(true);
                bold.setFont(font);
                Row header = sheet.createRow(0);
                List<String> headers = source.headers();
                for (int i = 0; i < headers.size(); i++) {
                    Cell cell = header.createCell(i);
                    cell.setCellValue(headers.get(i));
                    cell.setCellStyle(bold);
                }
                long[] n = {0};
                source.rows(c, values -> {
                    Row row = sheet.createRow((int) ++n[0]);
                    for (int i = 0; i < values.size(); i++) {
                        if (values.get(i) != null) {
                            row.createCell(i).setCellValue(values.get(i));
                        }
                    }
                    if (n[0] % PROGRESS_EVERY == 0) {
                        progress(id, total, n[0]);
                    }
                });
                // Widths only now: with column definitions in place, POI looks each new cell's column style up in
                // them (an XML scan per cell), which was 38 % of a 100,000-row export's time.
                for (int i = 0; i < headers.size(); i++) {
                    sheet.setColumnWidth(i, 14 * 256);
                }
                try (OutputStream out = Files.newOutputStream(target)) {
                    workbook.write(out);
                }
                workbook.dispose();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
