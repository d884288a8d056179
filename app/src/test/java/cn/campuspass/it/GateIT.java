package cn.campuspass.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A3.1 and A3.2: campuses, gates and departments over the API, and the gate poster whose QR an independent decoder
 * reads back.
 */
class GateIT extends StackTest {

    @Test
    void gatePosterQrOpensThisSchoolsSignedGateEntry() throws Exception {
        onboard("gateuni", "admin", "13200000000", "GateUni@2026");
        String token = Tokens.school("gateuni", "admin", "GateUni@2026");
        long campus = Http.post(url("/admin/api/campuses"), token, Map.of("name", "主校区"))
                .json()
                .path("id")
                .asLong();
        Http.Response created = Http.post(url("/admin/api/gates"), token, Map.of("campusId", campus, "name", "东门"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long gate = created.json().path("id").asLong();

        Http.Response duplicate = Http.post(url("/admin/api/gates"), token, Map.of("campusId", campus, "name", "东门"));
        assertThat(duplicate.code()).isEqualTo("GATE_NAME_TAKEN");
        Http.Response campusInUse = Http.delete(url("/admin/api/campuses/" + campus), token);
        assertThat(campusInUse.status()).isEqualTo(409);
        assertThat(campusInUse.code()).isEqualTo("CAMPUS_IN_USE");

        for (String orientation : new String[] {"PORTRAIT", "LANDSCAPE"}) {
            HttpResponse<byte[]> png = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            url("/admin/api/gates/" + gate + "/poster?orientation=" + orientation)))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
            Path file = Files.createTempFile("poster", ".png");
            Files.write(file, png.body());
            Process zbar = new ProcessBuilder("zbarimg", "--raw", "-q", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String decoded = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(zbar.waitFor()).isZero();
            assertThat(decoded).startsWith("http://127.0.0.1:8080/portal/gateuni/gate/" + gate + "?s=");
        }
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/admin/api/gates/" + gate + "/poster?format=PDF")))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // Another school's token cannot reach this gate (its own schema has no such row).
        onboard("gateuni2", "admin", "13200000001", "GateUni2@2026");
        String other = Tokens.school("gateuni2", "admin", "GateUni2@2026");
        assertThat(Http.get(url("/admin/api/gates/" + gate), other).status()).isEqualTo(404);
        assertThat(Http.get(url("/admin/api/gates/" + gate + "/poster"), other).status())
                .isEqualTo(404);
    }

    @Test
    void departmentsAreManagedByOtherDepartmentsWithoutCycles() {
        onboard("deptuni", "admin", "13200000002", "DeptUni@2026");
        String token = Tokens.school("deptuni", "admin", "DeptUni@2026");
        long office = Http.post(url("/admin/api/departments"), token, Map.of("name", "保卫处"))
                .json()
                .path("id")
                .asLong();
        Http.Response college =
                Http.post(url("/admin/api/departments"), token, Map.of("name", "计算机学院", "parentId", office));
        assertThat(college.status()).as(college.body()).isEqualTo(201);
        long collegeId = college.json().path("id").asLong();

        Http.Response cycle =
                Http.put(url("/admin/api/departments/" + office), token, Map.of("name", "保卫处", "parentId", collegeId));
        assertThat(cycle.code()).isEqualTo("DEPARTMENT_CYCLE");
        Http.Response inUse = Http.delete(url("/admin/api/departments/" + office), token);
        assertThat(inUse.code()).isEqualTo("DEPARTMENT_IN_USE");
        assertThat(inUse.json().path("message").asString()).contains("分管");
        assertThat(names(Http.get(url("/admin/api/departments?name=计算机"), token).json(), "name"))
                .containsExactly("计算机学院");
        assertThat(Http.delete(url("/admin/api/departments/" + collegeId), token)
                        .status())
                .isEqualTo(204);
        assertThat(Http.delete(url("/admin/api/departments/" + office), token).status())
                .isEqualTo(204);
    }
}
