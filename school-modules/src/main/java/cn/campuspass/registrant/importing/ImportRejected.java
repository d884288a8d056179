package cn.campuspass.registrant.importing;

/**
 * The whole file was refused (as opposed to single rows, which are reported in {@link ImportReport}). {@link
 * #code()} is stable and meant for clients; {@link #getMessage()} is the Chinese text for the admin.
 */
public class ImportRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable codes. */
    public enum Code {
        /** Not an .xlsx file, corrupt, encrypted, too large, or a zip bomb. */
        IMPORT_FILE_INVALID,
        /** The header row lacks required columns (or there is no header row at all). */
        IMPORT_HEADER_MISSING,
        /** Two header cells name the same column. */
        IMPORT_HEADER_DUPLICATE
    }

    private final Code code;
    private final int importedBeforeFailure;

    public ImportRejected(Code code, String message) {
        this(code, message, 0, null);
    }

    ImportRejected(Code code, String message, int importedBeforeFailure, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.importedBeforeFailure = importedBeforeFailure;
    }

    public Code code() {
        return code;
    }

    /**
     * Rows already handed to the sink when the file turned out to be broken part-way (a truncated or bomb-like sheet
     * is only noticed while streaming). Zero for refusals found before the first row.
     */
    public int importedBeforeFailure() {
        return importedBeforeFailure;
    }
}
