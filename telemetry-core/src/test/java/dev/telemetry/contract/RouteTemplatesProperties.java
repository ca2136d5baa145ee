package dev.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

class RouteTemplatesProperties {

    private static final List<RouteTemplates> ALL_RULE_SETS = List.of(
            RouteTemplates.defaults(),
            RouteTemplates.builder()
                    .pattern("[a-z]{2}-[A-Z]{2}", "{locale}")
                    .pattern("[a-z]+-[a-z]+", "{slug}")
                    .build());

    // Written independently of RouteSegments, so a classifier bug cannot hide itself.
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern UUID_SHAPE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{16,}");
    private static final Pattern EMAIL = Pattern.compile(".+@.+\\..+");

    @Property
    void normaliseIsIdempotent(@ForAll("routes") String raw) {
        for (RouteTemplates routes : ALL_RULE_SETS) {
            String once = routes.normalise(raw);
            assertThat(routes.normalise(once)).isSameAs(once);
        }
    }

    @Property
    void normalisedRoutesHoldNoIdentifiers(@ForAll("routes") String raw) {
        for (RouteTemplates routes : ALL_RULE_SETS) {
            String template = routes.normalise(raw);
            assertThat(segments(template)).noneMatch(s -> ALL_DIGITS.matcher(s).matches()
                    || UUID_SHAPE.matcher(s).matches()
                    || LONG_HEX.matcher(s).matches()
                    || EMAIL.matcher(s).matches());
        }
    }

    @Property
    void normalisedRoutesAreBoundedAndWellFormed(@ForAll("routes") String raw) {
        String template = RouteTemplates.defaults().normalise(raw);

        assertThat(template).startsWith("/").hasSizeLessThanOrEqualTo(RouteTemplates.MAX_LENGTH)
                .doesNotContain("//", "?", "#");
        assertThat(segments(template)).hasSizeLessThanOrEqualTo(RouteTemplates.MAX_SEGMENTS);
    }

    @Property
    void normaliseOutputIsRecognisedAsNormalised(@ForAll("routes") String raw) {
        for (RouteTemplates routes : ALL_RULE_SETS) {
            assertThat(routes.isNormalised(routes.normalise(raw))).isTrue();
        }
    }

    @Property
    void normaliseReturnsNormalisedRoutesUnchanged(@ForAll("routes") String raw) {
        for (RouteTemplates routes : ALL_RULE_SETS) {
            if (routes.isNormalised(raw)) {
                assertThat(routes.normalise(raw)).isSameAs(raw);
            }
        }
    }

    @Property
    void arbitraryTextNormalisesIdempotently(@ForAll String raw) {
        RouteTemplates routes = RouteTemplates.defaults();
        String once = routes.normalise(raw);

        assertThat(routes.isNormalised(once)).isTrue();
        assertThat(routes.normalise(once)).isSameAs(once);
    }

    private static List<String> segments(String template) {
        return Arrays.stream(template.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    @Provide
    Arbitrary<String> routes() {
        Arbitrary<String> separator = Arbitraries.of("/", "/", "/", "//", "///", "");
        Arbitrary<String> pathSegment = Combinators.combine(separator, segments()).as(String::concat);
        Arbitrary<String> prefix = Arbitraries.of("", "", "https://example.com", "http://10.0.0.1:8080");
        Arbitrary<String> suffix = Arbitraries.of("", "", "/", "?id=5", "#top", "?a=1&b=/x#y", "//");
        return Combinators.combine(prefix, pathSegment.list().ofMaxSize(40), suffix)
                .as((p, path, s) -> p + String.join("", path) + s);
    }

    private static Arbitrary<String> segments() {
        Arbitrary<String> word = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(19);
        Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(8).ofMaxLength(40);
        Arbitrary<String> uuid = Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString());
        Arbitrary<String> email = Combinators.combine(word, word, word).as((user, host, tld) -> user + "@" + host + "." + tld);
        Arbitrary<String> token = Arbitraries.strings().alpha().numeric().withChars("-_=.").ofMinLength(12).ofMaxLength(48);
        Arbitrary<String> template = Arbitraries.of("{id}", ":id", "*", "**", "{userId}", "{truncated}", "{1}", ":");
        Arbitrary<String> locale = Arbitraries.of("en-GB", "fr-FR", "de-de", "my-slug", "v2", "app.js");
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(30);
        return Arbitraries.frequencyOf(
                weighted(4, word), weighted(3, digits), weighted(2, hex), weighted(2, uuid), weighted(2, email),
                weighted(2, token), weighted(2, template), weighted(1, locale), weighted(2, ascii));
    }

    private static Tuple2<Integer, Arbitrary<? extends String>> weighted(
            int weight, Arbitrary<? extends String> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }
}
