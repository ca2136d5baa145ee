package dev.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.query.LogSearch;
import dev.telemetry.query.QueryRange;
import dev.telemetry.query.TimeRange;
import dev.telemetry.query.TraceSearch;
import dev.telemetry.query.TraceSearch.TraceStatus;
import dev.telemetry.query.Trend;
import dev.telemetry.query.TrendQuery;
import dev.telemetry.signals.Summary;
import dev.telemetry.signals.Summary.VitalSign;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.TraceRecord;
import dev.telemetry.testkit.TestClock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A host instrumented only with the OpenTelemetry SDK, read back through the query API and the
 * summary — what the dashboard shows.
 */
class OtelHostQueryApiTest {
  private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void summaryTrendsLogsAndTracesShowWhatTheSdkRecorded() {
    TestClock clock = TestClock.at(START);
    InMemoryStore store = InMemoryStore.create();
    try (Telemetry telemetry = Telemetry.builder().service("shop").node("node-a").contract(BridgeFixtures.contract())
        .store(store).clock(clock).backgroundThreads(false).closeOnShutdown(false).build();
        SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(TelemetrySpanExporter.create(telemetry))).build();
        SdkLoggerProvider logging = SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(TelemetryLogRecordExporter.create(telemetry)))
            .build()) {
      Tracer tracer = tracing.get("shop");
      Random random = new Random(7);
      List<Double> latencies = new ArrayList<>();
      int requests = 0;
      int errors = 0;
      String failedTrace = null;
      for (int minute = 0; minute < 5; minute++) {
        Instant minuteStart = START.plus(Duration.ofMinutes(minute));
        clock.set(minuteStart.plusSeconds(30));
        for (int i = 0; i < 200; i++) {
          long millis = 5 + (long) Math.exp(3 + random.nextGaussian());
          boolean failed = i % 40 == 0;
          Span span = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
              .setStartTimestamp(minuteStart.plusMillis(i * 10L))
              .setAttribute(AttributeKey.stringKey("http.route"), "/orders/{id}")
              .setAttribute(AttributeKey.stringKey("http.request.method"), "GET")
              .setAttribute(AttributeKey.longKey("http.response.status_code"), failed ? 503L : 200L)
              .startSpan();
          if (failed) {
            // the record's own time, as a logging bridge stamps it (the SDK's clock is the wall clock)
            logging.get("orders").logRecordBuilder().setContext(Context.root().with(span))
                .setTimestamp(minuteStart.plusMillis(i * 10L)).setSeverity(Severity.ERROR).setBody("order lookup failed for anna@example.com").emit();
            failedTrace = span.getSpanContext().getTraceId();
            errors++;
          }
          span.end(minuteStart.plusMillis(i * 10L + millis));
          latencies.add(millis / 1000.0);
          requests++;
        }
        clock.set(minuteStart.plus(Duration.ofMinutes(1)));
        telemetry.flush();
      }
      clock.set(START.plus(Duration.ofMinutes(5)).plusSeconds(10));

      Summary summary = telemetry.summary().refresh();
      double exactP95 = latencies.stream().sorted().skip((long) Math.ceil(0.95 * latencies.size()) - 1).findFirst()
          .orElseThrow() * 1000;
      assertThat(sign(summary, "latency").value()).isCloseTo(exactP95, within(exactP95 * 0.01));
      assertThat(sign(summary, "errors").value()).isCloseTo(100.0 * errors / requests, within(1e-9));
      assertThat(sign(summary, "traffic").value()).isCloseTo(200 / 60.0, within(1e-9));
      assertThat(summary.errorFeed()).hasSize(errors)
          .allSatisfy(e -> assertThat(e.message()).doesNotContain("anna@example.com"));

      Trend trend = telemetry.queries().trend(TrendQuery.of(StandardMetrics.HTTP_SERVER_REQUESTS,
          QueryRange.last(TimeRange.LAST_HOUR)));
      long total = requests;
      assertThat(trend.series()).singleElement().satisfies(s ->
          assertThat(s.points().stream().mapToLong(p -> (long) p.sum()).sum()).isEqualTo(total));

      List<LogEvent> logs = telemetry.queries().logs(LogSearch.of(QueryRange.last(TimeRange.LAST_HOUR), 100)).items();
      assertThat(logs).hasSize(errors);
      List<TraceRecord> failed = telemetry.queries().traces(
          TraceSearch.of(QueryRange.last(TimeRange.LAST_HOUR), 100).withStatus(TraceStatus.ERROR)).items();
      assertThat(failed).hasSize(errors).allSatisfy(t -> assertThat(t.status()).isEqualTo(503));
      String trace = failedTrace;
      assertThat(telemetry.queries().correlate(trace).logs()).singleElement()
          .satisfies(l -> assertThat(l.traceId()).isEqualTo(trace));
    }
  }

  private static VitalSign sign(Summary summary, String name) {
    return summary.vitalSigns().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }
}
