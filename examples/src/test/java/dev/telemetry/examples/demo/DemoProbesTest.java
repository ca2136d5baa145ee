package dev.telemetry.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.health.HealthStatus;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.jdbc.JdbcProbe;
import dev.telemetry.testkit.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's probes ask real things: an HTTP endpoint it serves and the databases it uses. */
class DemoProbesTest {
  @Test
  void searchClusterProbeFollowsWhatTheEndpointAnswers() throws Exception {
    SearchService search = SearchService.start();
    HttpProbe probe = new HttpProbe(search.healthUri(), Duration.ofSeconds(2), Duration.ofSeconds(1));
    try {
      ProbeResult up = probe.check();
      assertThat(up.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(up.detail()).startsWith("HTTP 200 in ");

      search.nodesUp(1);
      ProbeResult failing = probe.check();
      assertThat(failing.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(failing.detail()).startsWith("HTTP 503 in ");
    } finally {
      search.close();
    }
    assertThatThrownBy(probe::check).isInstanceOf(IOException.class); // the matrix reports it as down
  }

  @Test
  void storeProbeConnectsToTheDemosSqliteFileAndMemoryHasNone(@TempDir Path dir) throws Exception {
    String spec = "sqlite:" + dir.resolve("demo.db");
    try (var store = Demo.openStore(spec)) {
      ProbeResult result = JdbcProbe.of(Demo.storeDataSource(spec).orElseThrow(), Duration.ofSeconds(2)).check();
      assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    }
    assertThat(Demo.storeDataSource("memory")).isEmpty();
  }

  @Test
  void appDatabaseProbeConnectsToTheHostDatabase() throws Exception {
    HostDatabase host = HostDatabase.create(TestClock.at(Instant.parse("2026-11-23T12:00:00Z")));
    assertThat(JdbcProbe.of(host.dataSource(), Duration.ofSeconds(2)).check().status()).isEqualTo(HealthStatus.HEALTHY);
  }
}
