package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.platform.crypto.FieldCipher;
import cn.campuspass.tenant.keycloak.KeycloakAdmin;
import cn.campuspass.tenant.keycloak.SchoolRealmProvisioner;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The vehicle registration import (template, background run, problem rows, results), the streaming export of the
 * filtered review list (progress, download, masked phones, personal-data log), and the e-bike QR labels (a PDF
 * sheet whose QR codes decode to signed links, print counts, the public scan page with names masked and a forged
 * signature refused) on the real stack.
 */
class VehicleImportIT extends StackTest {

    private static final String SCHOOL = "vehimp";
    private static final String PASSWORD = "VehImp@2026x";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeycloakAdmin keycloak;

    @Autowired
    SchoolRealmProvisioner realms;

    private static volatile long[] seed;

    @BeforeEach
    void school() {
        if (seed == null) {
            synchronized (VehicleImportIT.class) {
                if (seed == null) {
                    onboard(SCHOOL, "admin", "13300000090", PASSWORD);
                    SchoolFixtures fixtures = new SchoolFixtures(url(""), jdbc, cipher, keycloak, realms);
                    long dept = fixtures.department(admin(), "交通学院");
                    long student =
                            fixtures.registrant(SCHOOL, "欧阳娜娜", "STUDENT", "2026300001", "13930000001", "44444X", dept);
                    long teacher =
                            fixtures.registrant(SCHOOL, "周老师", "TEACHER", "T300002", "13930000002", "55555X", dept);
                    seed = new long[] {student, teacher};
                }
            }
        }
    }

    private String admin() {
        return Tokens.school(SCHOOL, "admin", PASSWORD);
    }

