package dev.telemetry.http;

import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.store.MetricSample;
import dev.telemetry.testkit.StoreRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /trends}: a step that covers only part of its time says so, and its rate is per covered time. */
class PartialStepsApiTest {
  private static final String TRENDS = "/admin/telemetry/api/v1/trends";
  private final DashboardFixture f = new DashboardFixture(); // started at NOW, 12:00:00

  @AfterEach
  void close() {
    f.close();
  }

  private static JsonNode at(JsonNode points, Instant ts) {
    for (JsonNode p : points) {
      if (p.get("ts").asText().equals(ts.toString())) {
        return p;
      }
    }
    throw new AssertionError("no point at " + ts);
  }

  @Test
  void anHourWithTenMinutesOfAnEarlierRunIsPartialAndItsRateIsPerThoseTenMinutes() {
    Instant hour = NOW.minus(Duration.ofHours(3));
    List<MetricSample> rows = new ArrayList<>();
    for (int m = 0; m < 10; m++) {
      rows.add(StoreRows.counter("http_server_requests_total", hour.plus(Duration.ofMinutes(m)), "node-b",
          Map.of("route", "/a"), 1, 120));
    }
    f.store.write(StoreRows.samples(rows.toArray(MetricSample[]::new)));

    JsonNode trend = f.get(TRENDS + "?metric=http_server_requests_total&range=7d").json();

    assertThat(trend.get("step_seconds").asInt()).isEqualTo(3600);
    JsonNode points = trend.get("series").get(0).get("points");
    JsonNode partial = at(points, hour);
    assertThat(partial.get("state").asText()).isEqualTo("partial");
    assertThat(partial.get("covered_seconds").asDouble()).isEqualTo(600);
    assertThat(partial.get("rate").asDouble()).as("1,200 requests in 10 minutes").isEqualTo(2.0);
    JsonNode gap = at(points, hour.plus(Duration.ofHours(1)));
    assertThat(gap.get("state").asText()).isEqualTo("missing");
    assertThat(gap.get("covered_seconds").asDouble()).isZero();
  }
}
