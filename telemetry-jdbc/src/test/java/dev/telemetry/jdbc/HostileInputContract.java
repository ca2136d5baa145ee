package dev.telemetry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.store.EventQuery;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Outcome;
import dev.telemetry.store.Resolution;
import dev.telemetry.store.SampleQuery;
import dev.telemetry.store.TraceQuery;
import dev.telemetry.testkit.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQL-shaped text in every filter and every stored field is data: it matches itself and nothing
 * else, and the tables survive. Run on each dialect (beyond what the conformance kit covers).
 */
abstract class HostileInputContract {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final List<String> HOSTILE = List.of("x'); DROP TABLE telemetry_logs; --", "' OR '1'='1", "\" OR 1=1 --",
      "%", "_", "\\", "'; SELECT pg_sleep(10); --", "$1", "?", "{\"route\": \"/a\"}", "\u0000nul");

  JdbcStore store;

  abstract JdbcStore open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
    store.write(StoreRows.batch(
        List.of(StoreRows.counter("ok_total", T0, "node-a", Map.of("route", "/a"), 1, 1)),
        List.of(StoreRows.log(T0, LogLevel.ERROR, "billing", "charge_failed", "plain message", null)),
        List.of(StoreRows.span(T0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1", "/a", 200, 5)),
        List.of(StoreRows.event(T0, "deployment_created", "p1", Map.of("network", "main"), Outcome.SUCCESS)),
        List.of()));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void sqlShapedFilterValuesMatchNothingAndDropNothing() {
    Instant from = T0.minusSeconds(3600);
    Instant to = T0.plusSeconds(3600);
    for (String bad : HOSTILE) {
      String text = bad.replace("\u0000", ""); // PostgreSQL text cannot hold NUL; the pipeline never sends it
      assertThat(store.readLogs(new LogQuery(from, to, Set.of(), text, text, text, text, null, 10)).items()).isEmpty();
      // A search matches literally: '_' finds "charge_failed", '%' finds nothing here.
      assertThat(store.readLogs(new LogQuery(from, to, Set.of(), null, null, text, null, null, 10)).items())
          .allSatisfy(l -> assertThat(l.event() + l.message()).containsIgnoringCase(text))
          .hasSize("charge_failed plain message".contains(text) ? 1 : 0);
      assertThat(store.readTraces(new TraceQuery(from, to, false, 0, text, text, text, null, 10)).items()).isEmpty();
      assertThat(store.readEvents(new EventQuery(text, from, to, 10))).isEmpty();
      assertThat(store.readSamples(new SampleQuery(text, Resolution.MINUTE, from, to, Map.of(text, text), text)))
          .isEmpty();
      assertThat(store.readSamples(new SampleQuery("ok_total", Resolution.MINUTE, from, to, Map.of("route", text),
          null))).isEmpty();
      assertThat(store.readWatermark(text)).isEmpty();
      assertThatThrownBy(() -> store.readLogs(LogQuery.range(from, to, 10).withCursor(text)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.readLogs(LogQuery.range(from, to, 10)).items()).hasSize(1);
    assertThat(store.readTraces(TraceQuery.range(from, to, 10)).items()).hasSize(1);
    assertThat(store.readSamples(SampleQuery.of("ok_total", Resolution.MINUTE, from, to))).hasSize(1);
  }

  @Test
  void sqlShapedTextIsStoredVerbatimAndFoundByItself() {
    for (String bad : HOSTILE) {
      String text = bad.replace("\u0000", "");
      store.write(StoreRows.batch(List.of(), List.of(new dev.telemetry.store.LogEvent(T0.plusSeconds(1), LogLevel.WARN,
          "svc", "node-a", text, text, "before " + text + " after", null, null, Map.of(text, text))),
          List.of(), List.of(), List.of()));
      store.writeWatermark(text, T0);
      assertThat(store.readWatermark(text)).contains(T0);
      assertThat(store.readLogs(new LogQuery(T0, T0.plusSeconds(2), Set.of(), text, null, null, null, null, 10)).items())
          .singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo(text);
            assertThat(l.attrs()).isEqualTo(Map.of(text, text));
          });
      assertThat(store.readLogs(new LogQuery(T0, T0.plusSeconds(2), Set.of(), null, null, text, null, null, 100))
          .items()).extracting(l -> l.domain()).contains(text);
    }
  }
}