    @Test
    void importsValidRowsAndReportsProblemRows() throws Exception {
        String token = admin();
        HttpResponse<byte[]> template = send(get("/admin/api/vehicle-reviews/import/template", token));
        assertThat(template.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            assertThat(book.getSheet("车辆备案").getRow(0).getCell(1).getStringCellValue())
                    .isEqualTo("号牌号码*");
        }
        String future = LocalDate.now().plusYears(1).toString();
        byte[] upload = workbook(new String[][] {
            {"车辆类型", "号牌号码", "车辆所有人", "备案人与车主关系", "备案人学号/工号", "有效期"},
            {"机动车", "粤ｂ·66666", "欧阳娜娜", "本人", "2026300001", ""},
            {"电动自行车", "广州 0001", "周老师", "本人", "T300002", future},
            {"电动自行车", "广州0002", "周老师", "配偶", "T300002", "长期有效"},
            {"机动车", "粤B6666", "张三", "本人", "2026300001", ""},
            {"机动车", "粤B66666", "李四", "本人", "2026300001", ""},
            {"飞机", "粤B77777", "王五", "同学", "9999", ""}
        });
        String jobId = startImport(token, upload);
        JsonNode job = await("/admin/api/vehicle-reviews/import/" + jobId, token);
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("totalRows").asInt()).isEqualTo(6);
        assertThat(job.path("importedRows").asInt()).isEqualTo(3);
        assertThat(job.path("rejectedRows").asInt()).isEqualTo(3);
        String problems = job.path("problems").toString();
        assertThat(problems)
                .contains("第 5 行「号牌号码」：号牌号码格式不正确")
                .contains("第 6 行「号牌号码」：号牌号码与第 2 行重复")
                .contains("第 7 行「车辆类型」")
                .contains("第 7 行「备案人与车主关系」")
                .contains("第 7 行「备案人学号/工号」：本校没有该学号/工号的备案人");
        assertThat(job.path("problemRowsDownloadable").asBoolean()).isTrue();
        HttpResponse<byte[]> rows = send(get("/admin/api/vehicle-reviews/import/" + jobId + "/problems", token));
        assertThat(rows.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(rows.body()))) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(3);
            assertThat(book.getSheetAt(0).getRow(1).getCell(1).getStringCellValue())
                    .isEqualTo("粤B6666");
        }
        // Imported as approved registrations, plates normalised, e-bike validity kept.
        List<Map<String, Object>> stored = jdbc.queryForList(
                "SELECT plate, status, long_term, valid_until, source FROM school_vehimp.vehicle WHERE source = 'IMPORT' ORDER BY id");
        assertThat(stored).extracting(r -> r.get("plate")).contains("粤B66666", "广州0001", "广州0002");
        assertThat(stored).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("APPROVED"));
        assertThat(stored.stream()
                        .filter(r -> r.get("plate").equals("广州0001"))
                        .findFirst()
                        .orElseThrow()
                        .get("valid_until")
                        .toString())
                .isEqualTo(future);
        // The results list shows the job; another kind's job id is not found here.
        JsonNode list =
                Http.get(url("/admin/api/vehicle-reviews/import"), token).json();
        assertThat(list.path("items").findValuesAsString("id")).contains(jobId);
        assertThat(Http.get(url("/admin/api/vehicle-reviews/import/" + UUID.randomUUID()), token)
                        .code())
                .isEqualTo("VEHICLE_IMPORT_JOB_NOT_FOUND");
        // Not an Excel file: refused at the door.
        assertThat(startImportStatus(token, "这不是表格".getBytes(StandardCharsets.UTF_8)))
                .isBetween(400, 499);
    }

    @Test
    void exportsTheFilteredListWithMaskedPhonesAndLogsIt() throws Exception {
        String token = admin();
        Http.post(
                url("/admin/api/vehicle-reviews"),
                token,
                VehicleIT.vehicle("MOTOR", "鄂A12121", "欧阳娜娜", "SELF", seed[0]));
        Http.post(
                url("/admin/api/vehicle-reviews"),
                token,
                VehicleIT.vehicle("MOTOR", "鄂A34343", "周老师", "SELF", seed[1]));
        long logged = jdbc.queryForObject(
                "SELECT count(*) FROM school_vehimp.pii_access_log WHERE action = 'EXPORT'", Long.class);
        Http.Response started =
                Http.post(url("/admin/api/vehicle-reviews/export"), token, Map.of("status", "PENDING", "q", "鄂A12121"));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("id").asString();
        JsonNode job = await("/admin/api/vehicle-reviews/export/" + id, token);
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("totalRows").asInt()).isEqualTo(1);
        HttpResponse<byte[]> file = send(get("/admin/api/vehicle-reviews/export/" + id + "/file", token));
        assertThat(file.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("号牌号码");
            Row row = sheet.getRow(1);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("鄂A12121");
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("139****0001");
            assertThat(row.getCell(10).getStringCellValue()).isEqualTo("待审核");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM school_vehimp.pii_access_log WHERE action = 'EXPORT'", Long.class))
                .isEqualTo(logged + 1);
        assertThat(Http.get(url("/admin/api/vehicle-reviews/export/" + UUID.randomUUID()), token)
                        .status())
                .isEqualTo(404);
        assertThat(Http.post(url("/admin/api/vehicle-reviews/export"), token, Map.of("status", "NOPE"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void printsLabelSheetsWhoseQrOpensTheScanPage() throws Exception {
        String token = admin();
        List<Long> bikes = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            Map<String, Object> bike = VehicleIT.vehicle("EBIKE", "武汉E" + (1000 + i), "欧阳娜娜", "SELF", seed[0]);
            bike.put("longTerm", true);
            Http.Response created = Http.post(url("/admin/api/vehicles"), token, bike);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            bikes.add(created.json().path("id").asLong());
        }
        long car = Http.post(
                        url("/admin/api/vehicles"),
                        token,
                        VehicleIT.vehicle("MOTOR", "鄂A56565", "周老师", "SELF", seed[1]))
                .json()
                .path("id")
                .asLong();
        JsonNode listed = Http.get(url("/admin/api/vehicle-labels?printed=false&size=100"), token)
                .json();
        assertThat(listed.path("items").findValuesAsString("type")).containsOnly("EBIKE");

        HttpResponse<byte[]> pdf = send(post("/admin/api/vehicle-labels/print", token, Map.of("ids", bikes)));
        assertThat(pdf.statusCode())
                .as(new String(pdf.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String link;
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isEqualTo(2); // 12 labels a page
            // The sheet is drawn at 200 dpi: rendered back at 200 dpi, the first label is the first cell of the grid.
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 200);
            BufferedImage first = page.getSubimage(84, 84, 490, 536);
            Result code = new QRCodeReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(first))),
                            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            link = code.getText();
        }
        assertThat(link).matches(".*/portal/vehimp/ebike/" + bikes.get(0) + "\\?s=[A-Za-z0-9_-]{22}");
        assertThat(jdbc.queryForList(
                        "SELECT label_print_count FROM school_vehimp.vehicle WHERE type = 'EBIKE' AND plate LIKE '武汉E%'",
                        Integer.class))
                .containsOnly(1);
        assertThat(Http.get(url("/admin/api/vehicle-labels?printed=true&size=100"), token)
                        .json()
                        .path("total")
                        .asInt())
                .isGreaterThanOrEqualTo(13);

        // The scan: no sign-in, the signed link says registered and valid, names masked.
        URI scanned = URI.create(link);
        String id = scanned.getPath().substring(scanned.getPath().lastIndexOf('/') + 1);
        String api = "/portal/vehimp/api/ebike-labels/" + id + "?" + scanned.getRawQuery();
        Http.Response scan = Http.get(url(api), null);
        assertThat(scan.status()).as(scan.body()).isEqualTo(200);
        assertThat(scan.json().path("registered").asBoolean()).isTrue();
        assertThat(scan.json().path("valid").asBoolean()).isTrue();
        assertThat(scan.json().path("ownerName").asString()).isEqualTo("欧***");
        assertThat(scan.body()).doesNotContain("欧阳娜娜").doesNotContain("13930000001");
        // A disabled e-bike scans as not valid.
        Http.post(url("/admin/api/vehicles/" + id + "/disable"), token, Map.of());
        assertThat(Http.get(url(api), null).json().path("valid").asBoolean()).isFalse();
        // Another id with the same signature, a made-up signature, no signature: invalid label.
        String other = "/portal/vehimp/api/ebike-labels/" + bikes.get(1) + "?" + scanned.getRawQuery();
        assertThat(Http.get(url(other), null).code()).isEqualTo("VEHICLE_LABEL_INVALID");
        assertThat(Http.get(url("/portal/vehimp/api/ebike-labels/" + id + "?s=AAAAAAAAAAAAAAAAAAAAAA"), null)
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(url("/portal/vehimp/api/ebike-labels/" + id), null).status())
                .isEqualTo(404);

        // Only e-bikes get labels; an empty or oversized selection is refused.
        HttpResponse<byte[]> withCar =
                send(post("/admin/api/vehicle-labels/print", token, Map.of("ids", List.of(car))));
        assertThat(withCar.statusCode()).isEqualTo(400);
        assertThat(new String(withCar.body(), StandardCharsets.UTF_8)).contains("VEHICLE_LABEL_EBIKES_ONLY");
        assertThat(send(post("/admin/api/vehicle-labels/print", token, Map.of("ids", List.of())))
                        .statusCode())
                .isEqualTo(400);
    }

    private String startImport(String token, byte[] upload) throws Exception {
        HttpResponse<byte[]> started = send(multipart(token, upload));
        assertThat(started.statusCode())
                .as(new String(started.body(), StandardCharsets.UTF_8))
                .isEqualTo(202);
        return new Http.Response(200, new String(started.body(), StandardCharsets.UTF_8))
                .json()
                .path("id")
                .asString();
    }

    private int startImportStatus(String token, byte[] upload) throws Exception {
        return send(multipart(token, upload)).statusCode();
    }

    private HttpRequest multipart(String token, byte[] upload) throws Exception {
        String boundary = "----campuspass" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vehicles.xlsx\"\r\n"
                                + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        body.write(upload);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url("/admin/api/vehicle-reviews/import")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    /** Polls a background job until it leaves RUNNING (bounded; no timing is asserted). */
    private JsonNode await(String path, String token) throws InterruptedException {
        JsonNode job = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            job = Http.get(url(path), token).json();
            if (!"RUNNING".equals(job.path("status").asString())) {
                break;
            }
            Thread.sleep(200);
        }
        return job;
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private HttpRequest post(String path, String token, Object body) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body)))
                .build();
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] workbook(String[][] rows) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("车辆备案");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
