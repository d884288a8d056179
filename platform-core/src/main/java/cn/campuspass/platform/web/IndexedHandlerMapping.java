package cn.campuspass.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC's request mapping with an index in front of the pattern scan. For a path that is not a mapping's literal
 * path — every path with a school code or an id in it — Spring tests the request against every one of the
 * application's several hundred mappings; that scan was 17 % of the CPU of a visitor booking. Here the mappings are
 * indexed once by the shape of their patterns (number of segments, first segment, last segment or "a variable"), so
 * a request is tested only against the few mappings whose patterns could match it, with Spring's own matching,
 * ordering and {@link #handleMatch}; the answer is the one Spring would give.
 *
 * <p>Whatever the index cannot decide exactly goes to Spring's full lookup unchanged: encoded or matrix-parameter
 * paths (patterns match decoded segments), CORS pre-flight requests, no match among the candidates (so 404, 405 and
 * 415 are Spring's own), a tie between two candidates (Spring's ambiguity error), and patterns with multi-segment
 * wildcards or a variable first segment, which are tested for every request as before.
 */
class IndexedHandlerMapping extends RequestMappingHandlerMapping {

    /** The mappings a request may match, by shape; built on first use (mappings are registered at start-up). */
    private volatile Index index;

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Index current = index();
        List<RequestMappingInfo> candidates = current.candidates(lookupPath);
        if (candidates == null || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        RequestMappingInfo best = null;
        RequestMappingInfo bestOrigin = null;
        RequestMappingInfo second = null;
        Comparator<RequestMappingInfo> comparator = null;
        for (RequestMappingInfo candidate : candidates) {
            RequestMappingInfo match = getMatchingMapping(candidate, request);
            if (match == null) {
                continue;
            }
            if (best == null) {
                best = match;
                bestOrigin = candidate;
                continue;
            }
            if (comparator == null) {
                comparator = getMappingComparator(request);
            }
            if (comparator.compare(match, best) < 0) {
                second = best;
                best = match;
                bestOrigin = candidate;
            } else if (second == null || comparator.compare(match, second) < 0) {
                second = match;
            }
        }
        if (best == null || (second != null && comparator.compare(best, second) == 0)) {
            return super.lookupHandlerMethod(lookupPath, request); // Spring's 404/405/415 or ambiguity error
        }
        // The handler is registered under the mapping as declared; the match is that mapping narrowed to the request.
        HandlerMethod handler = current.handlers.get(bestOrigin);
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(best, lookupPath, request);
        return handler;
    }

    /** The mappings a request for the path is tested against, or null for Spring's full look-up. */
    List<RequestMappingInfo> candidates(String path) {
        return index().candidates(path);
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            index = current = new Index(getHandlerMethods());
        }
        return current;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, java.lang.reflect.Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }

    private final class Index {

        final Map<RequestMappingInfo, HandlerMethod> handlers;
        /** The literal paths of mappings: Spring looks them up in its own map first, so the index leaves them to it. */
        final Set<String> direct = new HashSet<>();
        /** Pattern mappings by shape: {@code segments|first|last}, last being {@code *} for a variable one. */
        final Map<String, List<RequestMappingInfo>> byShape = new HashMap<>();
        /** Patterns the index cannot place: tested for every request. */
        final List<RequestMappingInfo> always = new ArrayList<>();

        Index(Map<RequestMappingInfo, HandlerMethod> handlers) {
            this.handlers = handlers;
            for (RequestMappingInfo info : handlers.keySet()) {
                for (String path : getDirectPaths(info)) {
                    direct.add(path);
                }
                PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
                Set<String> values = patterns == null ? Set.of() : patterns.getPatternValues();
                if (values.isEmpty()) {
                    always.add(info);
                }
                Set<String> shapes = new LinkedHashSet<>();
                for (String pattern : values) {
                    String shape = shapeOfPattern(pattern);
                    if (shape == null) {
                        always.add(info);
                        shapes.clear();
                        break;
                    }
                    shapes.add(shape);
                }
                for (String shape : shapes) {
                    byShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(info);
                }
            }
        }

        /** The mappings the path may match, or null when the index cannot narrow them down exactly. */
        List<RequestMappingInfo> candidates(String path) {
            if (path.isEmpty()
                    || path.charAt(0) != '/'
                    || path.indexOf('%') >= 0
                    || path.indexOf(';') >= 0
                    || path.contains("//")) {
                return null;
            }
            if (direct.contains(path)) {
                return null; // a literal path: Spring's own direct look-up is already a map look-up
            }
            String[] segments = path.substring(1).split("/", -1);
            String prefix = segments.length + "|" + segments[0] + "|";
            List<RequestMappingInfo> literalLast = byShape.get(prefix + segments[segments.length - 1]);
            List<RequestMappingInfo> variableLast = byShape.get(prefix + "*");
            List<RequestMappingInfo> found = new ArrayList<>((literalLast == null ? 0 : literalLast.size())
                    + (variableLast == null ? 0 : variableLast.size())
                    + always.size());
            if (literalLast != null) {
                found.addAll(literalLast);
            }
            if (variableLast != null) {
                found.addAll(variableLast);
            }
            found.addAll(always);
            return found;
        }
    }

    /**
     * {@code segments|first|last} of a pattern whose segments each match exactly one path segment and whose first
     * segment is literal; null for any other (a {@code **} or {@code {*rest}} wildcard, a variable first segment).
     * A last segment with a variable or wildcard in it becomes {@code *}.
     */
    static String shapeOfPattern(String pattern) {
        if (pattern.isEmpty() || pattern.charAt(0) != '/' || pattern.contains("**") || pattern.contains("{*")) {
            return null;
        }
        String[] segments = pattern.substring(1).split("/", -1);
        String first = segments[0];
        if (first.isEmpty() || isVariable(first)) {
            return null;
        }
        String last = segments[segments.length - 1];
        return segments.length + "|" + first + "|" + (isVariable(last) ? "*" : last);
    }

    private static boolean isVariable(String segment) {
        return segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }
}
