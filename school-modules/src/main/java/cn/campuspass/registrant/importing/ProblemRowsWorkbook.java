package cn.campuspass.registrant.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The rejected rows of an import, as the admin typed them, with a last column 错误原因 — to fix and import again
 * (the reader accepts it: its headers are the uploaded file's, and 错误原因 is just an extra column).
 *
 * <p>Streams: SXSSF keeps a small window of rows in memory and the rest in a compressed temporary file, so any number
 * of rejected rows fits in bounded memory. {@link #close()} deletes the temporary file.
 *
 * <p>Every cell is written as a text cell in a text-formatted column, so 学号 and phones keep their leading zeros
 * and nothing is a formula. Values that a spreadsheet would take for a formula when edited (starting with = + - @
 * TAB CR) are additionally marked quote-prefixed, which makes Excel keep them as text even after editing the cell.
 */
public final class ProblemRowsWorkbook implements Closeable {

    public static final String SHEET_NAME = "问题数据";
    public static final String REASON_HEADER = "错误原因";

    private static final int WINDOW = 100;
    private static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final SXSSFWorkbook workbook;
    private final SXSSFSheet sheet;
    private final CellStyle text;
    private final CellStyle quoted;
    private final int columns;
    private int rows;

    /** @param headers the uploaded file's header cells, in their order */
    public ProblemRowsWorkbook(List<String> headers) {
        this.workbook = new SXSSFWorkbook(null, WINDOW, true, false);
        this.sheet = workbook.createSheet(SHEET_NAME);
        this.columns = headers.size();
        short textFormat = workbook.createDataFormat().getFormat("@");
        this.text = workbook.createCellStyle();
        text.setDataFormat(textFormat);
        this.quoted = workbook.createCellStyle();
        quoted.setDataFormat(textFormat);
        quoted.setQuotePrefixed(true);
        CellStyle head = workbook.createCellStyle();
        head.setDataFormat(textFormat);
        Font bold = workbook.createFont();
        bold.setBold(true);
        head.setFont(bold);

        Row header = sheet.createRow(0);
        for (int i = 0; i <= columns; i++) {
            sheet.setDefaultColumnStyle(i, text);
            sheet.setColumnWidth(i, (i == columns ? 60 : 18) * 256);
            Cell cell = header.createCell(i);
            cell.setCellValue(cut(i == columns ? REASON_HEADER : headers.get(i)));
            cell.setCellStyle(head);
        }
        sheet.createFreezePane(0, 1);
    }

    /**
     * Adds one rejected row.
     *
     * @param values the row's cells in header order, as read (null or missing entries are written empty)
     */
    public void add(List<String> values, List<RowProblem> problems) {
        Row row = sheet.createRow(++rows);
        for (int i = 0; i < columns; i++) {
            String value = i < values.size() ? values.get(i) : null;
            if (value != null && !value.isEmpty()) {
                put(row, i, value);
            }
        }
        put(row, columns, problems.stream().map(RowProblem::text).collect(Collectors.joining("；")));
    }

    /** Rejected rows added so far. */
    public int rowCount() {
        return rows;
    }

    /** Writes the workbook; call once, then {@link #close()}. */
    public void writeTo(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }

    private void put(Row row, int column, String value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(cut(value));
        cell.setCellStyle(Text.looksLikeFormula(value) ? quoted : text);
    }

    private static String cut(String value) {
        return value.length() <= MAX_CELL_CHARS ? value : value.substring(0, MAX_CELL_CHARS);
    }
}
