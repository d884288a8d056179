package cn.campuspass.registrant.importing;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Writing small test workbooks with POI and reading workbooks back with the streaming reader. */
final class Sheets {

    private Sheets() {}

    /** Strings become string cells, numbers numeric cells, {@link FormulaError}s error cells, nulls no cell. */
    static Path write(Path file, List<List<Object>> rows) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100);
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("备案人");
            for (int r = 0; r < rows.size(); r++) {
                List<Object> values = rows.get(r);
                if (values == null) {
                    continue;
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (value instanceof FormulaError error) {
                        row.createCell(c).setCellErrorValue(error.getCode());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
        }
        return file;
    }

    /** A cell as read back. */
    record Read(CellType type, String value, boolean quotePrefixed) {}

    /** Every row of the sheet (rows without cells are left out), each padded to {@code width} cells. */
    static List<List<Read>> read(Path file, String sheetName, int width) throws IOException {
        List<List<Read>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                Workbook workbook = StreamingReader.builder().rowCacheSize(100).open(in)) {
            Sheet sheet = workbook.getSheet(sheetName);
            for (Row row : sheet) {
                List<Read> cells = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    cells.add(new Read(CellType.BLANK, "", false));
                }
                for (Cell cell : row) {
                    String value = cell.getCellType() == CellType.NUMERIC
                            ? String.valueOf(cell.getNumericCellValue())
                            : cell.getStringCellValue();
                    cells.set(
                            cell.getColumnIndex(),
                            new Read(
                                    cell.getCellType(),
                                    value,
                                    cell.getCellStyle().getQuotePrefixed()));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    static List<List<String>> values(List<List<Read>> rows) {
        return rows.stream()
                .map(cells -> cells.stream().map(Read::value).toList())
                .toList();
    }
}
