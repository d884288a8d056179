package cn.campuspass.localstack;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo school's first registrant, so that the WeChat portal can be tried at once: campus 主校区 with gate 东门,
 * department 计算机学院, student 张三 (学号 2026000001, phone 13900000001, ID tail 12345X) who may pass 东门.
 * Created through the school admin API (the registrant through the Excel import, which encrypts the phone as the
 * app does) and the access-rules API. Idempotent: what exists is reused.
 */
final class DemoRegistrant {

    static final String CAMPUS = "主校区";
    static final String GATE = "东门";
    static final String DEPARTMENT = "计算机学院";
    static final String NAME = "张三";
    static final String NUMBER = "2026000001";
    static final String PHONE = "13900000001";
    static final String ID_TAIL = "12345X";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalStack stack;
    private final String school;
    private final String token;

    private DemoRegistrant(LocalStack stack, String school, String token) {
        this.stack = stack;
        this.school = school;
        this.token = token;
    }

    /**
     * Seeds the demo registrant of {@code school} (idempotent).
     *
     * @return the signed entry link of gate 东门, as printed on its poster (decoded from the poster's QR code)
     */
    static String seedDemoRegistrant(LocalStack stack, String school, String adminUsername, String adminPassword)
            throws TimeoutException {
        DemoRegistrant demo =
                new DemoRegistrant(stack, school, schoolToken(stack, school, adminUsername, adminPassword));
        long campus = demo.findOrCreate("/admin/api/campuses", CAMPUS, Map.of("name", CAMPUS));
        long gate = demo.findOrCreate(
                "/admin/api/gates?campusId=" + campus, GATE, Map.of("campusId", campus, "name", GATE));
        demo.findOrCreate("/admin/api/departments", DEPARTMENT, Map.of("name", DEPARTMENT));
        long registrant = demo.registrant();
        demo.allow(registrant, gate);
        return demo.gateLink(gate);
    }

