package cn.campuspass.registrant.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.campuspass.platform.school.Identity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.FormulaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrantImporterTest {

    static final List<Object> HEADERS = new ArrayList<>(RegistrantImportTemplate.headers());

    @TempDir
    Path dir;

    final FakeSchool school = new FakeSchool();
    final List<RegistrantRow> imported = new ArrayList<>();
    final List<Integer> batches = new ArrayList<>();
    final ImportSink sink = batch -> {
        batches.add(batch.size());
        imported.addAll(batch);
    };

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** A template-ordered row: 姓名, 身份, 身份类型, 学号/工号, 手机号, 身份证后六位, 部门/单位, 被分管部门. */
    static List<Object> person(String name, String number, String phone) {
        return row(name, "学生", null, number, phone, null, "计算机学院", null);
    }

    Path file(List<List<Object>> rows) throws IOException {
        return Sheets.write(Files.createTempFile(dir, "import", ".xlsx"), rows);
    }

    Path file(int people, int firstRow) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (int i = firstRow; i < firstRow + people; i++) {
            rows.add(person("学生" + i, String.format("S%06d", i), String.format("138%08d", i)));
        }
        return file(rows);
    }

    ImportReport importing(Path file) {
        return new RegistrantImporter(school).importFile(file, sink);
    }

    @Test
    void findsTheHeaderBelowATitleAndAcceptsOtherHeaderNames() throws IOException {
        Path file = file(List.of(
                row("XX大学备案人信息导入表"),
                row(),
                row("姓名", "备案人身份", "学号", "手机号码", "部门/单位及被分管部门", "身份证后6位"),
                row("张三", "教师", "T1", "13800138000", "计算机学院", "12345X")));

        ImportReport report = importing(file);

        assertThat(report.importedRows()).isEqualTo(1);
        assertThat(imported).singleElement().satisfies(r -> {
            assertThat(r.rowNumber()).isEqualTo(4);
            assertThat(r.identity()).isEqualTo(Identity.TEACHER);
            assertThat(r.departmentId()).isEqualTo(11L);
            assertThat(r.idTail()).isEqualTo("12345X");
        });
    }

    @Test
    void refusesAFileWithoutTheRequiredColumns() throws IOException {
        Path file = file(List.of(row("姓名", "身份", "备注"), row("张三", "学生", "x")));

        assertThatThrownBy(() -> importing(file)).isInstanceOfSatisfying(ImportRejected.class, e -> {
            assertThat(e.code()).isEqualTo(ImportRejected.Code.IMPORT_HEADER_MISSING);
            assertThat(e.getMessage()).isEqualTo("缺少必填列：学号/工号、手机号、部门/单位。请使用导入模板，并保留模板第一行的表头");
        });
        assertThat(batches).isEmpty();
    }

    @Test
    void refusesAFileWithoutAnyHeaderRow() throws IOException {
        Path file = file(List.of(row("张三", "学生"), row("李四", "教师")));

        assertThatThrownBy(() -> importing(file)).isInstanceOfSatisfying(ImportRejected.class, e -> {
            assertThat(e.code()).isEqualTo(ImportRejected.Code.IMPORT_HEADER_MISSING);
            assertThat(e.getMessage()).startsWith("缺少必填列：姓名、身份、学号/工号、手机号、部门/单位。");
        });
    }

    @Test
    void refusesAnEmptySheet() throws IOException {
        Path file = file(List.of());

        assertThatThrownBy(() -> importing(file)).isInstanceOfSatisfying(ImportRejected.class, e -> {
            assertThat(e.code()).isEqualTo(ImportRejected.Code.IMPORT_HEADER_MISSING);
            assertThat(e.getMessage()).isEqualTo("文件中没有任何内容，请使用导入模板填写后再导入");
        });
    }

    @Test
    void refusesAColumnThatAppearsTwice() throws IOException {
        List<Object> headers = new ArrayList<>(HEADERS);
        headers.add("手机号码");
        Path file = file(List.of(headers));

        assertThatThrownBy(() -> importing(file)).isInstanceOfSatisfying(ImportRejected.class, e -> {
            assertThat(e.code()).isEqualTo(ImportRejected.Code.IMPORT_HEADER_DUPLICATE);
            assertThat(e.getMessage()).isEqualTo("表头「手机号」出现了多次，请只保留一列");
        });
    }

    @Test
    void refusesFilesThatAreNotXlsx() throws IOException {
        Path text = Files.writeString(dir.resolve("people.xlsx"), "姓名,手机号\n张三,13800138000\n");
        assertRejectedAsInvalid(text, "文件不是有效的 Excel（.xlsx）文件，请使用导入模板填写后再导入");

        Path xls = dir.resolve("people.xls");
        try (HSSFWorkbook workbook = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(xls)) {
            workbook.createSheet("备案人").createRow(0).createCell(0).setCellValue("姓名");
            workbook.write(out);
        }
        assertRejectedAsInvalid(xls, "不支持旧版 .xls 文件或带密码的文件，请在 Excel 中另存为 .xlsx（Excel 工作簿）后再导入");

        Path zip = dir.resolve("not-ooxml.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertRejectedAsInvalid(zip, null);

        byte[] good = Files.readAllBytes(file(3, 1));
        Path truncated = Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(good, good.length / 2));
        assertRejectedAsInvalid(truncated, null);
        assertThat(Files.readAllBytes(truncated)).isEqualTo(Arrays.copyOf(good, good.length / 2));
    }

    @Test
    void refusesAZipBomb() throws IOException {
        // A valid workbook whose sheet XML inflates to 64 MB of whitespace from about 64 KB: POI's ZipSecureFile
        // inflate-ratio guard must stop it, and it must not reach the sink.
        Path bomb = dir.resolve("bomb.xlsx");
        try (ZipFile in = new ZipFile(file(3, 1).toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content;
                try (InputStream entryIn = in.getInputStream(entry)) {
                    content = entryIn.readAllBytes();
                }
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
                    out.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1 << 20];
                    Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 64; i++) {
                        out.write(spaces);
                    }
                    out.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
            }
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);

        assertThatThrownBy(() -> importing(bomb)).isInstanceOfSatisfying(ImportRejected.class, e -> {
            assertThat(e.code()).isEqualTo(ImportRejected.Code.IMPORT_FILE_INVALID);
            assertThat(e.importedBeforeFailure()).isZero();
            assertThat(causes(e)).anyMatch(m -> m != null && m.contains("Zip bomb"));
        });
        assertThat(batches).isEmpty();
    }

    @Test
    void refusesATooLargeFileFromAPathOrAStream() throws IOException {
        Path file = file(20, 1);
        ImportOptions small = ImportOptions.defaults().withMaxFileBytes(2048);
        RegistrantImporter importer = new RegistrantImporter(school);

        assertThatThrownBy(() -> importer.importFile(file, sink, small))
                .isInstanceOfSatisfying(ImportRejected.class, e -> {
                    assertThat(e.code()).isEqualTo(ImportRejected.Code.IMPORT_FILE_INVALID);
                    assertThat(e.getMessage()).isEqualTo("文件过大（超过 2 KB），请拆分成多个文件后分别导入");
                });
        try (InputStream in = Files.newInputStream(file)) {
            assertThatThrownBy(() -> importer.importStream(in, sink, small))
                    .isInstanceOfSatisfying(
                            ImportRejected.class,
                            e -> assertThat(e.getMessage()).isEqualTo("文件过大（超过 2 KB），请拆分成多个文件后分别导入"));
        }
        assertThat(batches).isEmpty();
    }

    @Test
    void asksTheSchoolAndFeedsTheSinkInBatchesAndReportsProgress() throws IOException {
        Path file = file(2_500, 1);
        List<Integer> progress = new ArrayList<>();

        ImportReport report = new RegistrantImporter(school)
                .importFile(file, sink, ImportOptions.defaults().withProgress(progress::add));

        assertThat(report.totalRows()).isEqualTo(2_500);
        assertThat(report.importedRows()).isEqualTo(2_500);
        assertThat(batches).containsExactly(1_000, 1_000, 500);
        assertThat(school.numberCalls).containsExactly(1_000, 1_000, 500);
        assertThat(school.phoneCalls).containsExactly(1_000, 1_000, 500);
        assertThat(school.departmentLookups).containsExactly("计算机学院");
        assertThat(progress).containsExactly(1_000, 2_000, 2_500);
        assertThat(imported.get(2_499).rowNumber()).isEqualTo(2_501);
    }

    @Test
    void stopsBetweenBatchesWhenCancelled() throws IOException {
        Path file = file(2_500, 1);
        AtomicBoolean cancel = new AtomicBoolean();
        ImportSink cancellingSink = batch -> {
            sink.accept(batch);
            cancel.set(true);
        };

        ImportReport report = new RegistrantImporter(school)
                .importFile(file, cancellingSink, ImportOptions.defaults().withCancellation(cancel::get));

        assertThat(report.cancelled()).isTrue();
        assertThat(report.totalRows()).isEqualTo(1_000);
        assertThat(report.importedRows()).isEqualTo(1_000);
        assertThat(batches).containsExactly(1_000);
    }

    @Test
    void keepsTheReportBoundedButWritesEveryProblemRow() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (int i = 1; i <= 5; i++) {
            rows.add(person("学生" + i, "S" + i, "123"));
        }
        Path problems = dir.resolve("problems.xlsx");

        ImportReport report = new RegistrantImporter(school)
                .importFile(
                        file(rows),
                        sink,
                        ImportOptions.defaults().withMaxReportedProblems(3).withProblemRowsFile(problems));

        assertThat(report.rejectedRows()).isEqualTo(5);
        assertThat(report.problems()).hasSize(3);
        assertThat(report.problemsTruncated()).isTrue();
        List<List<String>> written = Sheets.values(Sheets.read(problems, ProblemRowsWorkbook.SHEET_NAME, 9));
        assertThat(written).hasSize(6);
        assertThat(written.get(5).get(8)).isEqualTo("第 6 行「手机号」：手机号格式不正确");
    }

    @Test
    void writesNoProblemFileWhenEveryRowIsGood() throws IOException {
        Path problems = dir.resolve("none.xlsx");

        ImportReport report = new RegistrantImporter(school)
                .importFile(file(3, 1), sink, ImportOptions.defaults().withProblemRowsFile(problems));

        assertThat(report.rejectedRows()).isZero();
        assertThat(problems).doesNotExist();
    }

    @Test
    void theFirstRowClaimsANumberEvenWhenItIsRejected() throws IOException {
        Path file = file(List.of(
                HEADERS, person("张三", "S1", "123"), person("李四", "S1", "13800138001"), person("王五", "S2", "123")));

        ImportReport report = importing(file);

        assertThat(report.problems().stream().map(RowProblem::text))
                .containsExactly("第 2 行「手机号」：手机号格式不正确", "第 3 行「学号/工号」：学号/工号与第 2 行重复", "第 4 行「手机号」：手机号格式不正确");
        assertThat(imported).isEmpty();
    }

    @Test
    void checksLengthsCharactersTypesAndCells() throws IOException {
        String longName = "张".repeat(51);
        Path file = file(List.of(
                HEADERS,
                row(longName, "学生", "本科生", "S 01", 8613800138000d, "12345", "保卫处", "后勤处"),
                row("李四", "TEACHER", null, "S".repeat(33), "13800138002", "12345Y", FormulaError.NA, null),
                row("王五", "third_party", null, "-1", "13800138003", null, "计算机学院", "保卫处"),
                row("赵六", "resident", null, "R1", "13800138004", null, "计算机学院", null)));

        ImportReport report = importing(file);

        assertThat(report.problems().stream().map(RowProblem::text))
                .containsExactly(
                        "第 2 行「姓名」：姓名不能超过 50 个字符",
                        "第 2 行「身份类型」：身份「学生」下没有身份类型「本科生」",
                        "第 2 行「学号/工号」：学号/工号只能包含字母、数字、-、_，且须以字母或数字开头",
                        "第 2 行「身份证后六位」：身份证后六位应为 6 位：前 5 位为数字，最后一位为数字或 X",
                        "第 2 行「被分管部门」：被分管部门「后勤处」不存在",
                        "第 3 行「学号/工号」：学号/工号不能超过 32 个字符",
                        "第 3 行「身份证后六位」：身份证后六位应为 6 位：前 5 位为数字，最后一位为数字或 X",
                        "第 3 行「部门/单位」：单元格包含错误值 #N/A",
                        "第 4 行「学号/工号」：学号/工号只能包含字母、数字、-、_，且须以字母或数字开头",
                        "第 5 行「身份」：本校未开通「居民」身份");
        assertThat(report.rejectedRows()).isEqualTo(4);
    }

    @Test
    void acceptsANameWithSpacesAndAPhoneStoredAsANumberWithCountryCode() throws IOException {
        Path file = file(List.of(HEADERS, row(" 阿卜杜拉·买买提 ", "学生", null, "S1", 8613800138000d, null, "计算机学院", "保卫处")));

        importing(file);

        assertThat(imported).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("阿卜杜拉·买买提");
            assertThat(r.phone().value()).isEqualTo("13800138000");
            assertThat(r.managedDepartmentId()).isEqualTo(12L);
        });
    }

    @Test
    void failuresOfTheSinkOrTheSchoolPassThroughUnchanged() throws IOException {
        Path file = file(3, 1);
        IllegalStateException down = new IllegalStateException("database down");

        assertThatThrownBy(() -> new RegistrantImporter(school).importFile(file, batch -> {
                    throw down;
                }))
                .isSameAs(down);

        FakeSchool broken = new FakeSchool() {
            @Override
            public Set<String> existingNumbers(Collection<String> numbers) {
                throw down;
            }
        };
        assertThatThrownBy(() -> new RegistrantImporter(broken).importFile(file, sink))
                .isSameAs(down);
    }

    @Test
    void importsFromAStream() throws IOException {
        byte[] bytes = Files.readAllBytes(file(3, 1));

        ImportReport report = new RegistrantImporter(school)
                .importStream(new ByteArrayInputStream(bytes), sink, ImportOptions.defaults());

        assertThat(report.importedRows()).isEqualTo(3);
    }

    private void assertRejectedAsInvalid(Path file, String message) {
        assertThatThrownBy(() -> importing(file)).isInstanceOfSatisfying(ImportRejected.class, e -> {
            assertThat(e.code()).isEqualTo(ImportRejected.Code.IMPORT_FILE_INVALID);
            if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
            }
        });
        assertThat(batches).isEmpty();
    }

    private static List<String> causes(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
        }
        return messages;
    }
}
