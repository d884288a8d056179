package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.registrant.IdTails;
import cn.campuspass.storage.ObjectStore;
import cn.campuspass.tenant.retention.RetentionSweeper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A4.2 c/d over HTTP: template download, an upload imported in the background with progress, bad rows reported
 * with row numbers and downloadable, good rows stored with the phone encrypted and listed masked.
 */
class RegistrantImportIT extends StackTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    ObjectStore storage;

    @Autowired
    RetentionSweeper retention;

    @Test
    void importStoresGoodRowsReportsBadOnesAndKeepsPhonesEncrypted() throws Exception {
        onboard("impuni", "admin", "13100000000", "ImpUni@2026");
        String token = Tokens.school("impuni", "admin", "ImpUni@2026");
        assertThat(Http.post(url("/admin/api/departments"), token, Map.of("name", "计算机学院"))
                        .status())
                .isEqualTo(201);

        HttpResponse<byte[]> template =
                send(HttpRequest.newBuilder(URI.create(url("/admin/api/registrants/import/template")))
                        .header("Authorization", "Bearer " + token)
                        .build());
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(new String(template.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");

        byte[] upload = workbook(new String[][] {
            {"姓名", "身份", "身份类型", "学号/工号", "手机号", "身份证后六位", "部门/单位", "被分管部门"},
            {"张三", "学生", "", "2023001", "13812345678", "12345X", "计算机学院", ""},
            {"李四", "教师", "", "T0001", "+86 139-1234-5678", "", "计算机学院", ""},
            {"王五", "学生", "", "2023002", "12345", "", "不存在学院", ""}
        });
        String boundary = "----campuspass" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.xlsx\"\r\n"
                        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(upload);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> started = send(HttpRequest.newBuilder(URI.create(url("/admin/api/registrants/import")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
        assertThat(started.statusCode())
                .as(new String(started.body(), StandardCharsets.UTF_8))
                .isEqualTo(202);
        String jobId = new Http.Response(200, new String(started.body(), StandardCharsets.UTF_8))
                .json()
                .path("id")
                .asString();

        JsonNode job = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            job = Http.get(url("/admin/api/registrants/import/" + jobId), token).json();
            if (!"RUNNING".equals(job.path("status").asString())) {
                break;
            }
            sleep(200);
        }
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("totalRows").asInt()).isEqualTo(3);
        assertThat(job.path("importedRows").asInt()).isEqualTo(2);
        assertThat(job.path("rejectedRows").asInt()).isEqualTo(1);
        assertThat(job.path("problems").toString())
                .contains("第 4 行")
                .contains("手机号")
                .contains("不存在学院");
        assertThat(job.path("problemRowsDownloadable").asBoolean()).isTrue();

        HttpResponse<byte[]> problems =
                send(HttpRequest.newBuilder(URI.create(url("/admin/api/registrants/import/" + jobId + "/problems")))
                        .header("Authorization", "Bearer " + token)
                        .build());
        assertThat(problems.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(problems.body()))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("王五");
            int last = sheet.getRow(0).getLastCellNum() - 1;
            assertThat(sheet.getRow(0).getCell(last).getStringCellValue()).isEqualTo("错误原因");
        }

        // Retention: the workbook names rejected people, so it is deleted once past its 7 days, and only then.
        String problemsKey = jdbc.sql("SELECT problems_key FROM school_impuni.import_job WHERE id = :id::uuid")
                .param("id", jobId)
                .query(String.class)
                .single();
        assertThat(storage.exists(SchoolCode.of("impuni"), problemsKey)).isTrue();
        retention.sweep(Instant.now().plus(Duration.ofDays(6)));
        assertThat(storage.exists(SchoolCode.of("impuni"), problemsKey)).isTrue();
        assertThat(retention.sweep(Instant.now().plus(Duration.ofDays(8)))).isPositive();
        assertThat(storage.exists(SchoolCode.of("impuni"), problemsKey)).isFalse();
        JsonNode expired =
                Http.get(url("/admin/api/registrants/import/" + jobId), token).json();
        assertThat(expired.path("problemRowsDownloadable").asBoolean()).isFalse();
        assertThat(expired.path("rejectedRows").asInt()).isEqualTo(1);
        HttpResponse<byte[]> gone =
                send(HttpRequest.newBuilder(URI.create(url("/admin/api/registrants/import/" + jobId + "/problems")))
                        .header("Authorization", "Bearer " + token)
                        .build());
        assertThat(gone.statusCode()).isEqualTo(404);

        // Offboarding exports (a whole school's data) expire too, 30 days after they were written.
        java.nio.file.Path export = java.nio.file.Files.createTempFile("export", ".zip");
        java.nio.file.Files.write(export, new byte[] {'P', 'K'});
        storage.putArchive("offboarded/retention-it.zip", export, "application/zip");
        java.nio.file.Files.delete(export);
        retention.sweep(Instant.now().plus(Duration.ofDays(29)));
        assertThat(archiveStatus("offboarded/retention-it.zip")).isEqualTo(200);
        retention.sweep(Instant.now().plus(Duration.ofDays(31)));
        assertThat(archiveStatus("offboarded/retention-it.zip")).isEqualTo(404);

        JsonNode list = Http.get(url("/admin/api/registrants"), token).json();
        assertThat(list.path("total").asLong()).isEqualTo(2);
        assertThat(names(list.path("items"), "phone")).containsExactlyInAnyOrder("138****5678", "139****5678");
        assertThat(list.toString()).doesNotContain("13812345678");
        // At rest the phone is ciphertext plus a keyed index, never the number itself.
        String stored = jdbc.sql(
                        "SELECT phone_encrypted || phone_index FROM school_impuni.registrant WHERE number = '2023001'")
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v2:k1:").doesNotContain("13812345678");
        // So is 身份证后六位: sealed for this school and column, found by its index, listed masked.
        Map<String, Object> tail = jdbc.sql("SELECT id_tail, id_tail_encrypted, id_tail_index, id_tail_masked"
                        + " FROM school_impuni.registrant WHERE number = '2023001'")
                .query()
                .singleRow();
        assertThat(tail.get("id_tail")).isNull();
        assertThat(tail.get("id_tail_masked")).isEqualTo("****5X");
        assertThat(tail.get("id_tail_index")).isEqualTo(IdTails.index(cipher, "12345X"));
        assertThat(cipher.decrypt("impuni", IdTails.FIELD, (String) tail.get("id_tail_encrypted")))
                .isEqualTo("12345X");
        assertThat(list.toString()).doesNotContain("12345X");
        assertThat(jdbc.sql("SELECT count(*) FROM school_impuni.registrant")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(Http.get(url("/admin/api/registrants?q=张"), token)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    private int archiveStatus(String name) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(storage.presignedArchive(name, Duration.ofMinutes(1))))
                        .build())
                .statusCode();
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] workbook(String[][] rows) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("备案人");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
