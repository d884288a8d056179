package cn.campuspass.registrant.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The Excel template a school admin downloads to import registrants (A4.2 d): sheet 备案人 with the header row only
 * (no sample row that could be imported by mistake), and sheet 填写说明 explaining each column.
 */
public final class RegistrantImportTemplate {

    public static final String DATA_SHEET = "备案人";
    public static final String HELP_SHEET = "填写说明";

    private static final int LAST_ROW = SpreadsheetVersion.EXCEL2007.getLastRowIndex();

    private RegistrantImportTemplate() {}

    /** The data sheet's header cells in template order: 姓名*, 身份*, 身份类型, 学号/工号*, ... */
    public static List<String> headers() {
        return Arrays.stream(TemplateColumn.values())
                .map(TemplateColumn::header)
                .toList();
    }

    /** Writes the template as .xlsx; does not close {@code out}. */
    public static void write(OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, false)) {
            writeDataSheet(workbook);
            writeHelpSheet(workbook);
            workbook.write(out);
        }
    }

    private static void writeDataSheet(SXSSFWorkbook workbook) {
        Sheet sheet = workbook.createSheet(DATA_SHEET);
        short textFormat = workbook.createDataFormat().getFormat("@");
        CellStyle text = workbook.createCellStyle();
        text.setDataFormat(textFormat);
        CellStyle required = headerStyle(workbook, textFormat, IndexedColors.RED);
        CellStyle optional = headerStyle(workbook, textFormat, IndexedColors.BLACK);

        Row header = sheet.createRow(0);
        for (TemplateColumn column : TemplateColumn.values()) {
            int i = column.ordinal();
            // Every column is text-formatted: Excel then keeps what is typed (leading zeros in 学号 and ID tails,
            // 11-digit phones instead of 1.38E+10, department names that look like dates).
            sheet.setDefaultColumnStyle(i, text);
            sheet.setColumnWidth(
                    i,
                    (column == TemplateColumn.DEPARTMENT || column == TemplateColumn.MANAGED_DEPARTMENT ? 22 : 16)
                            * 256);
            Cell cell = header.createCell(i);
            cell.setCellValue(column.header());
            cell.setCellStyle(column.required ? required : optional);
        }
        sheet.createFreezePane(0, 1);

        DataValidationHelper helper = sheet.getDataValidationHelper();
        DataValidationConstraint identities =
                helper.createExplicitListConstraint(IdentityLabels.labels().toArray(String[]::new));
        DataValidation identity = helper.createValidation(identities, column(TemplateColumn.IDENTITY));
        identity.setErrorStyle(DataValidation.ErrorStyle.STOP);
        identity.setShowErrorBox(true);
        identity.createErrorBox("身份填写错误", "请从下拉列表中选择：学生、教师、第三方服务人员、居民");
        identity.setSuppressDropDownArrow(true);
        sheet.addValidationData(identity);

        DataValidationConstraint six =
                helper.createTextLengthConstraint(DataValidationConstraint.OperatorType.EQUAL, "6", null);
        DataValidation idTail = helper.createValidation(six, column(TemplateColumn.ID_TAIL));
        idTail.setErrorStyle(DataValidation.ErrorStyle.STOP);
        idTail.setShowErrorBox(true);
        idTail.createErrorBox("身份证后六位填写错误", "请填写身份证号码的最后 6 位：前 5 位为数字，最后一位为数字或 X");
        idTail.setShowPromptBox(true);
        idTail.createPromptBox("身份证后六位", "选填。前 5 位为数字，最后一位为数字或 X");
        sheet.addValidationData(idTail);
    }

    private static CellRangeAddressList column(TemplateColumn column) {
        return new CellRangeAddressList(1, LAST_ROW, column.ordinal(), column.ordinal());
    }

    private static CellStyle headerStyle(SXSSFWorkbook workbook, short textFormat, IndexedColors color) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(textFormat);
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        Font font = workbook.createFont();
        font.setBold(true);
        font.setColor(color.getIndex());
        style.setFont(font);
        return style;
    }

    private static void writeHelpSheet(SXSSFWorkbook workbook) {
        Sheet sheet = workbook.createSheet(HELP_SHEET);
        CellStyle bold = workbook.createCellStyle();
        Font font = workbook.createFont();
        font.setBold(true);
        bold.setFont(font);
        CellStyle wrap = workbook.createCellStyle();
        wrap.setWrapText(true);
        short textFormat = workbook.createDataFormat().getFormat("@");
        wrap.setDataFormat(textFormat);
        sheet.setColumnWidth(0, 16 * 256);
        sheet.setColumnWidth(1, 10 * 256);
        sheet.setColumnWidth(2, 70 * 256);
        sheet.setColumnWidth(3, 16 * 256);

        int r = 0;
        r = line(sheet, r, bold, wrap, "列名", "是否必填", "填写说明", "示例");
        for (String[] help : COLUMN_HELP) {
            r = line(sheet, r, null, wrap, help);
        }
        r++;
        r = line(sheet, r, bold, wrap, "注意事项");
        for (String note : NOTES) {
            r = line(sheet, r, null, wrap, note);
        }
    }

    private static int line(Sheet sheet, int r, CellStyle first, CellStyle rest, String... values) {
        Row row = sheet.createRow(r);
        for (int i = 0; i < values.length; i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(values[i]);
            cell.setCellStyle(first != null ? first : rest);
        }
        return r + 1;
    }

    private static final String[][] COLUMN_HELP = {
        {"姓名", "必填", "备案人的真实姓名，不超过 50 个字符。", "张三"},
        {"身份", "必填", "从下拉列表中选择：学生、教师、第三方服务人员、居民。须为本校已开通的身份（教师身份始终开通）。", "学生"},
        {"身份类型", "选填", "本校在“备案人身份类型”中为该身份设置的类型名称，如教师的“专任教师”。不填则不设类型。", "专任教师"},
        {"学号/工号", "必填", "学生填学号，教职工填工号，其他人员填本校分配的编号。只能包含字母、数字、-、_，以字母或数字开头，不超过 32 个字符；在本校内不能重复。", "2023000123"},
        {"手机号", "必填", "中国大陆 11 位手机号，可带 +86、空格或短横线；在本校内不能重复。", "13800138000"},
        {"身份证后六位", "选填", "身份证号码的最后 6 位：前 5 位为数字，最后一位为数字或 X（小写 x 会自动转为大写）。", "12345X"},
        {"部门/单位", "必填", "本校已建立的部门或单位名称，须与系统中的名称一致。", "计算机学院"},
        {"被分管部门", "选填", "该备案人分管的部门名称，须为本校已建立的部门。", "保卫处"},
    };

    private static final String[] NOTES = {
        "1. 请在“备案人”工作表中填写，第一行表头请勿修改或删除；表头带 * 的列为必填。列的顺序可以调整，多余的列会被忽略。",
        "2. 学号/工号、手机号、身份证后六位等列已设置为文本格式，请勿改为数字格式，以免丢失开头的 0。",
        "3. 空行会被忽略。同一文件中学号/工号或手机号重复时，只导入第一次出现的行，其余行作为问题数据。",
        "4. 填写正确的行会被导入，有问题的行不会导入；导入完成后可下载问题数据，按“错误原因”修改后重新导入。",
        "5. 导入成功的备案人，出入规则默认为：全部校区的全部校门不允许出入，需另行设置出入规则。",
        "6. 仅支持 .xlsx 格式的文件（Excel 2007 及以上版本），不支持 .xls 和带密码的文件。",
    };
}
