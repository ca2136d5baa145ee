package dev.telemetry.contract;

import static dev.telemetry.contract.GoldenSignal.ERRORS;
import static dev.telemetry.contract.GoldenSignal.LATENCY;
import static dev.telemetry.contract.GoldenSignal.SATURATION;
import static dev.telemetry.contract.GoldenSignal.TRAFFIC;
import static dev.telemetry.contract.MetricUnit.RATIO;
import static dev.telemetry.contract.MetricUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

class MetricContractTest {

    private static MetricContract httpContract() {
        return MetricContract.builder()
                .counter("http_server_requests_total", m -> m
                        .signal(TRAFFIC).labels("route", "method", "status").description("HTTP requests served"))
                .counter("http_server_errors_total", m -> m.signal(ERRORS).labels("route", "status_class"))
                .histogram("http_server_duration_seconds", m -> m
                        .unit(SECONDS).signal(LATENCY).labels("route", "method").cardinalityBudget(200))
                .gauge("db_pool_utilization_ratio", m -> m.unit(RATIO).signal(SATURATION))
                .build();
    }

    @Test
    void findsDeclaredMetricsByName() {
        MetricContract contract = httpContract();

        assertThat(contract.find("http_server_duration_seconds")).hasValueSatisfying(d -> {
            assertThat(d.kind()).isEqualTo(MetricKind.HISTOGRAM);
            assertThat(d.unit()).isEqualTo(SECONDS);
            assertThat(d.cardinalityBudget()).isEqualTo(200);
            assertThat(d.routeLabel()).isEqualTo("route");
        });
        assertThat(contract.find("unknown_total")).isEmpty();
        assertThat(contract.find(null)).isEmpty();
    }

