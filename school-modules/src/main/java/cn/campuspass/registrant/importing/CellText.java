package cn.campuspass.registrant.importing;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;

/**
 * What a cell says, as text, whatever Excel stored: numbers become plain digits (13800138000, not 1.38E10 or
 * 13800138000.0), a number shown with leading zeros through a "000000" format keeps them, and a formula counts
 * with its cached result, which is what the admin saw; a formula without a cached result is a problem, not a blank.
 *
 * @param raw the cell as the admin would recognise it, for the problem-rows workbook (not normalised)
 * @param text the value to validate (still to be normalised per column)
 * @param problem why the cell cannot be used at all, or null
 */
public record CellText(String raw, String text, String problem) {

    static final CellText BLANK = new CellText("", "", null);

    private static final Pattern ZERO_PADDING = Pattern.compile("0+");

    /** Empty or only spaces of any kind (a cell holding a no-break space is as empty as one holding nothing). */
    public boolean blank() {
        return problem == null && Text.clean(text).isEmpty();
    }

    public static CellText of(Cell cell) {
        if (cell == null) {
            return BLANK;
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            return formula(cell);
        }
        return value(cell, type);
    }

    private static CellText value(Cell cell, CellType type) {
        return switch (type) {
            case STRING -> plain(cell.getStringCellValue());
            case NUMERIC -> plain(number(cell.getNumericCellValue(), format(cell)));
            case BOOLEAN -> plain(cell.getBooleanCellValue() ? "TRUE" : "FALSE");
            case ERROR -> {
                String error = errorText(cell.getErrorCellValue());
                yield new CellText(error, error, "单元格包含错误值 " + error);
            }
            default -> BLANK;
        };
    }

    private static CellText formula(Cell cell) {
        CellType cached;
        try {
            cached = cell.getCachedFormulaResultType();
        } catch (RuntimeException e) {
            cached = CellType._NONE;
        }
        try {
            switch (cached) {
                case NUMERIC:
                    return plain(number(cell.getNumericCellValue(), format(cell)));
                case STRING:
                    return plain(cell.getStringCellValue());
                case BOOLEAN:
                    return plain(cell.getBooleanCellValue() ? "TRUE" : "FALSE");
                case ERROR:
                    String error = formulaErrorText(cell);
                    return new CellText(error, error, "单元格包含错误值 " + error);
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // An empty cached value: fall through to "no result".
        }
        // Files written by tools that do not calculate (scripts, some converters) carry no cached result.
        String formula = "=" + cell.getCellFormula();
        return new CellText(formula, "", "单元格是没有计算结果的公式，请改为直接填写内容");
    }

    private static String formulaErrorText(Cell cell) {
        try {
            return errorText(cell.getErrorCellValue());
        } catch (RuntimeException e) {
            // The streaming reader answers error results only as text, e.g. "ERROR:  #DIV/0!".
            String text = cell.getStringCellValue().strip();
            return text.startsWith("ERROR:") ? text.substring("ERROR:".length()).strip() : text;
        }
    }

    private static CellText plain(String value) {
        return new CellText(value, value, null);
    }

    private static String format(Cell cell) {
        CellStyle style = cell.getCellStyle();
        return style == null ? null : style.getDataFormatString();
    }

    /**
     * Integers as plain digits; other numbers in plain (non-scientific) notation. Going through {@link
     * Double#toString} gives the shortest decimal that reads back as the same double, so 13800138000.0 and
     * 1.38001380E10 both become 13800138000 and 0.1 stays 0.1.
     */
    static String number(double value, String format) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        if (decimal.scale() <= 0
                && decimal.signum() >= 0
                && format != null
                && ZERO_PADDING.matcher(format).matches()) {
            StringBuilder padded = new StringBuilder();
            for (int i = digits.length(); i < format.length(); i++) {
                padded.append('0');
            }
            digits = padded.append(digits).toString();
        }
        return digits;
    }

    private static String errorText(byte code) {
        try {
            return FormulaError.forInt(code).getString();
        } catch (IllegalArgumentException e) {
            return "#ERROR";
        }
    }
}
