package cn.campuspass.localstack;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Behaves like a browser on loopback: sends {@code Secure} cookies over plain http to 127.0.0.1 (browsers treat
 * loopback as a secure context; {@link java.net.CookieManager} does not), matching cookies by path so two
 * realms on one host keep their own session cookies.
 */
public final class LoopbackCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        List<String> matching = new ArrayList<>();
        for (HttpCookie cookie : cookies.values()) {
            String cookiePath = cookie.getPath() == null ? "/" : cookie.getPath();
            if (!cookie.hasExpired() && path.startsWith(cookiePath)) {
                matching.add(cookie.getName() + "=" + cookie.getValue());
            }
        }
        return matching.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", matching)));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String header : values) {
                    for (HttpCookie cookie : HttpCookie.parse(header)) {
                        String key = cookie.getName() + "|" + cookie.getPath();
                        if (cookie.getMaxAge() == 0) {
                            cookies.remove(key);
                        } else {
                            cookies.put(key, cookie);
                        }
                    }
                }
            }
        });
    }
}
