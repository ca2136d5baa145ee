package dev.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.Telemetry;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.testkit.StoreRows;
import dev.telemetry.testkit.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A telemetry instance on an in-memory store with a test clock, and a dashboard over it. */
final class DashboardFixture implements AutoCloseable {
  static final String TOKEN = "s3cr3t-token-for-tests-0123456789";
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  final TestClock clock = TestClock.at(NOW);
  final TelemetryStore store;
  final Telemetry telemetry;
  final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  final TelemetryDashboard dashboard;

  DashboardFixture() {
    this(InMemoryStore.create(), b -> b);
  }

  DashboardFixture(TelemetryStore store, java.util.function.UnaryOperator<TelemetryDashboard.Builder> settings) {
    this.store = store;
    this.telemetry = Telemetry.builder().service("shop").environment("test").node("node-a").store(store)
        .clock(clock).backgroundThreads(false).closeOnShutdown(false)
        .contract(dev.telemetry.contract.StandardMetrics.addHttpServer(dev.telemetry.contract.MetricContract.builder())
            .build())
        .build();
    this.dashboard = settings.apply(TelemetryDashboard.builder(telemetry)
        .authorizer(Authorizer.bearerToken("ops", TOKEN))
        .audit(audit::add)
        .manualLiveFeed()).build();
  }

  /** {@code count} log events one second apart, newest at NOW minus one second, every third an ERROR. */
  void logs(int count) {
    logs(count, 0);
  }

  /** As {@link #logs(int)}, each message padded with {@code padding} more characters (large exports). */
  void logs(int count, int padding) {
    List<LogEvent> rows = new ArrayList<>();
    String pad = padding == 0 ? "" : " " + "retrying later ".repeat(padding / 15 + 1).substring(0, padding);
    for (int i = 0; i < count; i++) {
      rows.add(StoreRows.log(NOW.minusSeconds(i + 1), i % 3 == 0 ? LogLevel.ERROR : LogLevel.WARN, "payments",
          "charge_failed", "charge " + i + " failed" + pad, String.format("%032x", i)));
    }
    for (int from = 0; from < rows.size(); from += 5000) {
      store.write(StoreRows.logs(rows.subList(from, Math.min(rows.size(), from + 5000))));
    }
  }

  void spans(int count) {
    List<TraceRecord> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(StoreRows.span(NOW.minusSeconds(i + 1), String.format("%032x", i), "/cart/{id}",
          i % 4 == 0 ? 503 : 200, i % 5 == 0 ? 2500 : 40));
    }
    store.write(StoreRows.traces(rows));
  }

  /** Calls the handler directly (no network). */
  Recorded get(String pathAndQuery) {
    return call("GET", pathAndQuery, TOKEN);
  }

  Recorded call(String method, String pathAndQuery, String token) {
    return call(method, pathAndQuery, token, Map.of());
  }

  Recorded call(String method, String pathAndQuery, String token, Map<String, String> extraHeaders) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(extraHeaders);
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    Recorded r = new Recorded();
    dashboard.handle(DashboardRequest.of(method, path, query, headers::get), r);
    return r;
  }

  @Override
  public void close() {
    dashboard.close();
    telemetry.close();
  }

  /** A response captured in memory. */
  static final class Recorded implements DashboardResponse {
    int status = 200;
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int bodyCalls;

    @Override
    public void status(int code) {
      status = code;
    }

    @Override
    public void header(String name, String value) {
      headers.put(name, value);
    }

    @Override
    public OutputStream body() {
      bodyCalls++;
      return body;
    }

    String text() {
      return body.toString(UTF_8);
    }

    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body.toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
