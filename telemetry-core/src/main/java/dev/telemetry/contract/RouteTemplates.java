package dev.telemetry.contract;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns raw request paths into route templates, so a route label holds {@code /users/{id}} rather
 * than one series per user. Immutable and thread-safe.
 *
 * <p>{@link #normalise(String)} drops the query string and fragment (and a leading
 * {@code scheme://authority}), collapses repeated slashes, drops a trailing slash, and replaces
 * each path segment that is
 * <ul>
 *   <li>all digits with {@code {id}};</li>
 *   <li>a UUID ({@code 8-4-4-4-12} hex) with {@code {uuid}};</li>
 *   <li>16 or more hex digits with {@code {hex}};</li>
 *   <li>an email address (an {@code @} followed later by a dot) with {@code {email}};</li>
 *   <li>an opaque token (20 or more base64url characters mixing letters and digits, or a JWT) with
 *       {@code {token}};</li>
 *   <li>matched by a custom pattern with that pattern's placeholder, tried in declaration order.</li>
 * </ul>
 * Segments that are already templates ({@code {name}}, {@code :name}, {@code *}, {@code **}) are
 * kept. A result is capped at {@value #MAX_SEGMENTS} segments and {@value #MAX_LENGTH} characters:
 * past either cap, the route is cut at a segment boundary and ends in
 * {@code /}{@value #TRUNCATION_MARKER}. An empty path becomes {@code /}.
 *
 * <pre>{@code
 * RouteTemplates routes = RouteTemplates.builder()
 *     .pattern("[a-z]{2}-[A-Z]{2}", "{locale}")
 *     .build();
 * routes.normalise("/en-GB/users/123/orders?page=2");  // "/{locale}/users/{id}/orders"
 * }</pre>
 *
 * <p>On the recording path, call {@link #isNormalised(String)} first: it scans the characters
 * once and allocates nothing (with custom patterns it must run the regexes, which allocate a
 * matcher per segment). Only when it returns false is {@link #normalise(String)} worth its
 * allocation; given a normalised route, {@code normalise} returns that same instance.
 */
public final class RouteTemplates {

    /** The longest normalised route, in characters. */
    public static final int MAX_LENGTH = 256;
    /** The most segments a normalised route has. */
    public static final int MAX_SEGMENTS = 32;
    /** The last segment of a route cut at {@link #MAX_LENGTH} or {@link #MAX_SEGMENTS}. */
    public static final String TRUNCATION_MARKER = "{truncated}";

    private static final String ROOT = "/";
    private static final String TRUNCATION_SEGMENT = "/" + TRUNCATION_MARKER;
    private static final RouteTemplates DEFAULTS = new RouteTemplates(List.of());

    private final List<CustomPattern> customPatterns;

    private RouteTemplates(List<CustomPattern> customPatterns) {
        this.customPatterns = List.copyOf(customPatterns);
    }

    /** The default rules only. */
    public static RouteTemplates defaults() {
        return DEFAULTS;
    }

    /** A builder adding custom segment patterns to the default rules. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether {@code route} is already what {@link #normalise(String)} would return. Allocation-free
     * for the default rules; null is not normalised.
     */
    public boolean isNormalised(String route) {
        if (route == null) {
            return false;
        }
        int length = route.length();
        if (length == 0 || length > MAX_LENGTH || route.charAt(0) != '/') {
            return false;
        }
        if (length == 1) {
            return true;
        }
        if (route.charAt(length - 1) == '/') {
            return false;
        }
        int segments = 0;
        int start = 1;
        while (true) {
            int end = start;
            while (end < length) {
                char c = route.charAt(end);
                if (c == '/') {
                    break;
                }
                if (c == '?' || c == '#') {
                    return false;
                }
                end++;
            }
            if (end == start || ++segments > MAX_SEGMENTS || placeholderFor(route, start, end) != null) {
                return false;
            }
            if (end == length) {
                return true;
            }
            start = end + 1;
        }
    }

    /**
     * The route template for {@code route}; the same instance when it is already normalised.
     *
     * @throws NullPointerException if {@code route} is null
     */
    public String normalise(String route) {
        Objects.requireNonNull(route, "route");
        if (isNormalised(route)) {
            return route;
        }
        int end = pathEnd(route);
        int position = pathStart(route, end);
        StringBuilder template = new StringBuilder(Math.min(end - position + 16, MAX_LENGTH + 16));
        int segments = 0;
        while (position < end) {
            if (route.charAt(position) == '/') {
                position++;
                continue;
            }
            int segmentEnd = indexOfSlash(route, position, end);
            if (segments == MAX_SEGMENTS - 1 && hasSegment(route, segmentEnd, end)) {
                template.append(TRUNCATION_SEGMENT);
                break;
            }
            String placeholder = placeholderFor(route, position, segmentEnd);
            template.append('/');
            if (placeholder == null) {
                template.append(route, position, segmentEnd);
            } else {
                template.append(placeholder);
            }
            segments++;
            position = segmentEnd;
        }
        if (template.length() > MAX_LENGTH) {
            // Cut at the last segment boundary that leaves room for the marker.
            template.setLength(template.lastIndexOf("/", MAX_LENGTH - TRUNCATION_SEGMENT.length()));
            template.append(TRUNCATION_SEGMENT);
        }
        return template.length() == 0 ? ROOT : template.toString();
    }

    /** The placeholder replacing {@code route[start, end)}, or null to keep the segment. */
    private String placeholderFor(String route, int start, int end) {
        if (RouteSegments.isTemplate(route, start, end)) {
            return null;
        }
        String placeholder = RouteSegments.defaultPlaceholder(route, start, end);
        if (placeholder != null || customPatterns.isEmpty()) {
            return placeholder;
        }
        CharSequence segment = CharBuffer.wrap(route, start, end);
        for (CustomPattern custom : customPatterns) {
            if (custom.pattern().matcher(segment).matches()) {
                return custom.placeholder();
            }
        }
        return null;
    }

    /** Where the path ends: at the query string or fragment. */
    private static int pathEnd(String route) {
        for (int i = 0; i < route.length(); i++) {
            char c = route.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return route.length();
    }

    /** Where the path starts: after {@code scheme://authority} when the route is an absolute URL. */
    private static int pathStart(String route, int end) {
        int scheme = route.indexOf("://");
        if (scheme <= 0 || scheme >= end || indexOfSlash(route, 0, scheme) < scheme) {
            return 0;
        }
        return indexOfSlash(route, scheme + 3, end);
    }

    private static int indexOfSlash(String route, int from, int end) {
        for (int i = from; i < end; i++) {
            if (route.charAt(i) == '/') {
                return i;
            }
        }
        return end;
    }

    private static boolean hasSegment(String route, int from, int end) {
        for (int i = from; i < end; i++) {
            if (route.charAt(i) != '/') {
                return true;
            }
        }
        return false;
    }

    private record CustomPattern(Pattern pattern, String placeholder) {}

    /** Collects custom segment patterns. Not thread-safe. */
    public static final class Builder {
        private final List<CustomPattern> patterns = new ArrayList<>();

        private Builder() {}

        /**
         * Replaces every path segment that {@code regexForOneSegment} matches in full with
         * {@code placeholder}. Applied after the default rules, in declaration order.
         *
         * @param regexForOneSegment a regex matched against one segment (no slashes)
         * @param placeholder a template such as {@code {locale}}: a name of letters, digits and
         *     underscores (not starting with a digit) in braces
         * @throws IllegalArgumentException naming the value when the regex does not compile or the
         *     placeholder is not a template
         */
        public Builder pattern(String regexForOneSegment, String placeholder) {
            Objects.requireNonNull(regexForOneSegment, "regexForOneSegment");
            Objects.requireNonNull(placeholder, "placeholder");
            if (!placeholder.startsWith("{") || !RouteSegments.isTemplate(placeholder, 0, placeholder.length())) {
                throw new IllegalArgumentException("placeholder '" + placeholder
                        + "' must be a name in braces such as {locale} ([A-Za-z_][A-Za-z0-9_]* of at most "
                        + RouteSegments.MAX_TEMPLATE_NAME_LENGTH + " characters)");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regexForOneSegment);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regexForOneSegment '" + regexForOneSegment
                        + "' must be a valid regular expression: " + e.getDescription(), e);
            }
            patterns.add(new CustomPattern(pattern, placeholder));
            return this;
        }

        /** The route templates; the shared defaults when no pattern was added. */
        public RouteTemplates build() {
            return patterns.isEmpty() ? DEFAULTS : new RouteTemplates(patterns);
        }
    }
}
