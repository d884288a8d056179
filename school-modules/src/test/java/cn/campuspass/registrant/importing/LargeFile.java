package cn.campuspass.registrant.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A large import file written with SXSSF; every 1,000th data row has a bad phone. With {@code sharedStrings} the
 * texts go to a shared-strings table as Excel writes them (the table the streaming reader keeps in memory: the worst
 * case for the reader's heap, but slow to write with POI); without, they are inline strings (quick to write).
 */
final class LargeFile {

    private LargeFile() {}

    static int badRows(int rows) {
        return rows / 1_000;
    }

    static Path write(Path file, int rows, boolean sharedStrings) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, true, sharedStrings);
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet(RegistrantImportTemplate.DATA_SHEET);
            Row header = sheet.createRow(0);
            int c = 0;
            for (String h : RegistrantImportTemplate.headers()) {
                header.createCell(c++).setCellValue(h);
            }
            for (int i = 1; i <= rows; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue("测试学生" + i);
                row.createCell(1).setCellValue(i % 10 == 0 ? "教师" : "学生");
                row.createCell(3).setCellValue(String.format("S%07d", i));
                row.createCell(4).setCellValue(i % 1_000 == 0 ? "123" : String.format("139%08d", i));
                row.createCell(5).setCellValue(String.format("%05dX", i % 100_000));
                row.createCell(6).setCellValue(i % 2 == 0 ? "计算机学院" : "保卫处");
            }
            workbook.write(out);
        }
        return file;
    }
}
