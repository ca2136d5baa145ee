package dev.telemetry.http;

import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Page;
import dev.telemetry.store.TelemetryStore;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.testkit.StoreRows;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A capped export states, before its body, the range whose every matching row is in the body, and
 * the body holds exactly the rows of that range: on the in-memory store and on SQLite, for every
 * type, in CSV.
 */
class ExportCoveredRangeTest {
  private static final String EXPORT = "/admin/telemetry/api/v1/export";
  /** Rows written: two per second, so the cut falls between rows sharing an instant. */
  private static final int ROWS = 250;
  private static final int LIMIT = 101;

  @TempDir
  static Path dir;

  static Stream<Arguments> stores() {
    return Stream.of("memory", "sqlite").flatMap(store -> Stream.of("logs", "traces", "events", "metrics")
        .map(type -> Arguments.of(store, type)));
  }

  private static TelemetryStore store(String kind, String type) {
    return kind.equals("memory") ? InMemoryStore.create()
        : JdbcStore.sqlite(dir.resolve("export-" + type + "-" + System.nanoTime() + ".db"));
  }

  /** Row i is stamped at NOW minus (i / 2 + 1) seconds, newest first. */
  private static Instant ts(int i) {
    return NOW.minusSeconds(i / 2 + 1);
  }

  private static void write(TelemetryStore store, String type) {
    List<LogEvent> logs = new ArrayList<>();
    List<TraceRecord> spans = new ArrayList<>();
    List<dev.telemetry.store.BusinessEvent> events = new ArrayList<>();
    List<MetricSample> samples = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String id = String.format("%032x", i);
      switch (type) {
        case "logs" -> logs.add(StoreRows.log(ts(i), LogLevel.ERROR, "payments", "charge_failed", "row " + i, id));
        case "traces" -> spans.add(StoreRows.span(ts(i), id, "/cart/{id}", 200, 40));
        case "events" -> events.add(StoreRows.event(ts(i), "deployment_created", "s" + i, Map.of(),
            Outcome.SUCCESS));
        // metrics: one bucket per minute, two series each; row i is in minute i / 2 before NOW
        default -> samples.add(StoreRows.counter("http_server_requests_total", NOW.minusSeconds(60L * (i / 2 + 1)),
            "node-a", Map.of("route", "/r" + (i % 2)), 1, 10));
      }
    }
    store.write(StoreRows.batch(samples, logs, spans, events, List.of()));
  }

  /** Every row's start instant (ts or bucket start) as the store holds it, newest first. */
  private static List<Instant> stored(String type) {
    List<Instant> all = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      all.add(type.equals("metrics") ? NOW.minusSeconds(60L * (i / 2 + 1)) : ts(i));
    }
    return all;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stores")
  void aCappedCsvExportStatesTheRangeItsRowsCoverBeforeTheBody(String storeKind, String type) {
    try (DashboardFixture f = new DashboardFixture(store(storeKind, type), b -> b)) {
      write(f.store, type);
      String metric = type.equals("metrics") ? "&metric=http_server_requests_total" : "";
      DashboardFixture.Recorded csv = f.get(EXPORT + "?type=" + type + "&format=csv&limit=" + LIMIT + metric);

      assertThat(csv.status).isEqualTo(200);
      Instant coveredFrom = Instant.parse(csv.headers.get("X-Telemetry-Covered-From"));
      Instant coveredTo = Instant.parse(csv.headers.get("X-Telemetry-Covered-To"));
      assertThat(csv.headers).containsEntry("X-Telemetry-Truncated", "true");
      List<Instant> body = Arrays.stream(csv.text().split("\r\n")).skip(1)
          .map(line -> Instant.parse(line.substring(0, line.indexOf(',')))).toList();
      List<Instant> expected = stored(type).stream()
          .filter(t -> !t.isBefore(coveredFrom) && t.isBefore(coveredTo)).toList();
      // exactly the rows of the covered range, newest first; never more than the limit here
      assertThat(body).isEqualTo(expected).hasSizeLessThanOrEqualTo(LIMIT);
      // and the range is as wide as the limit allows: the cut is the first row left out
      Instant firstLeftOut = stored(type).get(LIMIT);
      assertThat(coveredFrom).isEqualTo(type.equals("metrics") ? firstLeftOut.plusSeconds(60)
          : firstLeftOut.plusMillis(1));
      assertThat(body).hasSize(100); // rows 100 and 101 share an instant (a bucket), so row 100 is not claimed

      // JSON states the same range for the same rows
      var json = f.get(EXPORT + "?type=" + type + "&format=json&limit=" + LIMIT + metric).json();
      assertThat(json.get("covered_from").asText()).isEqualTo(coveredFrom.toString());
      assertThat(json.get("row_count").asInt()).isEqualTo(body.size());
      assertThat(json.get("truncated").asBoolean()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stores")
  void anExportThatFitsCoversTheWholeRequestedRange(String storeKind, String type) {
    try (DashboardFixture f = new DashboardFixture(store(storeKind, type), b -> b)) {
      write(f.store, type);
      String metric = type.equals("metrics") ? "&metric=http_server_requests_total" : "";
      DashboardFixture.Recorded csv = f.get(EXPORT + "?type=" + type + "&format=csv" + metric);
      assertThat(csv.headers).containsEntry("X-Telemetry-Truncated", "false")
          .containsEntry("X-Telemetry-Covered-From", csv.headers.get("X-Telemetry-Range-From"))
          .containsEntry("X-Telemetry-Covered-To", csv.headers.get("X-Telemetry-Range-To"));
      assertThat(csv.text().split("\r\n")).hasSize(ROWS + 1);
    }
  }

  @Test
  void aLogWrittenIntoTheCoveredRangeWhileTheExportRunsIsInTheBody() {
    // The export reads the store twice (find the cut, then stream); a row that lands in between
    // must not break the claim that every row of the covered range is in the body.
    AtomicBoolean written = new AtomicBoolean();
    InMemoryStore memory = InMemoryStore.create();
    TelemetryStore store = new ForwardingStore(memory) {
      @Override
      public Page<LogEvent> readLogs(LogQuery query) {
        if (query.cursor() == null && !query.from().equals(NOW.minusSeconds(86_400))
            && written.compareAndSet(false, true)) {
          memory.write(StoreRows.logs(List.of(StoreRows.log(NOW.minusMillis(1), LogLevel.ERROR, "payments",
              "late", "written between the passes", null))));
        }
        return super.readLogs(query);
      }
    };
    try (DashboardFixture f = new DashboardFixture(store, b -> b)) {
      write(memory, "logs");
      DashboardFixture.Recorded csv = f.get(EXPORT + "?type=logs&format=csv&limit=" + LIMIT);
      Function<String, String> event = line -> line.split(",")[5];
      List<String> lines = Arrays.stream(csv.text().split("\r\n")).skip(1).toList();
      assertThat(written).isTrue();
      assertThat(lines).hasSize(101);
      assertThat(event.apply(lines.get(0))).isEqualTo("late");
      assertThat(csv.headers).containsEntry("X-Telemetry-Covered-From", ts(LIMIT).plusMillis(1).toString());
    }
  }
}