    private long findOrCreate(String listPath, String name, Map<String, Object> body) {
        for (JsonNode item : call("GET", listPath, null).json()) {
            if (name.equals(item.path("name").asString())) {
                return item.path("id").asLong();
            }
        }
        String createPath = listPath.contains("?") ? listPath.substring(0, listPath.indexOf('?')) : listPath;
        Reply created = call("POST", createPath, JSON.writeValueAsString(body));
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException(
                    "Creating demo " + name + " failed: HTTP " + created.status() + " " + created.text());
        }
        return created.json().path("id").asLong();
    }

    private long registrant() throws TimeoutException {
        Long existing = findRegistrant();
        if (existing != null) {
            return existing;
        }
        byte[] workbook = Xlsx.of(List.of(
                List.of("姓名", "身份", "身份类型", "学号/工号", "手机号", "身份证后六位", "部门/单位", "被分管部门"),
                List.of(NAME, "学生", "", NUMBER, PHONE, ID_TAIL, DEPARTMENT, "")));
        String boundary = "----campuspass" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"demo.xlsx\"\r\n"
                        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(workbook);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Reply started = send(HttpRequest.newBuilder(URI.create(stack.appUrl() + "/admin/api/registrants/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        if (started.status() != 202) {
            throw new IllegalStateException(
                    "Importing the demo registrant failed: HTTP " + started.status() + " " + started.text());
        }
        String job = started.json().path("id").asString();
        JsonNode[] last = {null};
        Net.await(
                "Demo registrant import",
                Duration.ofSeconds(60),
                () -> {
                    last[0] = call("GET", "/admin/api/registrants/import/" + job, null)
                            .json();
                    String status = last[0].path("status").asString();
                    return !status.equals("QUEUED") && !status.equals("RUNNING");
                },
                null,
                null);
        Long id = findRegistrant();
        if (id == null) {
            throw new IllegalStateException("The demo registrant was not imported: " + last[0]);
        }
        return id;
    }

    private Long findRegistrant() {
        JsonNode items =
                call("GET", "/admin/api/registrants?q=" + NUMBER, null).json().path("items");
        for (JsonNode item : items) {
            if (NUMBER.equals(item.path("number").asString())) {
                return item.path("id").asLong();
            }
        }
        return null;
    }

    /** Opens the gate for the registrant through the admin API, keeping any gates they already have. */
    private void allow(long registrant, long gate) {
        JsonNode rules = call("GET", "/admin/api/registrants/" + registrant + "/access-rules", null)
                .json();
        java.util.Set<Long> gates = new java.util.LinkedHashSet<>();
        for (JsonNode campus : rules.path("campuses")) {
            for (JsonNode g : campus.path("gates")) {
                if (g.path("allowed").asBoolean()) {
                    gates.add(g.path("id").asLong());
                }
            }
        }
        gates.add(gate);
        call(
                "PUT",
                "/admin/api/registrants/" + registrant + "/access-rules",
                JSON.writeValueAsString(Map.of("gateIds", gates)));
    }

    /** The link the gate's poster prints, read back from the poster's QR code like a phone would. */
    private String gateLink(long gate) {
        HttpResponse<byte[]> poster;
        try {
            poster = HTTP.send(
                    HttpRequest.newBuilder(URI.create(stack.appUrl() + "/admin/api/gates/" + gate + "/poster"))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (poster.statusCode() != 200) {
                throw new IllegalStateException("Gate poster: HTTP " + poster.statusCode());
            }
            var image = ImageIO.read(new ByteArrayInputStream(poster.body()));
            return new MultiFormatReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                    .getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (NotFoundException e) {
            throw new IllegalStateException("No QR code found on the demo gate's poster", e);
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private record Reply(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private Reply call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.appUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        Reply reply = send(b);
        if (reply.status() >= 400 && !method.equals("POST")) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + reply.status() + " " + reply.text());
        }
        return reply;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The school admin's token, signed in through the realm's login form (school clients have no password grant). */
    private static String schoolToken(LocalStack stack, String school, String username, String password) {
        BrowserLogin.Tokens tokens = BrowserLogin.schoolConsole(stack.keycloakUrl(), school, stack.appUrl())
                .login(username, password);
        if (!tokens.ok()) {
            throw new IllegalStateException("Demo school admin token: HTTP " + tokens.status() + " " + tokens.body());
        }
        return tokens.accessToken();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The smallest workbook the importer reads: one sheet of shared strings, cells typed as text. */
    static final class Xlsx {

        private Xlsx() {}

        static byte[] of(List<List<String>> rows) {
            Map<String, Integer> strings = new LinkedHashMap<>();
            StringBuilder sheet =
                    new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\""
                            + MAIN + "\"><sheetData>");
            for (int r = 0; r < rows.size(); r++) {
                sheet.append("<row r=\"").append(r + 1).append("\">");
                List<String> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c).isEmpty()) {
                        continue;
                    }
                    int index = strings.computeIfAbsent(row.get(c), s -> strings.size());
                    sheet.append("<c r=\"")
                            .append((char) ('A' + c))
                            .append(r + 1)
                            .append("\" t=\"s\"><v>")
                            .append(index)
                            .append("</v></c>");
                }
                sheet.append("</row>");
            }
            sheet.append("</sheetData></worksheet>");
            StringBuilder shared =
                    new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\""
                            + MAIN + "\" count=\"" + strings.size() + "\" uniqueCount=\"" + strings.size() + "\">");
            strings.keySet()
                    .forEach(s -> shared.append("<si><t>").append(escape(s)).append("</t></si>"));
            shared.append("</sst>");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, "[Content_Types].xml", CONTENT_TYPES);
                put(zip, "_rels/.rels", ROOT_RELS);
                put(zip, "xl/workbook.xml", WORKBOOK);
                put(zip, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
                put(zip, "xl/styles.xml", STYLES);
                put(zip, "xl/sharedStrings.xml", shared.toString());
                put(zip, "xl/worksheets/sheet1.xml", sheet.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
        private static final String CONTENT_TYPES = XML
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "</Types>";
        private static final String ROOT_RELS = XML
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>";
        private static final String WORKBOOK = XML + "<workbook xmlns=\"" + MAIN
                + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"备案人\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
        private static final String WORKBOOK_RELS = XML
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                + "</Relationships>";
        private static final String STYLES = XML + "<styleSheet xmlns=\"" + MAIN + "\">"
                + "<fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills>"
                + "<borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/></cellStyleXfs>"
                + "<cellXfs count=\"1\"><xf/></cellXfs></styleSheet>";

        private static void put(ZipOutputStream zip, String name, String content) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
