package dev.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.MutableClock;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.status.Threshold;
import dev.telemetry.store.Heartbeat;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryStore store = InMemoryStore.create();
  private int batch;

  @Test
  void heartbeatIsDownWhenNeverSeenOrOlderThanMaxAgeAcrossNodes() throws Exception {
    HealthProbe probe = Probes.heartbeat(store, clock, "worker", Duration.ofSeconds(60));
    assertThat(probe.check()).isEqualTo(ProbeResult.down("'worker' never seen"));

    write(List.of(), List.of(beat("worker", "a", T0.minusSeconds(300)), beat("worker", "b", T0.minusSeconds(60)),
        beat("other", "a", T0)));
    assertThat(probe.check()).isEqualTo(ProbeResult.healthy("'worker' last seen 60 s ago"));

    clock.advance(Duration.ofSeconds(1));
    assertThat(probe.check()).isEqualTo(ProbeResult.down("'worker' last seen 61 s ago (max 60 s)"));
  }

  @Test
  void errorRateAboveWarnIsDegradedAndNoTrafficIsHealthy() throws Exception {
    HealthProbe probe = Probes.errorRate(store, clock, "errors_total", "requests_total", Duration.ofMinutes(5),
        Threshold.higherIsWorse(1, 5));
    assertThat(probe.check()).isEqualTo(ProbeResult.healthy("no traffic"));

    Instant minute = T0.minusSeconds(120);
    write(List.of(counter("requests_total", minute, 1000), counter("errors_total", minute, 9),
        counter("errors_total", T0, 500)), List.of()); // the current minute is not complete: ignored
    assertThat(probe.check()).isEqualTo(ProbeResult.healthy("error rate 0.90% over 5 min"));

    write(List.of(counter("errors_total", minute.plusSeconds(60), 1)), List.of());
    assertThat(probe.check()).isEqualTo(ProbeResult.degraded("error rate 1.00% over 5 min"));
  }

  private void write(List<MetricSample> samples, List<Heartbeat> beats) {
    store.write(new WriteBatch("b" + batch++, "a", samples, List.of(), List.of(), List.of(), beats));
  }

  private static Heartbeat beat(String name, String node, Instant lastSeen) {
    return new Heartbeat(name, Heartbeat.Kind.SERVICE, node, lastSeen, Duration.ofSeconds(60), null, true, null);
  }

  private static MetricSample counter(String metric, Instant bucket, double delta) {
    return new MetricSample(bucket, Resolution.MINUTE, metric, "a", Map.of(), MetricKind.COUNTER, 1, delta,
        Double.NaN, Double.NaN, Double.NaN, null);
  }

}
