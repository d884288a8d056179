package cn.campuspass.registrant.importing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.school.Identity;
import cn.campuspass.platform.school.PhoneNumber;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.CellType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports a fixture written by openpyxl (not POI), generated fresh by {@code importing/make_fixture.py}, and checks
 * the outcome of every row. Needs Debian's python3-openpyxl ({@code ops/install-test-tools.sh} installs it).
 */
class RegistrantImporterFixtureTest {

    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;

    static Path fixture;
    static Path problemRows;
    static FakeSchool school;
    static List<RegistrantRow> imported;
    static ImportReport report;
    static byte[] fixtureBytes;

    @BeforeAll
    static void importFixture() throws Exception {
        fixture = makeFixture(dir.resolve("fixture.xlsx"));
        fixtureBytes = Files.readAllBytes(fixture);
        problemRows = dir.resolve("problems.xlsx");
        school = new FakeSchool();
        imported = new ArrayList<>();
        report = new RegistrantImporter(school)
                .importFile(fixture, imported::addAll, ImportOptions.defaults().withProblemRowsFile(problemRows));
    }

    static Path makeFixture(Path out) throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(RegistrantImporterFixtureTest.class
                .getResource("/importing/make_fixture.py")
                .toURI());
        Process process = new ProcessBuilder(PYTHON, script.toString(), out.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(
                        "make_fixture.py failed (is python3-openpyxl installed? see ops/install-test-tools.sh):%n%s",
                        output)
                .isZero();
        return out;
    }

    @Test
    void countsNonBlankRowsAndSkipsBlankOnes() {
        // Rows 2-19 minus the blank rows 4 (no cells), 5 (only spaces) and 18 (only the unknown column 备注).
        assertThat(report.totalRows()).isEqualTo(15);
        assertThat(report.importedRows()).isEqualTo(6);
        assertThat(report.rejectedRows()).isEqualTo(9);
        assertThat(report.problemsTruncated()).isFalse();
        assertThat(report.cancelled()).isFalse();
    }

    @Test
    void importsTheGoodRowsNormalised() {
        assertThat(imported)
                .containsExactly(
                        // text 学号 keeps its zeros, numeric phone without ".0", lower-case x made upper
                        new RegistrantRow(
                                "张三", Identity.STUDENT, null, "000123", phone("13800138000"), "12345X", 11L, null, 2),
                        // +86 and dashes, a numeric 学号 as plain digits, teacher type and managed department
                        new RegistrantRow(
                                "李四", Identity.TEACHER, 101L, "20230001", phone("13800138001"), "12345X", 12L, 11L, 3),
                        // full-width letters, digits and spaces made half-width
                        new RegistrantRow(
                                "John Smith",
                                Identity.THIRD_PARTY,
                                null,
                                "TP001",
                                phone("13800138002"),
                                "12345X",
                                13L,
                                null,
                                6),
                        // phone stored as a float, numeric 工号 and ID tail
                        new RegistrantRow(
                                "孙八", Identity.TEACHER, 102L, "900001", phone("13800138007"), "123456", 12L, null, 12),
                        // English identity name, department trimmed
                        new RegistrantRow(
                                "陈五", Identity.STUDENT, null, "S0017", phone("13800138009"), null, 11L, null, 17),
                        // ID tail stored as the number 12345 shown through a 000000 format
                        new RegistrantRow(
                                "褚六", Identity.STUDENT, null, "S0019", phone("13800138010"), "012345", 11L, null, 19));
    }

    @Test
    void reportsEveryProblemOfEveryBadRow() {
        assertThat(report.problems().stream().map(RowProblem::text))
                .containsExactly(
                        "第 7 行「学号/工号」：学号/工号与第 2 行重复",
                        "第 8 行「部门/单位」：部门/单位「不存在学院」不存在",
                        "第 9 行「身份」：本校未开通「居民」身份",
                        // Decision: a formula-looking name is rejected (no real name starts with = + - @).
                        "第 10 行「姓名」：姓名不能以 =、+、-、@ 开头",
                        "第 11 行「姓名」：姓名不能为空",
                        "第 11 行「身份」：身份「学霸」无效，应为学生、教师、第三方服务人员或居民",
                        "第 11 行「学号/工号」：学号/工号不能为空",
                        "第 11 行「手机号」：手机号格式不正确",
                        "第 11 行「身份证后六位」：身份证后六位应为 6 位：前 5 位为数字，最后一位为数字或 X",
                        "第 11 行「部门/单位」：部门/单位不能为空",
                        "第 13 行「手机号」：手机号与第 2 行重复",
                        "第 14 行「学号/工号」：学号/工号「T0001」已存在",
                        "第 14 行「手机号」：手机号已被本校其他备案人绑定",
                        "第 15 行「身份类型」：身份「教师」下没有身份类型「博士后」",
                        "第 16 行「学号/工号」：单元格是没有计算结果的公式，请改为直接填写内容");
        assertThat(report.problems().get(0)).isEqualTo(new RowProblem(7, "学号/工号", "学号/工号与第 2 行重复"));
    }

