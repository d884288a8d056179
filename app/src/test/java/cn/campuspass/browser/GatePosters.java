package cn.campuspass.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a gate poster's QR code back, as a phone camera would. */
final class GatePosters {

    private GatePosters() {}

    /**
     * The signed link in the gate poster's QR code (read with zbar), as a path on the app at {@code appBaseUrl}.
     */
    static String link(String appBaseUrl, String school, String token, long gate) throws Exception {
        HttpResponse<byte[]> png = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(appBaseUrl + "/admin/api/gates/" + gate + "/poster"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        Path file = Files.createTempFile("poster", ".png");
        Files.write(file, png.body());
        Process zbar = new ProcessBuilder("zbarimg", "--raw", "-q", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String decoded = new String(zbar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(zbar.waitFor()).isZero();
        String path = decoded.substring(decoded.indexOf("/portal/"));
        assertThat(path).startsWith("/portal/" + school + "/gate/" + gate + "?s=");
        return appBaseUrl + path;
    }
}
