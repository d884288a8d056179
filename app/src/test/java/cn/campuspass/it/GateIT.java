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

    /**
     * A3.1: a gate is edited (name, order), disabled (home counts it out) and enabled again, refused deletion while a
     * device refers to it, and deleted when nothing does.
     */
    @Test
    void gateIsEditedDisabledAndDeleted() {
        onboard("gateedit", "admin", "13200000003", "GateEdit@2026");
        String token = Tokens.school("gateedit", "admin", "GateEdit@2026");
        long campus = Http.post(url("/admin/api/campuses"), token, Map.of("name", "主校区"))
                .json()
                .path("id")
                .asLong();
        long east = Http.post(url("/admin/api/gates"), token, Map.of("campusId", campus, "name", "东门"))
                .json()
                .path("id")
                .asLong();
        long west = Http.post(url("/admin/api/gates"), token, Map.of("campusId", campus, "name", "西门"))
                .json()
                .path("id")
                .asLong();

        Http.Response renamed = Http.put(
                url("/admin/api/gates/" + east), token, Map.of("campusId", campus, "name", "东一门", "sortOrder", 5));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("东一门");
        assertThat(renamed.json().path("sortOrder").asInt()).isEqualTo(5);
        assertThat(renamed.json().path("enabled").asBoolean()).isTrue();
        Http.Response clash =
                Http.put(url("/admin/api/gates/" + east), token, Map.of("campusId", campus, "name", "西门"));
        assertThat(clash.code()).isEqualTo("GATE_NAME_TAKEN");

        Http.Response disabled = Http.put(
                url("/admin/api/gates/" + east), token, Map.of("campusId", campus, "name", "东一门", "enabled", false));
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(Http.get(url("/admin/api/gates/" + east), token)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(Http.get(url("/admin/api/home"), token)
                        .json()
                        .path("gates")
                        .path("enabled")
                        .asLong())
                .isEqualTo(1);
        Http.Response enabled = Http.put(
                url("/admin/api/gates/" + east), token, Map.of("campusId", campus, "name", "东一门", "enabled", true));
        assertThat(enabled.json().path("enabled").asBoolean()).isTrue();

        // A gate with a device is in use; without anything referring to it, it is deleted.
        Http.Response device =
                Http.post(url("/admin/api/gate-devices"), token, Map.of("name", "东一门闸机", "gateId", east));
        assertThat(device.status()).as(device.body()).isEqualTo(201);
        Http.Response inUse = Http.delete(url("/admin/api/gates/" + east), token);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.code()).isEqualTo("GATE_IN_USE");
        assertThat(Http.delete(url("/admin/api/gates/" + west), token).status()).isEqualTo(204);
        assertThat(Http.get(url("/admin/api/gates/" + west), token).status()).isEqualTo(404);
        assertThat(names(Http.get(url("/admin/api/gates"), token).json(), "name"))
                .containsExactly("东一门");
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
