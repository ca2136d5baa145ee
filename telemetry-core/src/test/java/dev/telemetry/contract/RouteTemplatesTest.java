package dev.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTemplatesTest {

    private final RouteTemplates routes = RouteTemplates.defaults();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            /users/123/orders/9f1c2e3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b | /users/{id}/orders/{uuid}
            /users/123/orders/9F1C2E3A-4B5D-4E6F-8A9B-0C1D2E3F4A5B | /users/{id}/orders/{uuid}
            /v1/items?id=5                                         | /v1/items
            /users/123#section                                     | /users/{id}
            /a//b/                                                 | /a/b
            //a///b//                                              | /a/b
            ''                                                     | /
            /?q=1                                                  | /
            users/42                                               | /users/{id}
            https://example.com:8443/users/42?x=1                  | /users/{id}
            https://example.com                                    | /
            /commits/0123456789abcdef0123                          | /commits/{hex}
            /commits/deadbeefcafebabe                              | /commits/{hex}
            /users/jane.doe@example.com/profile                    | /users/{email}/profile
            /users/{jane@example.com}                              | /users/{email}
            /reset/AbCdEf0123456789XyZ_-q                          | /reset/{token}
            /api/customers/ZRsTDQpLmXwKqBvNyHcE/orders             | /api/customers/{token}/orders
            /callers/+14155550132/history                          | /callers/{phone}/history
            /callers/415-555-0132                                  | /callers/{phone}
            /auth/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl | /auth/{token}
            /archive/2024/report                                   | /archive/{id}/report
            /services/T024BE7LD/B08UKRW3L/orders                   | /services/{id}/{id}/orders
            """)
    void replacesVariableSegmentsWithPlaceholders(String raw, String template) {
        assertThat(routes.normalise(raw)).isEqualTo(template);
        assertThat(routes.isNormalised(raw)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/", "/static/app.js", "/api/v2/users", "/users/{id}/orders/:orderId/*", "/files/**",
            "/assets/bootstrap-5.3.2.bundle.min.js", "/@scope/package", "/cafe/deadbeef",
            "/docs/abcdefghijklmnopqrstuvwxyz", "/users/{userId}", "/api/getCustomerOrdersByStatus/open",
            "/reports/2026-11-23", "/api/OAUTH2/HTTP2", "/docs/RFC9110", "/a/" + RouteTemplates.TRUNCATION_MARKER})
    void keepsNormalisedRoutesAsTheSameInstance(String route) {
        String copy = new String(route);

        assertThat(routes.isNormalised(copy)).isTrue();
        assertThat(routes.normalise(copy)).isSameAs(copy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "users", "/users/", "//users", "/users?x=1", "/users#top", "/users/7"})
    void doesNotCallFixableRoutesNormalised(String route) {
        assertThat(routes.isNormalised(route)).isFalse();
    }

    @Test
    void nullIsNeverNormalisedAndCannotBeNormalised() {
        assertThat(routes.isNormalised(null)).isFalse();
        assertThatNullPointerException().isThrownBy(() -> routes.normalise(null)).withMessage("route");
    }

    @Test
    void capsTheNumberOfSegmentsWithATruncationMarker() {
        String raw = "/a".repeat(40);

        String template = routes.normalise(raw);

        assertThat(template).isEqualTo("/a".repeat(31) + "/{truncated}");
        assertThat(template.split("/")).hasSize(RouteTemplates.MAX_SEGMENTS + 1);
    }

    @Test
    void keepsExactlyTheMaximumNumberOfSegments() {
        String raw = "/a".repeat(RouteTemplates.MAX_SEGMENTS);

        assertThat(routes.normalise(raw + "/")).isEqualTo(raw);
        assertThat(routes.isNormalised(raw)).isTrue();
    }

    @Test
    void capsTheLengthAtASegmentBoundary() {
        String raw = "/abcdefghij".repeat(30);

        String template = routes.normalise(raw);

        assertThat(template).hasSizeLessThanOrEqualTo(RouteTemplates.MAX_LENGTH)
                .startsWith("/abcdefghij/").endsWith("/abcdefghij/{truncated}");
        assertThat(template.replace("/abcdefghij", "")).isEqualTo("/{truncated}");
    }

    @Test
    void replacesASingleOverlongSegmentByTheMarker() {
        assertThat(routes.normalise("/" + "a.".repeat(200))).isEqualTo("/{truncated}");
    }

    @Test
    void appliesCustomPatternsAfterTheDefaults() {
        RouteTemplates custom = RouteTemplates.builder()
                .pattern("[a-z]{2}-[A-Z]{2}", "{locale}")
                .pattern("[0-9]+|[a-z]+-[0-9]+", "{number}")
                .build();

        assertThat(custom.normalise("/en-GB/users/123/orders?page=2")).isEqualTo("/{locale}/users/{id}/orders");
        assertThat(custom.normalise("/tickets/abc-42")).isEqualTo("/tickets/{number}");
        assertThat(custom.isNormalised("/{locale}/users/{id}")).isTrue();
        assertThat(custom.isNormalised("/fr-FR/users")).isFalse();
        assertThat(routes.normalise("/fr-FR/users")).isEqualTo("/fr-FR/users");
    }

    @Test
    void builderWithoutPatternsGivesTheDefaults() {
        assertThat(RouteTemplates.builder().build()).isSameAs(RouteTemplates.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"locale", "{}", "{1st}", ":locale", "{lo-cale}", "{locale"})
    void rejectsPlaceholdersThatAreNotNamesInBraces(String placeholder) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RouteTemplates.builder().pattern("[a-z]+", placeholder))
                .withMessageStartingWith("placeholder '" + placeholder + "' must be a name in braces");
    }

    @Test
    void rejectsRegexesThatDoNotCompile() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RouteTemplates.builder().pattern("([a-z]", "{word}"))
                .withMessageStartingWith("regexForOneSegment '([a-z]' must be a valid regular expression");
    }
}
