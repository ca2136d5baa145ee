package dev.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDefinitionTest {

    @Test
    void builderAppliesTheDocumentedDefaults() {
        MetricDefinition definition = MetricDefinition.builder("jobs_total", MetricKind.COUNTER).build();

        assertThat(definition.unit()).isEqualTo(MetricUnit.NONE);
        assertThat(definition.signal()).isEqualTo(GoldenSignal.NONE);
        assertThat(definition.description()).isEmpty();
        assertThat(definition.labelKeys()).isEmpty();
        assertThat(definition.cardinalityBudget()).isEqualTo(100);
        assertThat(definition.routeLabel()).isNull();
        assertThat(definition.maxLabelValueLength()).isEqualTo(128);
    }

    @Test
    void routeBecomesTheRouteLabelWhenItIsALabelKey() {
        MetricDefinition definition = MetricDefinition.builder("requests_total", MetricKind.COUNTER)
                .labels("method", "route").build();

        assertThat(definition.routeLabel()).isEqualTo("route");
        assertThat(definition.isRouteLabel("route")).isTrue();
        assertThat(definition.isRouteLabel("method")).isFalse();
    }

    @Test
    void explicitRouteLabelOverridesTheDefault() {
        MetricDefinition renamed = MetricDefinition.builder("requests_total", MetricKind.COUNTER)
                .labels("route", "path").routeLabel("path").build();
        MetricDefinition none = MetricDefinition.builder("requests_total", MetricKind.COUNTER)
                .labels("route").routeLabel(null).build();

        assertThat(renamed.routeLabel()).isEqualTo("path");
        assertThat(none.routeLabel()).isNull();
        assertThat(none.isRouteLabel("route")).isFalse();
    }

    @Test
    void labelIndexIsThePositionInDeclarationOrder() {
        MetricDefinition definition = MetricDefinition.builder("requests_total", MetricKind.COUNTER)
                .labels("route", "method", "status").build();

        assertThat(definition.labelIndex("route")).isZero();
        assertThat(definition.labelIndex("method")).isEqualTo(1);
        assertThat(definition.labelIndex("status")).isEqualTo(2);
    }

    @Test
    void labelIndexIsMinusOneForKeysNotAllowed() {
        MetricDefinition definition = MetricDefinition.builder("requests_total", MetricKind.COUNTER)
                .labels("route").build();

        assertThat(definition.labelIndex("user_id")).isEqualTo(-1);
        assertThat(definition.labelIndex("Route")).isEqualTo(-1);
        assertThat(definition.labelIndex(null)).isEqualTo(-1);
    }

    @Test
    void labelKeysAreCopiedAndImmutable() {
        List<String> keys = new ArrayList<>(List.of("route"));
        MetricDefinition definition = new MetricDefinition("requests_total", MetricKind.COUNTER, MetricUnit.NONE,
                GoldenSignal.TRAFFIC, "", keys, 100, "route", 128);
        keys.add("method");

        assertThat(definition.labelKeys()).containsExactly("route");
        assertThat(definition.labelKeys()).isUnmodifiable();
    }

    @Test
    void labelsPassedToTheBuilderAreCopied() {
        String[] keys = {"route", "method"};
        MetricDefinition.Builder builder = MetricDefinition.builder("requests_total", MetricKind.COUNTER).labels(keys);
        keys[0] = "changed";

        assertThat(builder.build().labelKeys()).containsExactly("route", "method");
    }

    @Test
    void rejectsNullsNamingTheField() {
        assertThatNullPointerException()
                .isThrownBy(() -> MetricDefinition.builder(null, MetricKind.COUNTER))
                .withMessage("name");
        assertThatNullPointerException()
                .isThrownBy(() -> MetricDefinition.builder("a_total", MetricKind.COUNTER).unit(null))
                .withMessage("unit");
        assertThatNullPointerException()
                .isThrownBy(() -> MetricDefinition.builder("a_total", MetricKind.COUNTER).labels("route", null))
                .withMessage("label key at index 1");
    }
}
