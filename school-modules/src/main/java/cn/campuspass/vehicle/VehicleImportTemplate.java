package cn.campuspass.vehicle;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The vehicle registration import template (A4.4 b): one sheet 车辆备案 with the columns below (required ones marked
 * *), drop-downs for type and relation, every column formatted as text (so 学号 and dates keep their form), an
 * example row and a notes sheet.
 */
final class VehicleImportTemplate {

    static final String DATA_SHEET = "车辆备案";

    enum Column {
        TYPE("车辆类型", true),
        PLATE("号牌号码", true),
        OWNER("车辆所有人", true),
        RELATION("备案人与车主关系", true),
        NUMBER("备案人学号/工号", true),
        VALIDITY("有效期", false);

        final String label;
        final boolean required;

        Column(String label, boolean required) {
            this.label = label;
            this.required = required;
        }

        String header() {
            return required ? label + "*" : label;
        }

        /** A header cell as an admin may have typed it: with or without the star, spaces ignored. */
        static Optional<Column> byHeader(String text) {
            String t =
                    text == null ? "" : text.replace("*", "").replace("＊", "").strip();
            return Arrays.stream(values()).filter(c -> c.label.equals(t)).findFirst();
        }
    }

    private VehicleImportTemplate() {}

    static void write(OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet(DATA_SHEET);
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            CellStyle head = workbook.createCellStyle();
            head.cloneStyleFrom(text);
            Font bold = workbook.createFont();
            bold.setBold(true);
            head.setFont(bold);
            Row header = sheet.createRow(0);
            Row example = sheet.createRow(1);
            List<String> sample = List.of("机动车", "粤B12345", "张三", "本人", "2026000001", "");
            for (Column c : Column.values()) {
                sheet.setDefaultColumnStyle(c.ordinal(), text);
                sheet.setColumnWidth(c.ordinal(), 20 * 256);
                Cell cell = header.createCell(c.ordinal());
                cell.setCellValue(c.header());
                cell.setCellStyle(head);
                Cell value = example.createCell(c.ordinal());
                value.setCellValue(sample.get(c.ordinal()));
                value.setCellStyle(text);
            }
            sheet.createFreezePane(0, 1);
            DataValidationHelper helper = sheet.getDataValidationHelper();
            sheet.addValidationData(helper.createValidation(
                    helper.createExplicitListConstraint(new String[] {"机动车", "电动自行车"}),
                    new CellRangeAddressList(1, 10_000, Column.TYPE.ordinal(), Column.TYPE.ordinal())));
            sheet.addValidationData(helper.createValidation(
                    helper.createExplicitListConstraint(Arrays.stream(OwnerRelation.values())
                            .map(OwnerRelation::label)
                            .toArray(String[]::new)),
                    new CellRangeAddressList(1, 10_000, Column.RELATION.ordinal(), Column.RELATION.ordinal())));
            XSSFSheet notes = workbook.createSheet("填写说明");
            String[] lines = {
                "1. 带 * 的列必须填写；请从第 2 行开始填写，示例行可直接覆盖。",
                "2. 车辆类型：机动车 或 电动自行车。",
                "3. 号牌号码：机动车填写完整号牌（如 粤B12345、粤BD12345），全角、小写和空格会自动规范；电动自行车按当地号牌填写。",
                "4. 备案人与车主关系：本人、配偶、父母、子女、亲属、朋友、单位、其他。",
                "5. 备案人学号/工号：须为本校已有备案人。",
                "6. 有效期：仅电动自行车填写，长期有效 或 日期（如 2027-12-31）；不填视为长期有效。",
                "7. 导入的车辆备案直接为已通过状态；同一号牌在本校只能备案一次。"
            };
            for (int i = 0; i < lines.length; i++) {
                notes.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            notes.setColumnWidth(0, 110 * 256);
            workbook.write(out);
        }
    }
}
