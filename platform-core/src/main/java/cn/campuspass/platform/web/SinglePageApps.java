package cn.campuspass.platform.web;

import java.io.IOException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the built consoles and portals ({@code classpath:/static/<app>/}) with history-mode routing: a path that
 * is not a file is answered with the app's {@code index.html}.
 */
@Configuration(proxyBeanMethods = false)
class SinglePageApps implements WebMvcConfigurer {

    static final String[] APPS = {"operator", "admin", "portal"};

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
            registry.addResourceHandler("/" + app + "/**")
                    .addResourceLocations("classpath:/static/" + app + "/")
                    .resourceChain(true)
                    .addResolver(new IndexFallback());
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
}
