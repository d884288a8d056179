package cn.campuspass.registrant.importing;

import cn.campuspass.storage.UploadPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;

/**
 * The HTTP edges every Excel import endpoint shares: the upload check (an .xlsx by its first bytes, within the
 * size limit) before anything is read, the 202 answer with the job id, and workbook downloads (template, problem
 * rows, exports) as attachments with a UTF-8 file name.
 */
public final class ImportHttp {

    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private ImportHttp() {}

    /** Refuses an upload that is not an Excel workbook by content or is too large (a 4xx with a stable code). */
    public static void checkExcelUpload(MultipartFile file) throws IOException {
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(8);
        }
        UploadPolicy.EXCEL.check(XLSX.toString(), file.getSize(), head);
    }

    /** 202 Accepted with the background job's id. */
    public static ResponseEntity<Map<String, Object>> accepted(UUID jobId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", jobId.toString()));
    }

    public static ResponseEntity<byte[]> workbook(byte[] body, String fileName) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(fileName))
                .body(body);
    }

    public static ResponseEntity<InputStreamResource> workbook(InputStream body, String fileName) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(fileName))
                .body(new InputStreamResource(body));
    }

    /** {@code attachment; filename=...; filename*=UTF-8''...} so Chinese file names survive every browser. */
    public static String disposition(String fileName) {
        return ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString();
    }
}
