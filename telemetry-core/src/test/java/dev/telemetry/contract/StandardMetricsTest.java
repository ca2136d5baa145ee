package dev.telemetry.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandardMetricsTest {
  @Test
  void declaresOneMetricPerGoldenSignalThatPassesTheContractRules() {
    MetricContract contract =
        StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();

    assertThat(contract.bySignal(GoldenSignal.LATENCY)).extracting(MetricDefinition::name)
        .containsExactly(StandardMetrics.HTTP_SERVER_DURATION);
    assertThat(contract.bySignal(GoldenSignal.TRAFFIC)).extracting(MetricDefinition::name)
        .containsExactly(StandardMetrics.HTTP_SERVER_REQUESTS);
    assertThat(contract.bySignal(GoldenSignal.ERRORS)).extracting(MetricDefinition::name)
        .containsExactly(StandardMetrics.HTTP_SERVER_ERRORS);
    assertThat(contract.bySignal(GoldenSignal.SATURATION)).extracting(MetricDefinition::name)
        .containsExactly(StandardMetrics.DB_POOL_UTILIZATION, StandardMetrics.PROCESS_MEMORY_UTILIZATION);
    assertThat(contract.require(StandardMetrics.HTTP_SERVER_DURATION).routeLabel()).isEqualTo("route");
  }
}
