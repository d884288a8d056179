package cn.campuspass.registrant.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrantImportTemplateTest {

    @TempDir
    static Path dir;

    static Path template;

    @BeforeAll
    static void write() throws IOException {
        template = dir.resolve("template.xlsx");
        try (OutputStream out = Files.newOutputStream(template)) {
            RegistrantImportTemplate.write(out);
        }
    }

    @Test
    void hasTheHeaderRowAndNothingElse() throws IOException {
        assertThat(Sheets.values(Sheets.read(template, RegistrantImportTemplate.DATA_SHEET, 8)))
                .containsExactly(List.of("姓名*", "身份*", "身份类型", "学号/工号*", "手机号*", "身份证后六位", "部门/单位*", "被分管部门"));
    }

    @Test
    void offersTheIdentitiesAsADropdownAndChecksTheIdTailLength() throws Exception {
        // A small file read in a test: the XSSF usermodel is fine here (it is what exposes data validations), opened
        // read-only so that closing it cannot rewrite the file.
        try (OPCPackage pkg = OPCPackage.open(template.toFile(), PackageAccess.READ);
                XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            XSSFSheet sheet = workbook.getSheet(RegistrantImportTemplate.DATA_SHEET);
            List<? extends DataValidation> validations = sheet.getDataValidations();
            assertThat(validations).hasSize(2);

            DataValidation identity = validations.stream()
                    .filter(v -> v.getValidationConstraint().getValidationType()
                            == DataValidationConstraint.ValidationType.LIST)
                    .findFirst()
                    .orElseThrow();
            assertThat(identity.getValidationConstraint().getExplicitListValues())
                    .containsExactly("学生", "教师", "第三方服务人员", "居民");
            assertThat(identity.getRegions().getCellRangeAddresses())
                    .containsExactly(CellRangeAddress.valueOf("B2:B1048576"));
            assertThat(identity.getShowErrorBox()).isTrue();
            assertThat(identity.getErrorStyle()).isEqualTo(DataValidation.ErrorStyle.STOP);

            DataValidation idTail = validations.stream()
                    .filter(v -> v.getValidationConstraint().getValidationType()
                            == DataValidationConstraint.ValidationType.TEXT_LENGTH)
                    .findFirst()
                    .orElseThrow();
            assertThat(idTail.getRegions().getCellRangeAddresses())
                    .containsExactly(CellRangeAddress.valueOf("F2:F1048576"));
            assertThat(idTail.getValidationConstraint().getFormula1()).isEqualTo("6");

            // Text format, so that Excel keeps leading zeros and long digit strings as typed.
            for (int column = 0; column < 8; column++) {
                assertThat(sheet.getColumnStyle(column).getDataFormatString())
                        .as("column %d", column)
                        .isEqualTo("@");
            }
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        }
    }

    @Test
    void explainsEveryColumnInChinese() throws IOException {
        List<List<String>> help = Sheets.values(Sheets.read(template, RegistrantImportTemplate.HELP_SHEET, 4));
        assertThat(help.get(0)).containsExactly("列名", "是否必填", "填写说明", "示例");
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            columns.add(help.get(i).get(0));
        }
        assertThat(columns).containsExactly("姓名", "身份", "身份类型", "学号/工号", "手机号", "身份证后六位", "部门/单位", "被分管部门");
        assertThat(help.get(2).get(2)).contains("学生、教师、第三方服务人员、居民");
        assertThat(help.get(6).get(2)).contains("前 5 位为数字，最后一位为数字或 X");
        assertThat(help.get(5).get(2)).contains("11 位手机号");
        assertThat(help.stream().map(r -> r.get(0))).anyMatch(note -> note.contains("全部校区的全部校门不允许出入"));
    }

    @Test
    void theEmptyTemplateImportsWithoutRows() {
        ImportReport report = new RegistrantImporter(new FakeSchool()).importFile(template, batch -> {
            throw new AssertionError("no rows expected");
        });
        assertThat(report.totalRows()).isZero();
        assertThat(report.problems()).isEmpty();
    }
}
