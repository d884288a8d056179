package cn.campuspass.vehicle;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports the filtered vehicle registration list to Excel (A4.4 c) as a background job: the rows are streamed from
 * one cursor into an SXSSF workbook (a window of rows in memory, the rest on disk), progress is recorded on the job
 * for the console's bar, and the finished file goes to object storage for download. Phones are masked as in the
 * list; the export itself, with its filter, is written to the personal-data log when it is asked for.
 */
@Service
public class VehicleExports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VehicleExports.class);
    private static final String KIND = "VEHICLE_REVIEWS";
    private static final int PROGRESS_EVERY = 1_000;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(SchoolTime.ZONE);
    static final List<String> HEADERS = List.of(
            "车辆类型",
            "号牌号码",
            "车辆所有人",
            "备案人与车主关系",
            "备案人",
            "备案人手机",
            "备案人身份",
            "学号/工号",
            "身份类型",
            "部门/单位",
            "备案状态",
            "驳回原因",
            "有效期",
            "状态",
            "提交时间",
            "审核时间",
            "审核人");

    private final SchoolJdbc jdbc;
    private final TransactionTemplate transactions;
    private final ObjectStore storage;
    private final PersonalDataLog personalData;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(1, DaemonThreads.named("vehicle-export"));

    VehicleExports(
            SchoolJdbc jdbc,
            TransactionTemplate transactions,
            ObjectStore storage,
            PersonalDataLog personalData,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.storage = storage;
        this.personalData = personalData;
        this.clock = clock;
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

    /** Records the export in the personal-data log and starts it; returns the job id. */
    @Transactional
    public UUID start(VehicleQuery.Filter filter, DataScope scope, String actor) {
        SchoolCode school = SchoolContext.require();
        UUID id = UUID.randomUUID();
        String fileName = "车辆备案审核-" + LocalDate.now(clock) + ".xlsx";
        jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO export_job (id, kind, status, file_name, created_by, created_at) VALUES (?, ?, 'RUNNING', ?, ?, ?)")) {
                ps.setObject(1, id);
                ps.setString(2, KIND);
                ps.setString(3, fileName);
                ps.setString(4, actor);
                ps.setTimestamp(5, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
        personalData.record(
                PersonalDataLog.Action.EXPORT,
                "VEHICLE",
                null,
                "vehicle-reviews export " + id + ": " + filter.describe());
        VehicleQuery query = VehicleQuery.of(filter, scope);
        // Start after commit, so the worker finds the job row.
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        executor.submit(() -> SchoolContext.runAs(school, () -> run(school, id, query)));
                    }
                });
        return id;
    }

    @Transactional(readOnly = true)
    public Job job(UUID id) {
        return find(id).orElseThrow(() -> new ApiException(VehicleError.VEHICLE_EXPORT_JOB_NOT_FOUND));
    }

    /** Exports of the school, newest first. */
    @Transactional(readOnly = true)
    public List<Job> recent(int limit) {
        return jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + JOB_COLUMNS + " FROM export_job WHERE kind = ? ORDER BY created_at DESC LIMIT ?")) {
                ps.setString(1, KIND);
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
    public InputStream file(UUID id) {
        Job job = transactions.execute(tx -> job(id));
        if (!job.downloadable()) {
            throw new ApiException(VehicleError.VEHICLE_EXPORT_NOT_READY);
        }
        return storage.get(SchoolContext.require(), key(id));
    }

    private static final String JOB_COLUMNS =
            "id, status, total_rows, processed_rows, file_name, file_key, error, created_by, created_at, finished_at";

    private Optional<Job> find(UUID id) {
        return jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM export_job WHERE id = ? AND kind = ?")) {
                ps.setObject(1, id);
                ps.setString(2, KIND);
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
                rs.getInt(3),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6) != null,
                rs.getString(7),
                rs.getString(8),
                Vehicles.instant(rs.getTimestamp(9)),
                Vehicles.instant(rs.getTimestamp(10)));
    }

    private static String key(UUID id) {
        return "exports/" + id + ".xlsx";
    }

    private void run(SchoolCode school, UUID id, VehicleQuery query) {
        Path file = null;
        try {
            file = Files.createTempFile("vehicle-export-", ".xlsx");
            Path out = file;
            transactions.executeWithoutResult(tx -> write(id, query, out));
            try (InputStream in = Files.newInputStream(file)) {
                storage.put(school, key(id), in, Files.size(file), XLSX);
            }
            update(
                    id,
                    "UPDATE export_job SET status = 'DONE', processed_rows = total_rows, file_key = ?, finished_at = now() WHERE id = ?",
                    key(id));
        } catch (Exception e) {
            log.error("Vehicle export {} of school {} failed", id, school, e);
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
        transactions.executeWithoutResult(tx -> jdbc.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, value);
                ps.setObject(2, id);
                return ps.executeUpdate();
            }
        }));
    }

    private void progress(UUID id, int total, int processed) {
        transactions.executeWithoutResult(tx -> jdbc.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE export_job SET total_rows = ?, processed_rows = ? WHERE id = ?")) {
                ps.setInt(1, total);
                ps.setInt(2, processed);
                ps.setObject(3, id);
                return ps.executeUpdate();
            }
        }));
    }

    /** One read-only transaction with a cursor; the progress updates run in their own short transactions. */
    private void write(UUID id, VehicleQuery query, Path target) {
        LocalDate today = LocalDate.now(clock);
        jdbc.run(c -> {
            int total;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM vehicle v LEFT JOIN registrant r ON r.id = v.registrant_id"
                            + query.where())) {
                query.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            progress(id, total, 0);
            try (SXSSFWorkbook workbook = new SXSSFWorkbook(200);
                    PreparedStatement ps = c.prepareStatement(Vehicles.COLUMNS + Vehicles.FROM + query.where()
                            + " ORDER BY v.submitted_at DESC, v.id DESC")) {
                workbook.setCompressTempFiles(true);
                SXSSFSheet sheet = workbook.createSheet("车辆备案审核");
                CellStyle bold = workbook.createCellStyle();
                Font font = workbook.createFont();
                font.setBold(true);
                bold.setFont(font);
                Row header = sheet.createRow(0);
                for (int i = 0; i < HEADERS.size(); i++) {
                    Cell cell = header.createCell(i);
                    cell.setCellValue(HEADERS.get(i));
                    cell.setCellStyle(bold);
                    sheet.setColumnWidth(i, 14 * 256);
                }
                query.bind(c, ps);
                ps.setFetchSize(1_000);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Vehicles.Item v = Vehicles.item(rs);
                        Row row = sheet.createRow(++n);
                        List<String> values = values(v, today);
                        for (int i = 0; i < values.size(); i++) {
                            if (values.get(i) != null) {
                                row.createCell(i).setCellValue(values.get(i));
                            }
                        }
                        if (n % PROGRESS_EVERY == 0) {
                            progress(id, total, n);
                        }
                    }
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

    static List<String> values(Vehicles.Item v, LocalDate today) {
        String validity = v.type() != VehicleType.EBIKE || v.status() != RegistrationStatus.APPROVED
                ? ""
                : v.longTerm() ? "长期有效" : v.validUntil() + (v.validOn(today) ? "" : "（已过期）");
        List<String> values = new ArrayList<>();
        values.add(v.type().label());
        values.add(v.plate());
        values.add(v.ownerName());
        values.add(v.relation().label());
        values.add(v.registrantName());
        values.add(v.registrantPhoneMasked());
        values.add(v.registrantIdentity() == null ? null : identityLabel(v.registrantIdentity()));
        values.add(v.registrantNumber());
        values.add(v.identityTypeName());
        values.add(v.departmentName());
        values.add(v.status().label());
        values.add(v.rejectReason());
        values.add(validity);
        values.add(v.enabled() ? "启用" : "停用");
        values.add(v.submittedAt() == null ? null : TIME.format(v.submittedAt()));
        values.add(v.reviewedAt() == null ? null : TIME.format(v.reviewedAt()));
        values.add(v.reviewedBy());
        return values;
    }

    private static String identityLabel(cn.campuspass.platform.school.Identity identity) {
        return switch (identity) {
            case STUDENT -> "学生";
            case TEACHER -> "教师";
            case THIRD_PARTY -> "第三方服务人员";
            case RESIDENT -> "居民";
        };
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
