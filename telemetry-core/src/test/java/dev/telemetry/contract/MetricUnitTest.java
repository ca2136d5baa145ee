package dev.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricUnitTest {

    @Test
    void onlySecondsAndMillisecondsAreTimeBased() {
        assertThat(MetricUnit.SECONDS.isTimeBased()).isTrue();
        assertThat(MetricUnit.MILLISECONDS.isTimeBased()).isTrue();
        assertThat(MetricUnit.BYTES.isTimeBased()).isFalse();
        assertThat(MetricUnit.RATIO.isTimeBased()).isFalse();
        assertThat(MetricUnit.NONE.isTimeBased()).isFalse();
        assertThat(MetricUnit.custom("widgets").isTimeBased()).isFalse();
    }

    @Test
    void customUnitWithAKnownSuffixEqualsTheConstant() {
        assertThat(MetricUnit.custom("seconds")).isEqualTo(MetricUnit.SECONDS);
        assertThat(MetricUnit.custom("seconds").isTimeBased()).isTrue();
    }

    @Test
    void customUnitKeepsItsSuffix() {
        assertThat(MetricUnit.custom("connections").suffix()).isEqualTo("connections");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Widgets", "widget_s", "widgets2", "wid gets", "abcdefghijklmnopqrstuvwxyzabcdefg"})
    void customUnitRejectsAnythingButOneToThirtyTwoLowercaseLetters(String suffix) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MetricUnit.custom(suffix))
                .withMessageContaining("'" + suffix + "'")
                .withMessageContaining("[a-z]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"minutes", "nanoseconds", "ms"})
    void customUnitRejectsTimeUnitsThatWouldNotCountAsTime(String suffix) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MetricUnit.custom(suffix))
                .withMessageContaining("'" + suffix + "' is a time unit")
                .withMessageContaining("SECONDS");
    }

    @Test
    void noneHasAnEmptySuffixAndReadsAsNone() {
        assertThat(MetricUnit.NONE.isNone()).isTrue();
        assertThat(MetricUnit.NONE.suffix()).isEmpty();
        assertThat(MetricUnit.NONE).hasToString("none");
        assertThat(MetricUnit.BYTES.isNone()).isFalse();
    }
}
