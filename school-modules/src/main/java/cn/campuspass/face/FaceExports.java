package cn.campuspass.face;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.security.DataScope;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.platform.time.SchoolTime;
import cn.campuspass.privacy.PersonalDataLog;
import cn.campuspass.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports faces (A4.5: all records or the filtered list) as a background job: a zip with one image per record and an
 * index workbook ({@code 索引.xlsx}). Streamed end to end: records are read in keyset batches, each image is copied
 * from object storage straight into the zip on disk, and the workbook is a streaming one, so 10,000 faces never sit in
 * memory. The zip then goes to the school's object storage and is downloaded from there. The export itself is written
 * to the personal-data access log when it is asked for.
 */
@Service
public class FaceExports {

    private static final Logger log = LoggerFactory.getLogger(FaceExports.class);
    private static final int BATCH = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FaceUpdates updates;
    private final ObjectStore store;
    private final SchoolJdbc jdbc;
    private final PersonalDataLog personalData;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(1, DaemonThreads.named("face-export"));

    FaceExports(
            FaceUpdates updates,
            ObjectStore store,
            SchoolJdbc jdbc,
            PersonalDataLog personalData,
            TransactionTemplate transactions,
            Clock clock) {
        this.updates = updates;
        this.store = store;
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record Job(
            UUID id,
            String status,
            String filter,
            int total,
            int done,
            String error,
            String createdBy,
            Instant createdAt,
            Instant finishedAt) {

        public boolean ready() {
            return "DONE".equals(status);
        }
    }

    /** Starts an export of the records {@code filter} selects within {@code scope}; logged as an export now. */
    @Transactional
    public Job start(FaceUpdates.Filter filter, DataScope scope, String actor) {
        SchoolCode school = SchoolContext.require();
        UUID id = UUID.randomUUID();
        long total = updates.count(filter, scope);
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO face_export (id, status, filter, total, created_by, created_at) VALUES (?, 'RUNNING', ?, ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setString(2, filter.describe());
                ps.setInt(3, (int) total);
                ps.setString(4, actor);
                ps.setObject(5, OffsetDateTime.ofInstant(clock.instant(), clock.getZone()));
                return ps.executeUpdate();
            }
        });
        personalData.record(
                PersonalDataLog.Action.EXPORT,
                "FACE",
                null,
                "face export " + id + " (" + total + " faces, filter: " + filter.describe() + ")");
        // Started once the job row is committed, so the worker always finds it.
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        executor.submit(() -> SchoolContext.runAs(school, () -> run(school, id, filter, scope)));
                    }
                });
        return find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Job job(UUID id) {
        return find(id).orElseThrow(() -> new ApiException(FaceError.FACE_EXPORT_NOT_FOUND));
    }

    /** The school's exports, newest first. */
    @Transactional(readOnly = true)
    public List<Job> recent(int limit) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY created_at DESC LIMIT ?")) {
                ps.setInt(1, Math.min(Math.max(1, limit), 100));
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

    /** The finished zip; 409 while it is still being written. Downloading is logged as an export too. */
    @Transactional
    public InputStream download(UUID id) {
        Job job = job(id);
        if (!job.ready()) {
            throw new ApiException(FaceError.FACE_EXPORT_NOT_READY);
        }
        personalData.record(PersonalDataLog.Action.EXPORT, "FACE", null, "face export " + id + " downloaded");
        return store.get(SchoolContext.require(), key(id));
    }

    static String key(UUID id) {
        return "exports/faces-" + id + ".zip";
    }

    private void run(SchoolCode school, UUID id, FaceUpdates.Filter filter, DataScope scope) {
        Path zip = null;
        try {
            zip = Files.createTempFile("face-export-", ".zip");
            int done = write(school, id, filter, scope, zip);
            try (InputStream in = Files.newInputStream(zip)) {
                store.put(school, key(id), in, Files.size(zip), "application/zip");
            }
            int count = done;
            update(
                    id,
                    "UPDATE face_export SET status = 'DONE', done = ?, total = ?, finished_at = ? WHERE id = ?",
                    ps -> {
                        ps.setInt(1, count);
                        ps.setInt(2, count);
                        ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), clock.getZone()));
                        ps.setObject(4, id);
                    });
        } catch (Exception e) {
            log.error("Face export {} of school {} failed", id, school, e);
            String message = String.valueOf(e.getMessage());
            update(id, "UPDATE face_export SET status = 'FAILED', error = ?, finished_at = ? WHERE id = ?", ps -> {
                ps.setString(1, message.length() > 500 ? message.substring(0, 500) : message);
                ps.setObject(2, OffsetDateTime.ofInstant(clock.instant(), clock.getZone()));
                ps.setObject(3, id);
            });
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException e) {
                    log.warn("Could not delete {}", zip, e);
                }
            }
        }
    }

    /** Writes the zip; answers how many faces it holds. */
    private int write(SchoolCode school, UUID id, FaceUpdates.Filter filter, DataScope scope, Path zip)
            throws IOException {
        int done = 0;
        SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, false);
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Sheet sheet = workbook.createSheet("人脸更新记录");
            String[] headers = {"图片文件", "姓名", "学号/工号", "手机号", "身份", "身份类型", "部门/单位", "被分管部门", "更新时间", "来源", "操作人"};
            Row header = sheet.createRow(0);
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            long after = Long.MAX_VALUE;
            while (true) {
                long from = after;
                List<FaceUpdates.Row> batch = transactions.execute(tx -> updates.batch(filter, scope, from, BATCH));
                if (batch == null || batch.isEmpty()) {
                    break;
                }
                for (FaceUpdates.Row r : batch) {
                    String entry = "faces/" + safe(r.number()) + "_" + safe(r.name()) + "_" + r.id() + ".jpg";
                    out.putNextEntry(new ZipEntry(entry));
                    try (InputStream image = store.get(school, r.newKey())) {
                        image.transferTo(out);
                    }
                    out.closeEntry();
                    done++;
                    Row row = sheet.createRow(done);
                    String[] cells = {
                        entry,
                        r.name(),
                        r.number(),
                        r.phoneMasked(),
                        r.identity().name(),
                        r.identityTypeName(),
                        r.departmentName(),
                        r.managedDepartmentName(),
                        TIME.format(r.updatedAt().atZone(SchoolTime.ZONE)),
                        r.source().name(),
                        r.operator()
                    };
                    for (int i = 0; i < cells.length; i++) {
                        // Text cells only: a value starting with = stays text, never a formula.
                        row.createCell(i).setCellValue(cells[i] == null ? "" : cells[i]);
                    }
                }
                after = batch.get(batch.size() - 1).id();
                int progress = done;
                update(id, "UPDATE face_export SET done = ? WHERE id = ?", ps -> {
                    ps.setInt(1, progress);
                    ps.setObject(2, id);
                });
            }
            out.putNextEntry(new ZipEntry("索引.xlsx"));
            // The workbook writer may close what it writes to; the zip must stay open for its central directory.
            workbook.write(new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            out.closeEntry();
        } finally {
            workbook.close();
        }
        return done;
    }

    /** A file-name-safe piece: no path separators or control characters from a person's name. */
    static String safe(String value) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        return value.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}\\s]", "_");
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws java.sql.SQLException;
    }

    private void update(UUID id, String sql, Binder binder) {
        transactions.executeWithoutResult(tx -> jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        }));
    }

    private static final String SELECT =
            "SELECT id, status, filter, total, done, error, created_by, created_at, finished_at FROM face_export";

    private Optional<Job> find(UUID id) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Job job(ResultSet rs) throws java.sql.SQLException {
        return new Job(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getInt(5),
                rs.getString(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant());
    }
}