    @Test
    void requireNamesTheMissingMetric() {
        MetricContract contract = httpContract();

        assertThat(contract.require("http_server_requests_total").description()).isEqualTo("HTTP requests served");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> contract.require("http_client_requests_total"))
                .withMessage("metric 'http_client_requests_total' is not declared in the contract");
    }

    @Test
    void definitionsKeepDeclarationOrder() {
        assertThat(httpContract().definitions()).extracting(MetricDefinition::name).containsExactly(
                "http_server_requests_total", "http_server_errors_total",
                "http_server_duration_seconds", "db_pool_utilization_ratio");
        assertThat(httpContract().definitions()).isUnmodifiable();
    }

    @Test
    void groupsDefinitionsBySignal() {
        MetricContract contract = httpContract();

        assertThat(contract.bySignal(TRAFFIC)).extracting(MetricDefinition::name)
                .containsExactly("http_server_requests_total");
        assertThat(contract.bySignal(SATURATION)).extracting(MetricDefinition::name)
                .containsExactly("db_pool_utilization_ratio");
        assertThat(contract.bySignal(GoldenSignal.NONE)).isEmpty();
    }

    @Test
    void validContractRoundTripsThroughItsDefinitions() {
        MetricContract original = httpContract();
        MetricContract.Builder copy = MetricContract.builder();
        original.definitions().forEach(copy::add);

        assertThat(copy.build()).isEqualTo(original).hasSameHashCodeAs(original);
    }

    @Test
    void emptyContractDeclaresNothing() {
        assertThat(MetricContract.empty().definitions()).isEmpty();
        assertThat(MetricContract.empty().find("anything_total")).isEmpty();
        assertThat(MetricContract.builder().build()).isSameAs(MetricContract.empty());
    }

    @Test
    void acceptsAUnitBearingCounterAndCustomUnits() {
        MetricContract contract = MetricContract.builder()
                .counter("process_cpu_seconds_total", m -> m.unit(SECONDS))
                .gauge("ws_active_connections", m -> m.unit(MetricUnit.custom("connections")))
                .histogram("http_request_size_bytes", m -> m.unit(MetricUnit.BYTES).signal(TRAFFIC))
                .build();

        assertThat(contract.definitions()).hasSize(3);
    }

    @Test
    void acceptsBoundaryLimits() {
        MetricContract contract = MetricContract.builder()
                .counter("a" + "b".repeat(93) + "_total", m -> m
                        .labels("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8",
                                "k9", "k10", "k11", "k12", "k13", "k14", "k15", "k16")
                        .cardinalityBudget(10_000).maxLabelValueLength(8))
                .counter("b_total", m -> m.cardinalityBudget(1).maxLabelValueLength(1024))
                .build();

        assertThat(contract.definitions().get(0).name()).hasSize(100);
    }

    // --- one test per rule: the message names the metric and the rule ---

    @Test
    void rejectsNamesThatAreNotSnakeCase() {
        assertThatThrownBy(() -> MetricContract.builder()
                .histogram("HttpLatency", m -> m.unit(SECONDS)).build())
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("metric 'HttpLatency': name must be lowercase snake_case "
                        + "([a-z][a-z0-9]*(_[a-z0-9]+)*)");
    }

    @Test
    void rejectsNamesLongerThanOneHundredCharacters() {
        String name = "a".repeat(95) + "_total";
        assertViolation(MetricContract.builder().counter(name, m -> { }),
                "metric '" + name + "': name must be at most 100 characters (was 101)");
    }

    @Test
    void rejectsCountersNotEndingInTotal() {
        assertViolation(MetricContract.builder().counter("http_requests", m -> { }),
                "metric 'http_requests': counter name must end with '_total'");
    }

    @Test
    void rejectsCountersWhoseNameOmitsTheirUnit() {
        assertViolation(MetricContract.builder().counter("cpu_total", m -> m.unit(SECONDS)),
                "metric 'cpu_total': counter name must end with '_seconds_total'");
    }

    @Test
    void rejectsGaugesAndHistogramsWithoutAUnit() {
        assertViolation(MetricContract.builder().gauge("queue_depth_items", m -> { }),
                "metric 'queue_depth_items': gauge must declare a unit");
        assertViolation(MetricContract.builder().histogram("payload_bytes", m -> { }),
                "metric 'payload_bytes': histogram must declare a unit");
    }

    @Test
    void rejectsGaugesAndHistogramsNotEndingInTheirUnitSuffix() {
        assertViolation(MetricContract.builder().histogram("http_latency", m -> m.unit(SECONDS)),
                "metric 'http_latency': histogram name must end with '_seconds' (the suffix of its unit)");
        assertViolation(MetricContract.builder().gauge("heap_used", m -> m.unit(MetricUnit.BYTES)),
                "metric 'heap_used': gauge name must end with '_bytes' (the suffix of its unit)");
    }

    @Test
    void rejectsTotalSuffixOnNonCounters() {
        assertViolation(MetricContract.builder().gauge("jobs_total", m -> m.unit(MetricUnit.ITEMS)),
                "metric 'jobs_total': gauge name must not end with '_total' (reserved for counters)");
    }

    @Test
    void rejectsLabelKeysThatAreNotSnakeCase() {
        assertViolation(MetricContract.builder().counter("a_total", m -> m.labels("http.route")),
                "metric 'a_total': label key 'http.route' must be lowercase snake_case");
    }

    @Test
    void rejectsLabelKeysLongerThanSixtyFourCharacters() {
        String key = "k".repeat(65);
        assertViolation(MetricContract.builder().counter("a_total", m -> m.labels(key)),
                "metric 'a_total': label key '" + key + "' must be at most 64 characters (was 65)");
    }

    @Test
    void rejectsDuplicateLabelKeys() {
        assertViolation(MetricContract.builder().counter("a_total", m -> m.labels("method", "method")),
                "metric 'a_total': label key 'method' is declared more than once");
    }

    @Test
    void rejectsMoreThanSixteenLabelKeys() {
        String[] keys = new String[17];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "k" + i;
        }
        assertViolation(MetricContract.builder().counter("a_total", m -> m.labels(keys)),
                "metric 'a_total': at most 16 label keys are allowed (was 17)");
    }

    @Test
    void rejectsReservedLabelKeys() {
        for (String key : new String[] {"node", "service", "le", "quantile", "__name__"}) {
            assertViolation(MetricContract.builder().counter("a_total", m -> m.labels(key)),
                    "metric 'a_total': label key '" + key + "' is reserved (reserved keys: node, service, le, "
                            + "quantile and any key starting with '__')");
        }
    }

    @Test
    void rejectsCardinalityBudgetOutsideItsRange() {
        assertViolation(MetricContract.builder().counter("a_total", m -> m.cardinalityBudget(0)),
                "metric 'a_total': cardinalityBudget must be in [1, 10000] (was 0)");
        assertViolation(MetricContract.builder().counter("a_total", m -> m.cardinalityBudget(10_001)),
                "metric 'a_total': cardinalityBudget must be in [1, 10000] (was 10001)");
    }

    @Test
    void rejectsMaxLabelValueLengthOutsideItsRange() {
        assertViolation(MetricContract.builder().counter("a_total", m -> m.maxLabelValueLength(7)),
                "metric 'a_total': maxLabelValueLength must be in [8, 1024] (was 7)");
        assertViolation(MetricContract.builder().counter("a_total", m -> m.maxLabelValueLength(1025)),
                "metric 'a_total': maxLabelValueLength must be in [8, 1024] (was 1025)");
    }

    @Test
    void rejectsDuplicateMetricNamesOnce() {
        ContractException e = catchContractException(MetricContract.builder()
                .counter("a_total", m -> { })
                .counter("a_total", m -> { })
                .counter("a_total", m -> { }));

        assertThat(e.violations()).containsExactly(
                "metric 'a_total': declared more than once; metric names must be unique in a contract");
    }

    @Test
    void rejectsRouteLabelThatIsNotALabelKey() {
        assertViolation(MetricContract.builder().counter("a_total", m -> m.labels("method").routeLabel("path")),
                "metric 'a_total': routeLabel 'path' must be one of the label keys [method]");
    }

    @Test
    void latencyRequiresAHistogramInATimeUnit() {
        assertViolation(MetricContract.builder().gauge("response_seconds", m -> m.unit(SECONDS).signal(LATENCY)),
                "metric 'response_seconds': signal LATENCY requires a histogram with a time unit "
                        + "(seconds or milliseconds) (was gauge in unit 'seconds')");
        assertViolation(MetricContract.builder().histogram("payload_bytes", m -> m.unit(MetricUnit.BYTES).signal(LATENCY)),
                "metric 'payload_bytes': signal LATENCY requires a histogram with a time unit "
                        + "(seconds or milliseconds) (was histogram in unit 'bytes')");
    }

    @Test
    void latencyAcceptsMilliseconds() {
        assertThat(MetricContract.builder()
                .histogram("db_query_duration_milliseconds", m -> m.unit(MetricUnit.MILLISECONDS).signal(LATENCY))
                .build().definitions()).hasSize(1);
    }

    @Test
    void errorsRequireACounter() {
        assertViolation(MetricContract.builder().gauge("failures_ratio", m -> m.unit(RATIO).signal(ERRORS)),
                "metric 'failures_ratio': signal ERRORS requires a counter (was gauge in unit 'ratio')");
    }

    @Test
    void trafficRequiresACounterOrHistogram() {
        assertViolation(MetricContract.builder().gauge("ws_active_connections",
                        m -> m.unit(MetricUnit.custom("connections")).signal(TRAFFIC)),
                "metric 'ws_active_connections': signal TRAFFIC requires a counter or a histogram "
                        + "(was gauge in unit 'connections')");
    }

    @Test
    void saturationRequiresAGaugeInRatioOrPercent() {
        assertViolation(MetricContract.builder().gauge("heap_used_bytes", m -> m.unit(MetricUnit.BYTES).signal(SATURATION)),
                "metric 'heap_used_bytes': signal SATURATION requires a gauge in unit 'ratio' or 'percent' "
                        + "(was gauge in unit 'bytes')");
        assertViolation(MetricContract.builder().counter("dropped_spans_total", m -> m.signal(SATURATION)),
                "metric 'dropped_spans_total': signal SATURATION requires a gauge in unit 'ratio' or 'percent' "
                        + "(was counter in unit 'none')");
        assertThat(MetricContract.builder()
                .gauge("heap_used_percent", m -> m.unit(MetricUnit.PERCENT).signal(SATURATION))
                .build().definitions()).hasSize(1);
    }

    @Test
    void rejectsLabelKeysForbiddenByACallerSuppliedPolicy() {
        assertViolation(MetricContract.builder()
                        .validateLabelKeys(key -> key.contains("email"), "personal data is never a label")
                        .counter("signups_total", m -> m.labels("plan", "user_email")),
                "metric 'signups_total': label key 'user_email' is forbidden: personal data is never a label");
    }

    @Test
    void reportsEveryViolationOfEveryMetricTogether() {
        ContractException e = catchContractException(MetricContract.builder()
                .histogram("HttpLatency", m -> m.signal(LATENCY).labels("route", "le").cardinalityBudget(0))
                .counter("ok_total", m -> m.signal(TRAFFIC))
                .gauge("queue_total", m -> m.unit(MetricUnit.ITEMS).signal(ERRORS).maxLabelValueLength(2)));

        assertThat(e.violations()).containsExactly(
                "metric 'HttpLatency': name must be lowercase snake_case ([a-z][a-z0-9]*(_[a-z0-9]+)*)",
                "metric 'HttpLatency': histogram must declare a unit (MetricUnit.SECONDS, BYTES, RATIO, … "
                        + "or MetricUnit.custom(\"…\"))",
                "metric 'HttpLatency': label key 'le' is reserved (reserved keys: node, service, le, quantile "
                        + "and any key starting with '__')",
                "metric 'HttpLatency': cardinalityBudget must be in [1, 10000] (was 0)",
                "metric 'HttpLatency': signal LATENCY requires a histogram with a time unit (seconds or "
                        + "milliseconds) (was histogram in unit 'none')",
                "metric 'queue_total': gauge name must not end with '_total' (reserved for counters)",
                "metric 'queue_total': gauge name must end with '_items' (the suffix of its unit)",
                "metric 'queue_total': maxLabelValueLength must be in [8, 1024] (was 2)",
                "metric 'queue_total': signal ERRORS requires a counter (was gauge in unit 'items')");
        assertThat(e).hasMessageStartingWith("invalid metric contract (9 violations):\n  metric 'HttpLatency'");
        assertThat(e.getMessage().lines().skip(1)).hasSize(9)
                .allSatisfy(line -> assertThat(line).startsWith("  metric '"));
    }

    /** Asserts that building fails with a violation line starting with {@code expectedLine}. */
    private static void assertViolation(MetricContract.Builder builder, String expectedLine) {
        ContractException e = catchContractException(builder);
        assertThat(e.violations()).anySatisfy(line -> assertThat(line).startsWith(expectedLine));
        assertThat(e).hasMessageContaining("\n  " + expectedLine);
    }

    private static ContractException catchContractException(MetricContract.Builder builder) {
        Throwable thrown = catchThrowable(builder::build);
        assertThat(thrown).isInstanceOf(ContractException.class).isInstanceOf(IllegalArgumentException.class);
        return (ContractException) thrown;
    }
}
