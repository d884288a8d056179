package cn.campuspass.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bytes on the wire, read from the DevTools network events in Chromium's performance log of a
 * {@link Browser#recording} browser: {@code Network.loadingFinished.encodedDataLength} is what crossed the network for
 * one response (headers and the encoded body; 0 for a response served from the browser's cache), and a redirect's own
 * response is counted from the {@code redirectResponse} of the request that follows it.
 */
final class Wire {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One response: its URL, HTTP status on the wire, content encoding and bytes received over the network. */
    record Transfer(String url, int status, String encoding, long bytes) {}

    private Wire() {}

    /** The transfers since the last call (reading the performance log empties it). */
    static List<Transfer> drain(Browser browser) {
        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        Map<String, Integer> wireStatuses = new LinkedHashMap<>();
        Map<String, String> encodings = new LinkedHashMap<>();
        List<Transfer> transfers = new ArrayList<>();
        for (LogEntry entry : browser.driver().manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            String id = params.path("requestId").asString();
            switch (message.path("method").asString()) {
                case "Network.requestWillBeSent" -> {
                    JsonNode redirect = params.path("redirectResponse");
                    if (!redirect.isMissingNode() && !redirect.isNull()) {
                        transfers.add(new Transfer(
                                redirect.path("url").asString(),
                                redirect.path("status").asInt(),
                                "",
                                redirect.path("encodedDataLength").asLong()));
                    }
                    urls.put(id, params.path("request").path("url").asString());
                }
                case "Network.responseReceived" -> {
                    JsonNode response = params.path("response");
                    urls.put(id, response.path("url").asString());
                    statuses.put(id, response.path("status").asInt());
                    encodings.put(id, header(response.path("headers"), "content-encoding"));
                }
                // The status as it crossed the network: a revalidated page is a 304 here, while responseReceived
                // reports the cached 200 it was answered from.
                case "Network.responseReceivedExtraInfo" ->
                    wireStatuses.put(id, params.path("statusCode").asInt());
                case "Network.loadingFinished" ->
                    transfers.add(new Transfer(
                            urls.getOrDefault(id, "?"),
                            wireStatuses.getOrDefault(id, statuses.getOrDefault(id, 0)),
                            encodings.getOrDefault(id, ""),
                            params.path("encodedDataLength").asLong()));
                default -> {}
            }
        }
        return transfers;
    }

    static long bytesFrom(List<Transfer> transfers, String origin) {
        return from(transfers, origin).stream().mapToLong(Transfer::bytes).sum();
    }

    static List<Transfer> from(List<Transfer> transfers, String origin) {
        return transfers.stream().filter(t -> t.url().startsWith(origin + "/")).toList();
    }

    /** Lines for a failure message or the test log: bytes, status, encoding, URL. */
    static String describe(List<Transfer> transfers) {
        StringBuilder out = new StringBuilder();
        for (Transfer t : transfers) {
            out.append(String.format("%8d %3d %-4s %s%n", t.bytes(), t.status(), t.encoding(), t.url()));
        }
        return out.toString();
    }

    private static String header(JsonNode headers, String name) {
        for (var field : headers.properties()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asString();
            }
        }
        return "";
    }
}
