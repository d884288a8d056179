package cn.campuspass.registrant.importing;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Opens an uploaded .xlsx for streaming reads, for every importer (registrants, vehicle registrations): the size
 * limit is enforced while the stream is read (before the reader copies it to disk), old .xls and encrypted files are
 * refused with a sentence an admin can act on, and the streaming reader keeps a small row cache, so the sheet is
 * never held in memory. Failures are {@link ImportRejected} with {@code IMPORT_FILE_INVALID}.
 */
public final class XlsxSheets {

    private XlsxSheets() {}

    /** The workbook, to be closed by the caller (closing deletes the reader's temporary copy). */
    public static Workbook open(InputStream in, ImportOptions options) {
        InputStream limited = FileMagic.prepareToCheckMagic(new LimitedInputStream(in, options.maxFileBytes()));
        checkMagic(limited, options);
        Workbook workbook;
        try {
            workbook = StreamingReader.builder()
                    .rowCacheSize(100)
                    .bufferSize(8192)
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    .setReadCoreProperties(false)
                    .open(limited);
        } catch (RuntimeException e) {
            throw unreadable(e, 0, options);
        }
        return workbook;
    }

    static void checkMagic(InputStream in, ImportOptions options) {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(in);
        } catch (TooLargeException e) {
            throw tooLarge(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (magic == FileMagic.OLE2) {
            throw new ImportRejected(
                    ImportRejected.Code.IMPORT_FILE_INVALID, "不支持旧版 .xls 文件或带密码的文件，请在 Excel 中另存为 .xlsx（Excel 工作簿）后再导入");
        }
        if (magic != FileMagic.OOXML) {
            throw new ImportRejected(ImportRejected.Code.IMPORT_FILE_INVALID, "文件不是有效的 Excel（.xlsx）文件，请使用导入模板填写后再导入");
        }
    }

    public static ImportRejected tooLarge(ImportOptions options) {
        return new ImportRejected(
                ImportRejected.Code.IMPORT_FILE_INVALID, "文件过大（超过 " + size(options.maxFileBytes()) + "），请拆分成多个文件后分别导入");
    }

    static String size(long bytes) {
        long mb = 1024 * 1024;
        return bytes >= mb ? bytes / mb + " MB" : Math.max(1, bytes / 1024) + " KB";
    }

    public static ImportRejected unreadable(RuntimeException e, int imported, ImportOptions options) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLargeException) {
                ImportRejected rejected = tooLarge(options);
                return new ImportRejected(rejected.code(), rejected.getMessage(), imported, e);
            }
        }
        return new ImportRejected(
                ImportRejected.Code.IMPORT_FILE_INVALID,
                "文件无法读取：不是有效的 Excel（.xlsx）文件、文件已损坏或解压后过大，请使用导入模板重新填写后再导入",
                imported,
                e);
    }

    private static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Refuses streams longer than the limit, before the reader copies them to disk. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;
        private long mark;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        @Override
        public synchronized void mark(int readlimit) {
            super.mark(readlimit);
            mark = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = mark;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new TooLargeException();
            }
        }
    }
}