    @Test
    void asksTheSchoolInOneBatchAndLooksEachDepartmentUpOnce() {
        // Distinct well-formed values of the one batch: 000123 appears twice, row 13 repeats row 2's phone.
        assertThat(school.numberCalls).containsExactly(12);
        assertThat(school.phoneCalls).containsExactly(13);
        assertThat(school.departmentLookups).doesNotHaveDuplicates();
    }

    @Test
    void writesTheRejectedRowsAsTypedWithTheirReasons() throws IOException {
        List<List<Sheets.Read>> rows = Sheets.read(problemRows, ProblemRowsWorkbook.SHEET_NAME, 10);
        assertThat(Sheets.values(rows))
                .containsExactly(
                        List.of("手机号 *", "姓名＊", " 学号／工号 *", "身份", "身份类型", "备注", "部门/单位*", "身份证后六位", "被分管部门", "错误原因"),
                        List.of(
                                "13800138003",
                                "王五",
                                "000123",
                                "学生",
                                "",
                                "",
                                "计算机学院",
                                "",
                                "",
                                "第 7 行「学号/工号」：学号/工号与第 2 行重复"),
                        List.of(
                                "13800138004",
                                "赵六",
                                "S0008",
                                "学生",
                                "",
                                "",
                                "不存在学院",
                                "",
                                "",
                                "第 8 行「部门/单位」：部门/单位「不存在学院」不存在"),
                        List.of("13800138005", "钱七", "R0009", "居民", "", "", "计算机学院", "", "", "第 9 行「身份」：本校未开通「居民」身份"),
                        List.of(
                                "13800138006",
                                "=HYPERLINK(\"http://x.example/\",\"点我\")",
                                "S0010",
                                "学生",
                                "",
                                "",
                                "计算机学院",
                                "",
                                "",
                                "第 10 行「姓名」：姓名不能以 =、+、-、@ 开头"),
                        List.of(
                                "12345",
                                "",
                                "",
                                "学霸",
                                "",
                                "多处错误",
                                "",
                                "1234567",
                                "",
                                "第 11 行「姓名」：姓名不能为空；第 11 行「身份」：身份「学霸」无效，应为学生、教师、第三方服务人员或居民；"
                                        + "第 11 行「学号/工号」：学号/工号不能为空；第 11 行「手机号」：手机号格式不正确；"
                                        + "第 11 行「身份证后六位」：身份证后六位应为 6 位：前 5 位为数字，最后一位为数字或 X；"
                                        + "第 11 行「部门/单位」：部门/单位不能为空"),
                        List.of(
                                "138 0013 8000",
                                "周一",
                                "S0013",
                                "学生",
                                "",
                                "",
                                "计算机学院",
                                "",
                                "",
                                "第 13 行「手机号」：手机号与第 2 行重复"),
                        List.of(
                                "13900000000",
                                "吴二",
                                "T0001",
                                "教师",
                                "",
                                "",
                                "保卫处",
                                "",
                                "",
                                "第 14 行「学号/工号」：学号/工号「T0001」已存在；第 14 行「手机号」：手机号已被本校其他备案人绑定"),
                        List.of(
                                "13800138015",
                                "郑三",
                                "T0015",
                                "教师",
                                "博士后",
                                "",
                                "保卫处",
                                "",
                                "",
                                "第 15 行「身份类型」：身份「教师」下没有身份类型「博士后」"),
                        List.of(
                                "13800138016",
                                "冯四",
                                "=\"S\"&\"0016\"",
                                "学生",
                                "",
                                "",
                                "计算机学院",
                                "",
                                "",
                                "第 16 行「学号/工号」：单元格是没有计算结果的公式，请改为直接填写内容"));

        // Everything is a string cell; formula-looking values are quote-prefixed so editing keeps them text.
        assertThat(rows.stream().flatMap(List::stream).map(Sheets.Read::type))
                .containsOnly(CellType.STRING, CellType.BLANK);
        Sheets.Read hyperlink = rows.get(4).get(1);
        assertThat(hyperlink.type()).isEqualTo(CellType.STRING);
        assertThat(hyperlink.quotePrefixed()).isTrue();
        assertThat(rows.get(9).get(2).quotePrefixed()).isTrue();
        assertThat(rows.get(1).get(1).quotePrefixed()).isFalse();
    }

    @Test
    void theProblemRowsCanBeImportedAgainAfterFixing() {
        // The workbook keeps the uploaded headers; 错误原因 is just an unknown column to the reader.
        FakeSchool fixed = new FakeSchool();
        fixed.departments.put("不存在学院", 14L);
        List<RegistrantRow> again = new ArrayList<>();
        ImportReport second = new RegistrantImporter(fixed).importFile(problemRows, again::addAll);
        assertThat(second.totalRows()).isEqualTo(9);
        // Rows of the problem file: 王五 and 周一 are no longer duplicates there, 赵六's department now exists.
        assertThat(again).extracting(RegistrantRow::rowNumber).containsExactly(2, 3, 7);
        assertThat(second.rejectedRows()).isEqualTo(6);
    }

    @Test
    void leavesTheUploadedFileAsItWas() throws IOException {
        assertThat(Files.readAllBytes(fixture)).isEqualTo(fixtureBytes);
    }

    private static PhoneNumber phone(String digits) {
        return new PhoneNumber(digits);
    }
}
