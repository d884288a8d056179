package cn.campuspass.registrant.importing;

/**
 * Why a row was rejected, for one column. {@code message} is the reason alone ("手机号格式不正确"); {@link #text()}
 * is the sentence shown to admins ("第 12 行「手机号」：手机号格式不正确").
 *
 * @param rowNumber the row as Excel shows it (1-based)
 * @param column the template's column name, e.g. "手机号"
 */
public record RowProblem(int rowNumber, String column, String message) {

    public String text() {
        return "第 " + rowNumber + " 行「" + column + "」：" + message;
    }

    @Override
    public String toString() {
        return text();
    }
}
