package cn.campuspass.registrant.importing;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.PhoneNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Imports registrants from an .xlsx file made from {@link RegistrantImportTemplate} (or anything close to it).
 *
 * <p>The sheet is streamed (excel-streaming-reader with a small row cache), so the sheet is never held in memory.
 * What does grow with the file: the reader keeps the workbook's shared-strings table in memory (Excel puts every
 * distinct text there), and the importer keeps one compact entry per 学号 and phone to find duplicates within the
 * file. A 100,000-row import runs in a 96 MB heap. Rows are validated and handed to the {@link ImportSink} in batches; the school's existing 学号 and
 * phones are asked per batch. Valid rows are imported, invalid rows are reported with all their problems and, if
 * asked, written to a problem-rows workbook as they come.
 *
 * <p>Within one file the first row that uses a 学号/工号 or a phone claims it, even when that row is rejected for
 * another reason; later rows with the same value are rejected as duplicates. A streaming import cannot do better:
 * when the later row is read, the earlier one may already be imported.
 *
 * <p>The caller's file is only read: the reader works on its own temporary copy, so no failure path can rewrite the
 * upload (which an OOXML package opened for writing would do on close).
 */
public final class RegistrantImporter {

    /** How many non-blank rows at the top of the sheet may precede the header row (titles, notes). */
    private static final int HEADER_SEARCH_ROWS = 10;
    /** Bounds the look-up caches against files with absurd numbers of distinct department names. */
    private static final int MAX_CACHED_NAMES = 10_000;

    private final ImportContext context;

    public RegistrantImporter(ImportContext context) {
        this.context = context;
    }

    public ImportReport importFile(Path xlsx, ImportSink sink) {
        return importFile(xlsx, sink, ImportOptions.defaults());
    }

