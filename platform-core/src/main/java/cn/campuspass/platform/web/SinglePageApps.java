package cn.campuspass.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.util.DigestUtils;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Serves the built consoles and portals ({@code classpath:/static/<app>/}) with history-mode routing: a path that
 * is not a file is answered with the app's {@code index.html}.
 *
 * <p>Phones inside WeChat open the portal again and again over slow links, so: Vite names every file under
 * {@code assets/} after a hash of its content, and those are cached for a year as {@code immutable} (a new build
 * has new names); {@code index.html}, which names them, is revalidated on every open ({@code no-cache} with an
 * ETag from its content, so an unchanged page is a 304 of a few hundred bytes). The build writes {@code .br} and
 * {@code .gz} beside each text file; the encoded resolver sends the one the browser accepts, with {@code Vary:
 * Accept-Encoding} ({@link PageHeaders} adds that header also when the plain file is sent).
 */
@Configuration(proxyBeanMethods = false)
class SinglePageApps implements WebMvcConfigurer {

    static final String[] APPS = {"operator", "admin", "portal"};

    /** Content-hashed file names: a year, the longest lifetime HTTP caches honour. */
    static final CacheControl HASHED =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    /** Pages may be stored but must be revalidated (ETag) before each use. */
    static final CacheControl PAGE = CacheControl.noCache();

    private final Function<Resource, String> etags = new ContentEtags();

    /** The resource handler refuses an empty path, so each app's root is forwarded to its index explicitly. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String app : APPS) {
            registry.addRedirectViewController("/" + app, "/" + app + "/");
            registry.addViewController("/" + app + "/").setViewName("forward:/" + app + "/index.html");
        }
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String app : APPS) {
            // The more specific pattern wins: hashed assets never fall back to the index.
            registry.addResourceHandler("/" + app + "/assets/**")
                    .addResourceLocations("classpath:/static/" + app + "/assets/")
                    .setCacheControl(HASHED)
                    .resourceChain(true)
                    .addResolver(new BrotliFirst())
                    .addResolver(new PathResourceResolver());
            // A jar's entry times are fixed by reproducible builds, so Last-Modified cannot tell two builds apart:
            // the ETag is a hash of the content instead.
            registry.addResourceHandler("/" + app + "/**")
                    .addResourceLocations("classpath:/static/" + app + "/")
                    .setCacheControl(PAGE)
                    .setUseLastModified(false)
                    .setEtagGenerator(etags)
                    .resourceChain(true)
                    .addResolver(new BrotliFirst())
                    .addResolver(new IndexFallback());
        }
    }

    /**
     * Spring picks the first coding in the browser's Accept-Encoding order, and browsers list {@code gzip} before
     * {@code br}; brotli files are 10–15% smaller, so the server's preference (br, then gzip) decides among the codings
     * the browser accepts. A coding refused with {@code q=0} is dropped.
     */
    static final class BrotliFirst extends EncodedResourceResolver {

        @Override
        protected Resource resolveResourceInternal(
                HttpServletRequest request,
                String requestPath,
                List<? extends Resource> locations,
                ResourceResolverChain chain) {
            if (request == null) {
                return super.resolveResourceInternal(null, requestPath, locations, chain);
            }
            String preferred = preferred(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
            HttpServletRequest reordered = new HttpServletRequestWrapper(request) {
                @Override
                public String getHeader(String name) {
                    return HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name) ? preferred : super.getHeader(name);
                }
            };
            return super.resolveResourceInternal(reordered, requestPath, locations, chain);
        }

        static String preferred(String acceptEncoding) {
            if (acceptEncoding == null) {
                return null;
            }
            List<String> accepted = new ArrayList<>();
            for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
                String[] coding = part.trim().split("\\s*;\\s*");
                boolean refused = Arrays.stream(coding).skip(1).anyMatch(p -> p.matches("q=0(\\.0*)?"));
                if (!coding[0].isEmpty() && !refused) {
                    accepted.add(coding[0]);
                }
            }
            List<String> ordered = new ArrayList<>();
            for (String coding : DEFAULT_CODINGS) { // br, gzip
                if (accepted.contains(coding)) {
                    ordered.add(coding);
                }
            }
            return String.join(", ", ordered);
        }
    }

    private static final class IndexFallback extends PathResourceResolver {
        @Override
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource requested = location.createRelative(resourcePath);
            if (!resourcePath.isEmpty()
                    && !resourcePath.endsWith("/")
                    && requested.exists()
                    && requested.isReadable()) {
                return requested;
            }
            if (resourcePath.startsWith("api/") || resourcePath.contains("/api/") || resourcePath.contains(".")) {
                return null; // a missing asset or API path is a 404, not the app
            }
            Resource index = location.createRelative("index.html");
            return index.exists() ? index : null;
        }
    }

    /**
     * An MD5 of the bytes sent (the encoded file when one is sent, so each encoding has its own tag), computed once:
     * the files live in the jar and cannot change while the app runs.
     */
    static final class ContentEtags implements Function<Resource, String> {

        private final Map<String, String> byLocation = new ConcurrentHashMap<>();

        @Override
        public String apply(Resource resource) {
            try {
                return byLocation.computeIfAbsent(resource.getURL().toString(), url -> digest(resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String digest(Resource resource) {
            try (InputStream in = resource.getInputStream()) {
                return "\"" + DigestUtils.md5DigestAsHex(in) + "\"";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
