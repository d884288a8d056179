package cn.campuspass.vehicle;

import cn.campuspass.platform.concurrent.DaemonThreads;
import cn.campuspass.platform.error.ApiException;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.tenancy.SchoolJdbc;
import cn.campuspass.registrant.ImportJob;
import cn.campuspass.registrant.ImportJobs;
import cn.campuspass.registrant.importing.CellText;
import cn.campuspass.registrant.importing.ImportOptions;
import cn.campuspass.registrant.importing.ImportRejected;
import cn.campuspass.registrant.importing.ImportReport;
import cn.campuspass.registrant.importing.ProblemRowsWorkbook;
import cn.campuspass.registrant.importing.RowProblem;
import cn.campuspass.registrant.importing.XlsxSheets;
import cn.campuspass.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports vehicle registrations (A4.4 a, b) in the background with the registrant import's engine parts and policy:
 * the upload is opened safely and streamed ({@link XlsxSheets}), every row is checked (type, plate for its type,
 * owner, relation, registrant by 学号/工号, e-bike validity), valid rows are stored batch by batch as approved
 * registrations, every bad row goes to the problem-rows workbook with its row number, column and reason, and the
 * result is kept as an import job of kind {@value #KIND} for the import-results list. A plate used twice in the file
 * or already registered is a problem of the later row.
 */
@Service
public class VehicleImports implements DisposableBean {

    static final String KIND = "VEHICLES";
    private static final Logger log = LoggerFactory.getLogger(VehicleImports.class);
    private static final int HEADER_SEARCH_ROWS = 10;
    private static final int BATCH = 500;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final SchoolJdbc jdbc;
    private final ImportJobs jobs;
    private final ObjectStore storage;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService executor = Executors.newFixedThreadPool(1, DaemonThreads.named("vehicle-import"));

    VehicleImports(
            SchoolJdbc jdbc, ImportJobs jobs, ObjectStore storage, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.storage = storage;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Copies the upload to a temporary file and starts the import; returns the job id. */
    public UUID start(String fileName, InputStream upload, String actor) {
        SchoolCode school = SchoolContext.require();
        Path file;
        try {
            file = Files.createTempFile("vehicle-import-", ".xlsx");
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UUID id = jobs.begin(KIND, fileName, actor);
        executor.submit(() -> SchoolContext.runAs(school, () -> run(school, id, file, actor)));
        return id;
    }

    public Page<ImportJob> recent(int page, int size) {
        return jobs.recent(KIND, page, size);
    }

    public ImportJob job(UUID id) {
        return jobs.job(id, KIND).orElseThrow(() -> new ApiException(VehicleError.VEHICLE_IMPORT_JOB_NOT_FOUND));
    }

    public InputStream problemRows(UUID id) {
        ImportJob job = job(id);
        if (job.getProblemsKey() == null) {
            throw new ApiException(VehicleError.VEHICLE_IMPORT_JOB_NOT_FOUND);
        }
        return storage.get(SchoolContext.require(), job.getProblemsKey());
    }

    private void run(SchoolCode school, UUID id, Path file, String actor) {
        Path problemsFile = file.resolveSibling(file.getFileName() + ".problems.xlsx");
        ImportOptions options = ImportOptions.defaults();
        Run run = new Run(id, actor);
        try {
            if (Files.size(file) > options.maxFileBytes()) {
                throw XlsxSheets.tooLarge(options);
            }
            ImportReport report;
            try (InputStream in = Files.newInputStream(file);
                    Workbook workbook = XlsxSheets.open(in, options)) {
                report = run.execute(workbook, options);
            }
            String problemsKey = null;
            if (run.problemRows != null && run.problemRows.rowCount() > 0) {
                try (OutputStream out = Files.newOutputStream(problemsFile)) {
                    run.problemRows.writeTo(out);
                }
                problemsKey = "imports/" + id + "-problems.xlsx";
                try (InputStream in = Files.newInputStream(problemsFile)) {
                    storage.put(school, problemsKey, in, Files.size(problemsFile), XLSX);
                }
            }
            jobs.done(id, report, problemsKey);
        } catch (ImportRejected e) {
            jobs.failed(id, e.code() + ": " + e.getMessage(), run.imported);
        } catch (Exception e) {
            log.error("Vehicle import {} of school {} failed", id, school, e);
            jobs.failed(id, "IMPORT_FAILED: " + e.getMessage(), run.imported);
        } finally {
            run.closeProblemRows();
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(problemsFile);
            } catch (IOException e) {
                log.warn("Could not delete {}", file, e);
            }
        }
    }

    /** A checked row waiting for its batch's look-ups (registrants by number, plates already registered). */
    private record Pending(
            int rowNumber,
            List<String> raw,
            PlateNumber plate,
            String owner,
            OwnerRelation relation,
            String number,
            boolean longTerm,
            LocalDate validUntil,
            List<RowProblem> problems) {}

    private final class Run {
        private final UUID id;
        private final String actor;
        private final Map<String, Integer> platesSeen = new HashMap<>();
        private final List<RowProblem> problems = new ArrayList<>();
        private final List<Pending> batch = new ArrayList<>();
        private ProblemRowsWorkbook problemRows;
        private Column[] columns;
        private List<String> headers;
        private int total;
        private int imported;
        private int rejected;

        Run(UUID id, String actor) {
            this.id = id;
            this.actor = actor;
        }

        ImportReport execute(Workbook workbook, ImportOptions options) {
            int index = workbook.getSheetIndex(VehicleImportTemplate.DATA_SHEET);
            Sheet sheet = workbook.getSheetAt(Math.max(index, 0));
            Iterator<Row> rows = sheet.rowIterator();
            findHeader(rows);
            problemRows = new ProblemRowsWorkbook(headers);
            while (rows.hasNext()) {
                Row row = rows.next();
                List<String> raw = new ArrayList<>();
                CellText[] cells = new CellText[Column.values().length];
                Arrays.fill(cells, null);
                for (Cell cell : row) {
                    int i = cell.getColumnIndex();
                    if (i >= columns.length) {
                        continue;
                    }
                    CellText text = CellText.of(cell);
                    while (raw.size() <= i) {
                        raw.add("");
                    }
                    raw.set(i, text.raw());
                    if (columns[i] != null) {
                        cells[columns[i].ordinal()] = text;
                    }
                }
                if (Arrays.stream(cells).allMatch(c -> c == null || c.blank())) {
                    continue;
                }
                total++;
                batch.add(check(row.getRowNum() + 1, raw, cells));
                if (batch.size() >= BATCH) {
                    flush();
                }
            }
            flush();
            int kept = Math.min(problems.size(), options.maxReportedProblems());
            return new ImportReport(
                    total, imported, rejected, problems.subList(0, kept), kept < problems.size(), false);
        }

        private void findHeader(Iterator<Row> rows) {
            for (int n = 0; n < HEADER_SEARCH_ROWS && rows.hasNext(); n++) {
                List<String> texts = new ArrayList<>();
                for (Cell cell : rows.next()) {
                    while (texts.size() <= cell.getColumnIndex()) {
                        texts.add("");
                    }
                    texts.set(cell.getColumnIndex(), CellText.of(cell).raw());
                }
                Column[] found = texts.stream()
                        .map(t -> VehicleImportTemplate.Column.byHeader(t)
                                .map(c -> Column.values()[c.ordinal()])
                                .orElse(null))
                        .toArray(Column[]::new);
                if (Arrays.stream(found).filter(c -> c != null).count() >= 2) {
                    List<String> missing = Arrays.stream(Column.values())
                            .filter(c ->
                                    c.template.required && !Arrays.asList(found).contains(c))
                            .map(c -> c.template.label)
                            .toList();
                    if (!missing.isEmpty()) {
                        throw new ImportRejected(
                                ImportRejected.Code.IMPORT_HEADER_MISSING,
                                "缺少必填列：" + String.join("、", missing) + "，请使用导入模板填写后再导入");
                    }
                    columns = found;
                    headers = texts;
                    return;
                }
            }
            throw new ImportRejected(ImportRejected.Code.IMPORT_HEADER_MISSING, "找不到表头，请使用车辆备案导入模板填写后再导入");
        }

        private Pending check(int rowNumber, List<String> raw, CellText[] cells) {
            List<RowProblem> rowProblems = new ArrayList<>();
            String typeText = text(cells, Column.TYPE);
            VehicleType type = switch (typeText.toUpperCase(java.util.Locale.ROOT)) {
                case "机动车", "汽车", "MOTOR" -> VehicleType.MOTOR;
                case "电动自行车", "电动车", "非机动车", "EBIKE" -> VehicleType.EBIKE;
                default -> null;
            };
            if (type == null) {
                rowProblems.add(problem(rowNumber, Column.TYPE, typeText.isEmpty() ? "车辆类型不能为空" : "车辆类型应为机动车或电动自行车"));
            }
            String plateText = text(cells, Column.PLATE);
            PlateNumber plate = null;
            if (plateText.isEmpty()) {
                rowProblems.add(problem(rowNumber, Column.PLATE, "号牌号码不能为空"));
            } else if (type != null) {
                plate = PlateNumber.parse(plateText, type).orElse(null);
                if (plate == null) {
                    rowProblems.add(problem(rowNumber, Column.PLATE, "号牌号码格式不正确"));
                } else {
                    Integer first = platesSeen.putIfAbsent(plate.value(), rowNumber);
                    if (first != null) {
                        rowProblems.add(problem(rowNumber, Column.PLATE, "号牌号码与第 " + first + " 行重复"));
                    }
                }
            }
            String owner = text(cells, Column.OWNER);
            if (owner.isEmpty() || owner.length() > Vehicles.MAX_OWNER_NAME) {
                rowProblems.add(problem(rowNumber, Column.OWNER, "车辆所有人不能为空，且不超过 50 字"));
            }
            String relationText = text(cells, Column.RELATION);
            OwnerRelation relation = OwnerRelation.fromText(relationText).orElse(null);
            if (relation == null) {
                rowProblems.add(problem(rowNumber, Column.RELATION, "关系应为本人、配偶、父母、子女、亲属、朋友、单位或其他"));
            }
            String number = text(cells, Column.NUMBER);
            if (number.isEmpty()) {
                rowProblems.add(problem(rowNumber, Column.NUMBER, "备案人学号/工号不能为空"));
            }
            String validity = text(cells, Column.VALIDITY);
            boolean longTerm = true;
            LocalDate until = null;
            if (type == VehicleType.EBIKE
                    && !validity.isEmpty()
                    && !validity.equals("长期")
                    && !validity.equals("长期有效")) {
                try {
                    until = LocalDate.parse(validity.replace('/', '-').replace('.', '-'));
                    longTerm = false;
                    if (until.isBefore(LocalDate.now(clock))) {
                        rowProblems.add(problem(rowNumber, Column.VALIDITY, "有效期不能早于今天"));
                    }
                } catch (DateTimeParseException e) {
                    rowProblems.add(problem(rowNumber, Column.VALIDITY, "有效期应为长期有效或日期（如 2027-12-31）"));
                }
            }
            return new Pending(rowNumber, raw, plate, owner, relation, number, longTerm, until, rowProblems);
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<String> numbers = batch.stream()
                    .map(Pending::number)
                    .filter(n -> !n.isEmpty())
                    .distinct()
                    .toList();
            List<String> plates = batch.stream()
                    .filter(p -> p.plate() != null)
                    .map(p -> p.plate().value())
                    .toList();
            Map<String, Long> registrants = transactions.execute(
                    tx -> lookup("SELECT number, id FROM registrant WHERE number = ANY (?)", numbers));
            Map<String, Long> taken = transactions.execute(
                    tx -> lookup("SELECT plate, id FROM vehicle WHERE deleted_at IS NULL AND plate = ANY (?)", plates));
            List<Pending> valid = new ArrayList<>();
            List<Long> registrantIds = new ArrayList<>();
            for (Pending p : batch) {
                List<RowProblem> rowProblems = new ArrayList<>(p.problems());
                if (p.plate() != null && taken.containsKey(p.plate().value())) {
                    rowProblems.add(problem(p.rowNumber(), Column.PLATE, "号牌号码已在本校备案"));
                }
                Long registrant = registrants.get(p.number());
                if (!p.number().isEmpty() && registrant == null) {
                    rowProblems.add(problem(p.rowNumber(), Column.NUMBER, "本校没有该学号/工号的备案人"));
                }
                if (rowProblems.isEmpty()) {
                    valid.add(p);
                    registrantIds.add(registrant);
                } else {
                    rejected++;
                    problems.addAll(rowProblems);
                    problemRows.add(p.raw(), rowProblems);
                }
            }
            if (!valid.isEmpty()) {
                transactions.executeWithoutResult(tx -> insert(valid, registrantIds));
                imported += valid.size();
            }
            batch.clear();
            jobs.progress(id, total);
        }

        private Map<String, Long> lookup(String sql, List<String> values) {
            return jdbc.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setArray(1, c.createArrayOf("varchar", values.toArray()));
                    Map<String, Long> found = new HashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                    return found;
                }
            });
        }

        /** One multi-row insert per batch; the unique plate index stays the guard against concurrent writers. */
        private void insert(List<Pending> rows, List<Long> registrantIds) {
            jdbc.run(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO vehicle (type, plate, owner_name, owner_relation, registrant_id, status,
                                             reviewed_by, reviewed_at, long_term, valid_until, source, updated_by)
                        SELECT t, p, o, rel, reg, 'APPROVED', ?, now(), CASE WHEN t = 'EBIKE' THEN lt ELSE false END,
                               CASE WHEN t = 'EBIKE' THEN vu END, 'IMPORT', ?
                        FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::boolean[],
                                    ?::date[]) AS x(t, p, o, rel, reg, lt, vu)""")) {
                    ps.setString(1, actor);
                    ps.setString(2, actor);
                    ps.setArray(
                            3,
                            c.createArrayOf(
                                    "varchar",
                                    rows.stream()
                                            .map(r -> r.plate().type().name())
                                            .toArray()));
                    ps.setArray(
                            4,
                            c.createArrayOf(
                                    "varchar",
                                    rows.stream().map(r -> r.plate().value()).toArray()));
                    ps.setArray(
                            5,
                            c.createArrayOf(
                                    "varchar", rows.stream().map(Pending::owner).toArray()));
                    ps.setArray(
                            6,
                            c.createArrayOf(
                                    "varchar",
                                    rows.stream().map(r -> r.relation().name()).toArray()));
                    ps.setArray(7, c.createArrayOf("bigint", registrantIds.toArray()));
                    ps.setArray(
                            8,
                            c.createArrayOf(
                                    "boolean",
                                    rows.stream().map(Pending::longTerm).toArray()));
                    ps.setArray(
                            9,
                            c.createArrayOf(
                                    "date",
                                    rows.stream()
                                            .map(r -> r.validUntil() == null
                                                    ? null
                                                    : java.sql.Date.valueOf(r.validUntil()))
                                            .toArray()));
                    return ps.executeUpdate();
                }
            });
        }

        void closeProblemRows() {
            if (problemRows != null) {
                try {
                    problemRows.close();
                } catch (IOException e) {
                    log.warn("Could not close the problem rows of import {}", id, e);
                }
            }
        }

        private String text(CellText[] cells, Column column) {
            CellText cell = cells[column.ordinal()];
            return cell == null || cell.text() == null ? "" : PlateNumber.normaliseSpaces(cell.text());
        }

        private RowProblem problem(int row, Column column, String message) {
            return new RowProblem(row, column.template.label, message);
        }
    }

    /** The template's columns, in the order the run keeps cells. */
    private enum Column {
        TYPE(VehicleImportTemplate.Column.TYPE),
        PLATE(VehicleImportTemplate.Column.PLATE),
        OWNER(VehicleImportTemplate.Column.OWNER),
        RELATION(VehicleImportTemplate.Column.RELATION),
        NUMBER(VehicleImportTemplate.Column.NUMBER),
        VALIDITY(VehicleImportTemplate.Column.VALIDITY);

        final VehicleImportTemplate.Column template;

        Column(VehicleImportTemplate.Column template) {
            this.template = template;
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