    /**
     * Imports the first sheet named 备案人, or else the first sheet.
     *
     * @throws ImportRejected when the file is not a readable .xlsx, is too large, or lacks required columns
     * @throws UncheckedIOException when the file cannot be read or the problem-rows file cannot be written
     */
    public ImportReport importFile(Path xlsx, ImportSink sink, ImportOptions options) {
        try {
            long size = Files.size(xlsx);
            if (size > options.maxFileBytes()) {
                throw tooLarge(options);
            }
            try (InputStream in = Files.newInputStream(xlsx)) {
                return importStream(in, sink, options);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #importFile(Path, ImportSink, ImportOptions)}, from a stream (not closed here). */
    public ImportReport importStream(InputStream in, ImportSink sink, ImportOptions options) {
        Workbook workbook = XlsxSheets.open(in, options);
        try (workbook) {
            return new Run(sink, options).execute(workbook);
        } catch (IOException e) {
            // Closing the reader (deleting its temporary copy) failed; the import itself has completed.
            throw new UncheckedIOException(e);
        }
    }

    private static Sheet sheet(Workbook workbook) {
        int index = workbook.getSheetIndex(RegistrantImportTemplate.DATA_SHEET);
        return workbook.getSheetAt(Math.max(index, 0));
    }

    private static ImportRejected tooLarge(ImportOptions options) {
        return XlsxSheets.tooLarge(options);
    }

    private static ImportRejected unreadable(RuntimeException e, int imported, ImportOptions options) {
        return XlsxSheets.unreadable(e, imported, options);
    }

    /** The state of one import. */
    private final class Run {

        private final ImportSink sink;
        private final ImportOptions options;
        private final Map<Identity, Boolean> openIdentities = new EnumMap<>(Identity.class);
        private final Map<String, Optional<Long>> departments = new HashMap<>();
        private final Map<String, Optional<Long>> identityTypes = new HashMap<>();
        private final FirstRows numbersSeen = FirstRows.ofTexts();
        private final FirstRows phonesSeen = FirstRows.ofNumbers();
        private final List<Pending> batch = new ArrayList<>();
        private final List<RowProblem> problems = new ArrayList<>();

        private Iterator<Row> rows;
        private Header header;
        private ProblemRowsWorkbook problemRows;
        private boolean problemsTruncated;
        private int total;
        private int imported;
        private int rejected;

        Run(ImportSink sink, ImportOptions options) {
            this.sink = sink;
            this.options = options;
        }

        ImportReport execute(Workbook workbook) {
            boolean cancelled = false;
            try {
                Sheet sheet = read(() -> sheet(workbook));
                rows = read(sheet::rowIterator);
                header = findHeader();
                while (read(rows::hasNext)) {
                    Pending row = parse();
                    if (row == null) {
                        continue;
                    }
                    batch.add(row);
                    if (batch.size() >= options.batchSize()) {
                        flush();
                        if (options.cancelled().getAsBoolean()) {
                            cancelled = read(rows::hasNext);
                            break;
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    flush();
                }
                writeProblemRows();
                return new ImportReport(total, imported, rejected, problems, problemsTruncated, cancelled);
            } finally {
                closeProblemRows();
            }
        }

        /** Reader calls only: a failure here means a broken file, unlike failures of the sink or the context. */
        private <T> T read(Supplier<T> call) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                throw unreadable(e, imported, options);
            }
        }

        private Header findHeader() {
            List<String> firstRow = null;
            int nonBlank = 0;
            while (nonBlank < HEADER_SEARCH_ROWS && read(rows::hasNext)) {
                List<String> texts = read(() -> {
                    List<String> cells = new ArrayList<>();
                    for (Cell cell : rows.next()) {
                        int i = cell.getColumnIndex();
                        while (cells.size() <= i) {
                            cells.add("");
                        }
                        cells.set(i, CellText.of(cell).raw());
                    }
                    return cells;
                });
                if (texts.stream().allMatch(String::isBlank)) {
                    continue;
                }
                nonBlank++;
                if (firstRow == null) {
                    firstRow = texts;
                }
                long known = texts.stream()
                        .map(TemplateColumn::byHeader)
                        .filter(Optional::isPresent)
                        .count();
                if (known >= 2) {
                    return Header.of(texts);
                }
            }
            if (firstRow == null) {
                throw new ImportRejected(ImportRejected.Code.IMPORT_HEADER_MISSING, "文件中没有任何内容，请使用导入模板填写后再导入");
            }
            return Header.of(firstRow);
        }

        /** Reads the next row; null for a blank row. */
        private Pending parse() {
            String[] raw = new String[header.width()];
            CellText[] cells = new CellText[TemplateColumn.values().length];
            Arrays.fill(cells, CellText.BLANK);
            int rowNumber = read(() -> {
                Row row = rows.next();
                for (Cell cell : row) {
                    int i = cell.getColumnIndex();
                    if (i < raw.length) {
                        CellText text = CellText.of(cell);
                        raw[i] = text.raw();
                        TemplateColumn column = header.columnAt(i);
                        if (column != null) {
                            cells[column.ordinal()] = text;
                        }
                    }
                }
                return row.getRowNum() + 1;
            });
            if (Arrays.stream(cells).allMatch(CellText::blank)) {
                return null;
            }
            total++;
            Pending p = new Pending(rowNumber, raw);
            validate(p, cells);
            return p;
        }

        private void validate(Pending p, CellText[] cells) {
            for (TemplateColumn column : TemplateColumn.values()) {
                CellText cell = cells[column.ordinal()];
                if (cell.problem() != null) {
                    p.problem(column, cell.problem());
                    p.unusable.add(column);
                }
            }
            name(p, cells[TemplateColumn.NAME.ordinal()]);
            identity(p, cells[TemplateColumn.IDENTITY.ordinal()], cells[TemplateColumn.IDENTITY_TYPE.ordinal()]);
            number(p, cells[TemplateColumn.NUMBER.ordinal()]);
            phone(p, cells[TemplateColumn.PHONE.ordinal()]);
            idTail(p, cells[TemplateColumn.ID_TAIL.ordinal()]);
            department(
                    p, cells[TemplateColumn.DEPARTMENT.ordinal()], cells[TemplateColumn.MANAGED_DEPARTMENT.ordinal()]);
        }

        private void name(Pending p, CellText cell) {
            if (p.unusable.contains(TemplateColumn.NAME)) {
                return;
            }
            RegistrantFields.Checked name = RegistrantFields.name(cell.text());
            if (name.ok()) {
                p.name = name.value();
            } else {
                p.problem(TemplateColumn.NAME, name.problem());
            }
        }

        private void identity(Pending p, CellText cell, CellText typeCell) {
            if (!p.unusable.contains(TemplateColumn.IDENTITY)) {
                String text = Text.clean(Text.halfWidthAscii(cell.text()));
                if (text.isEmpty()) {
                    p.problem(TemplateColumn.IDENTITY, "身份不能为空");
                } else {
                    Optional<Identity> identity = IdentityLabels.parse(text);
                    if (identity.isEmpty()) {
                        p.problem(TemplateColumn.IDENTITY, "身份「" + Text.echo(text) + "」无效，应为学生、教师、第三方服务人员或居民");
                    } else {
                        p.identity = identity.get();
                        if (!open(p.identity)) {
                            p.problem(TemplateColumn.IDENTITY, "本校未开通「" + IdentityLabels.label(p.identity) + "」身份");
                        }
                    }
                }
            }
            if (p.unusable.contains(TemplateColumn.IDENTITY_TYPE)) {
                return;
            }
            String type = Text.clean(Text.halfWidthAlnum(typeCell.text()));
            if (type.isEmpty() || p.identity == null) {
                return; // without a valid identity there is nothing to look the type up under
            }
            Optional<Long> id = cached(
                    identityTypes,
                    p.identity.name() + '\u0000' + type,
                    key -> context.identityTypeId(p.identity, type));
            if (id.isEmpty()) {
                p.problem(
                        TemplateColumn.IDENTITY_TYPE,
                        "身份「" + IdentityLabels.label(p.identity) + "」下没有身份类型「" + Text.echo(type) + "」");
            } else {
                p.identityTypeId = id.get();
            }
        }

        private boolean open(Identity identity) {
            return identity.alwaysOpen() || openIdentities.computeIfAbsent(identity, context::identityOpen);
        }

        private void number(Pending p, CellText cell) {
            if (p.unusable.contains(TemplateColumn.NUMBER)) {
                return;
            }
            RegistrantFields.Checked number = RegistrantFields.number(cell.text());
            if (!number.ok()) {
                p.problem(TemplateColumn.NUMBER, number.problem());
                return;
            }
            p.number = number.value();
            int first = numbersSeen.claim(p.number, p.rowNumber);
            if (first != 0) {
                p.problem(TemplateColumn.NUMBER, "学号/工号与第 " + first + " 行重复");
            }
        }

        private void phone(Pending p, CellText cell) {
            if (p.unusable.contains(TemplateColumn.PHONE)) {
                return;
            }
            String text = Text.clean(Text.halfWidthAscii(cell.text()));
            if (text.isEmpty()) {
                p.problem(TemplateColumn.PHONE, "手机号不能为空");
                return;
            }
            Optional<PhoneNumber> phone = PhoneNumber.parse(text);
            if (phone.isEmpty()) {
                p.problem(TemplateColumn.PHONE, "手机号格式不正确");
                return;
            }
            p.phone = phone.get();
            int first = phonesSeen.claim(Long.parseLong(p.phone.value()), p.rowNumber);
            if (first != 0) {
                p.problem(TemplateColumn.PHONE, "手机号与第 " + first + " 行重复");
            }
        }

        private void idTail(Pending p, CellText cell) {
            if (p.unusable.contains(TemplateColumn.ID_TAIL)) {
                return;
            }
            RegistrantFields.Checked tail = RegistrantFields.idTail(cell.text());
            if (tail.ok()) {
                p.idTail = tail.value();
            } else {
                p.problem(TemplateColumn.ID_TAIL, tail.problem());
            }
        }

        private void department(Pending p, CellText cell, CellText managedCell) {
            if (!p.unusable.contains(TemplateColumn.DEPARTMENT)) {
                String name = Text.clean(Text.halfWidthAlnum(cell.text()));
                if (name.isEmpty()) {
                    p.problem(TemplateColumn.DEPARTMENT, "部门/单位不能为空");
                } else {
                    Optional<Long> id = department(name);
                    if (id.isPresent()) {
                        p.departmentId = id.get();
                    } else {
                        p.problem(TemplateColumn.DEPARTMENT, "部门/单位「" + Text.echo(name) + "」不存在");
                    }
                }
            }
            if (p.unusable.contains(TemplateColumn.MANAGED_DEPARTMENT)) {
                return;
            }
            String managed = Text.clean(Text.halfWidthAlnum(managedCell.text()));
            if (!managed.isEmpty()) {
                Optional<Long> id = department(managed);
                if (id.isPresent()) {
                    p.managedDepartmentId = id.get();
                } else {
                    p.problem(TemplateColumn.MANAGED_DEPARTMENT, "被分管部门「" + Text.echo(managed) + "」不存在");
                }
            }
        }

        private Optional<Long> department(String name) {
            return cached(departments, name, context::departmentId);
        }

        private <K> Optional<Long> cached(Map<K, Optional<Long>> cache, K key, Function<K, Optional<Long>> lookup) {
            Optional<Long> known = cache.get(key);
            if (known != null) {
                return known;
            }
            Optional<Long> found = Optional.ofNullable(lookup.apply(key)).flatMap(x -> x);
            if (cache.size() < MAX_CACHED_NAMES) {
                cache.put(key, found);
            }
            return found;
        }

        /** Asks the school about the batch's 学号 and phones, then imports the good rows and reports the others. */
        private void flush() {
            Set<String> numbers = new LinkedHashSet<>();
            Set<String> phones = new LinkedHashSet<>();
            for (Pending p : batch) {
                if (p.number != null) {
                    numbers.add(p.number);
                }
                if (p.phone != null) {
                    phones.add(p.phone.value());
                }
            }
            Set<String> takenNumbers = numbers.isEmpty() ? Set.of() : context.existingNumbers(List.copyOf(numbers));
            Set<String> takenPhones = phones.isEmpty() ? Set.of() : context.existingPhones(List.copyOf(phones));

            List<RegistrantRow> good = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                if (p.number != null && takenNumbers.contains(p.number)) {
                    p.problem(TemplateColumn.NUMBER, "学号/工号「" + Text.echo(p.number) + "」已存在");
                }
                if (p.phone != null && takenPhones.contains(p.phone.value())) {
                    p.problem(TemplateColumn.PHONE, "手机号已被本校其他备案人绑定");
                }
                if (p.problems.isEmpty()) {
                    good.add(p.toRow());
                } else {
                    reject(p);
                }
            }
            batch.clear();
            if (!good.isEmpty()) {
                sink.accept(List.copyOf(good));
                imported += good.size();
            }
            options.progress().accept(total);
        }

        private void reject(Pending p) {
            rejected++;
            List<RowProblem> sorted = p.problems.stream()
                    .sorted(Comparator.comparingInt(Problem::order))
                    .map(Problem::problem)
                    .toList();
            for (RowProblem problem : sorted) {
                if (problems.size() < options.maxReportedProblems()) {
                    problems.add(problem);
                } else {
                    problemsTruncated = true;
                }
            }
            if (options.problemRowsFile() != null) {
                if (problemRows == null) {
                    problemRows = new ProblemRowsWorkbook(header.originals());
                }
                problemRows.add(Arrays.asList(p.raw), sorted);
            }
        }

        private void writeProblemRows() {
            if (problemRows == null) {
                return;
            }
            try (OutputStream out = Files.newOutputStream(options.problemRowsFile())) {
                problemRows.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void closeProblemRows() {
            if (problemRows != null) {
                try {
                    problemRows.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Where each template column sits in this file, and the file's own header texts. */
    private record Header(TemplateColumn[] byIndex, List<String> originals) {

        static Header of(List<String> texts) {
            TemplateColumn[] byIndex = new TemplateColumn[texts.size()];
            Map<TemplateColumn, Integer> found = new EnumMap<>(TemplateColumn.class);
            for (int i = 0; i < texts.size(); i++) {
                Optional<TemplateColumn> column = TemplateColumn.byHeader(texts.get(i));
                if (column.isEmpty()) {
                    continue;
                }
                if (found.putIfAbsent(column.get(), i) != null) {
                    throw new ImportRejected(
                            ImportRejected.Code.IMPORT_HEADER_DUPLICATE, "表头「" + column.get().label + "」出现了多次，请只保留一列");
                }
                byIndex[i] = column.get();
            }
            String missing = Arrays.stream(TemplateColumn.values())
                    .filter(c -> c.required && !found.containsKey(c))
                    .map(c -> c.label)
                    .collect(Collectors.joining("、"));
            if (!missing.isEmpty()) {
                throw new ImportRejected(
                        ImportRejected.Code.IMPORT_HEADER_MISSING, "缺少必填列：" + missing + "。请使用导入模板，并保留模板第一行的表头");
            }
            return new Header(byIndex, List.copyOf(texts));
        }

        int width() {
            return byIndex.length;
        }

        TemplateColumn columnAt(int index) {
            return byIndex[index];
        }
    }

    private record Problem(int order, RowProblem problem) {}

    /** A row read and checked on its own, waiting for the batch's look-ups. */
    private static final class Pending {
        final int rowNumber;
        final String[] raw;
        final List<Problem> problems = new ArrayList<>(2);
        final Set<TemplateColumn> unusable = EnumSet.noneOf(TemplateColumn.class);
        String name;
        Identity identity;
        Long identityTypeId;
        String number;
        PhoneNumber phone;
        String idTail;
        Long departmentId;
        Long managedDepartmentId;

        Pending(int rowNumber, String[] raw) {
            this.rowNumber = rowNumber;
            this.raw = raw;
        }

        void problem(TemplateColumn column, String message) {
            problems.add(new Problem(column.ordinal(), new RowProblem(rowNumber, column.label, message)));
        }

        RegistrantRow toRow() {
            return new RegistrantRow(
                    name,
                    identity,
                    identityTypeId,
                    number,
                    phone,
                    idTail,
                    departmentId,
                    managedDepartmentId,
                    rowNumber);
        }
    }
}
