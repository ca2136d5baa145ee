package dev.telemetry.otel;

import static dev.telemetry.otel.BridgeFixtures.JOBS;
import static dev.telemetry.otel.BridgeFixtures.JOB_DURATION;
import static dev.telemetry.otel.BridgeFixtures.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.MetricSample;
import dev.telemetry.store.TraceRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host instrumented only with the OpenTelemetry SDK (spans, logs, metrics) through the three
 * native exporters, asserted through the store reads (OtelHostQueryApiTest reads the same kind of
 * host back through the query API and the summary).
 */
class OtelHostEndToEndTest {
  private static final Instant START = Instant.parse("2026-11-23T10:00:05Z");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final InMemoryStore store = BridgeFixtures.store();
  private final Telemetry telemetry = BridgeFixtures.telemetry(store);
  private final TelemetryMetricExporter metricExporter = TelemetryMetricExporter.builder(telemetry)
      .mapping(NameMapping.builder().metric("queue.depth", QUEUE).build()).build();
  private final SdkTracerProvider tracing = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(TelemetrySpanExporter.create(telemetry))).build();
  private final SdkLoggerProvider logging = SdkLoggerProvider.builder()
      .addLogRecordProcessor(SimpleLogRecordProcessor.create(TelemetryLogRecordExporter.create(telemetry))).build();
  private final SdkMeterProvider metering = SdkMeterProvider.builder()
      .registerMetricReader(PeriodicMetricReader.builder(metricExporter).setInterval(Duration.ofDays(1)).build())
      .build();

  @AfterEach
  void stop() {
    tracing.shutdown().join(10, TimeUnit.SECONDS);
    logging.shutdown().join(10, TimeUnit.SECONDS);
    metering.shutdown().join(10, TimeUnit.SECONDS);
    telemetry.close();
  }

  private Span serverSpan(Tracer tracer, String route, long status, String errorType, long millis) {
    Span span = tracer.spanBuilder("GET " + route).setSpanKind(SpanKind.SERVER)
        .setStartTimestamp(START)
        .setAttribute(ROUTE, route).setAttribute(METHOD, "GET").setAttribute(STATUS, status).startSpan();
    if (errorType != null) {
      span.setAttribute(ERROR_TYPE, errorType);
    }
    return span;
  }

  private static void end(Span span, long millis) {
    span.end(START.plusMillis(millis));
  }

  @Test
  void serverSpansFillTheTraceIndexAndTheHttpGoldenSignals() {
    Tracer tracer = tracing.get("shop");
    end(serverSpan(tracer, "/users/{id}", 200, null, 40), 40);
    end(serverSpan(tracer, "/users/{id}", 200, null, 60), 60);
    end(serverSpan(tracer, "/users/{id}", 503, null, 900), 900);
    end(serverSpan(tracer, "/cart", 200, "java.net.SocketTimeoutException", 10), 10);
    Span db = tracer.spanBuilder("SELECT users").setSpanKind(SpanKind.CLIENT).setStartTimestamp(START)
        .setAttribute("db.system", "postgresql").startSpan();
    db.end(START.plusMillis(5));
    telemetry.flush();

    assertThat(BridgeFixtures.traces(store)).hasSize(5);
    assertThat(BridgeFixtures.traces(store)).filteredOn(t -> t.status() == 503).singleElement().satisfies(t -> {
      assertThat(t.route()).isEqualTo("/users/{id}");
      assertThat(t.error()).isTrue();
      assertThat(t.durationMs()).isEqualTo(900.0);
      assertThat(t.ts()).isEqualTo(START);
      assertThat(t.domain()).isEqualTo("http");
      assertThat(t.service()).isEqualTo("shop");
      assertThat(t.traceId()).hasSize(32);
    });
    assertThat(BridgeFixtures.traces(store)).filteredOn(t -> t.spanName().equals("SELECT users")).singleElement()
        .satisfies(t -> assertThat(t.domain()).isEqualTo("db"));

    MetricSample ok = BridgeFixtures.sample(store, StandardMetrics.HTTP_SERVER_DURATION,
        Map.of("route", "/users/{id}", "method", "GET", "status", "200"));
    assertThat(ok.count()).isEqualTo(2);
    assertThat(ok.sum()).isCloseTo(0.100, within(1e-9));
    assertThat(ok.max()).isEqualTo(0.060);
    assertThat(BridgeFixtures.total(store, StandardMetrics.HTTP_SERVER_REQUESTS)).isEqualTo(4);
    assertThat(BridgeFixtures.samples(store, StandardMetrics.HTTP_SERVER_ERRORS))
        .extracting(MetricSample::labels, MetricSample::sum)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Map.of("route", "/users/{id}", "method", "GET", "error_type", "503"), 1.0),
            org.assertj.core.groups.Tuple.tuple(Map.of("route", "/cart", "method", "GET",
                "error_type", "java.net.SocketTimeoutException"), 1.0));
  }

  @Test
  void warnAndErrorLogsAreKeptScrubbedWithTheirTraceAndSpanIds() {
    Span span = tracing.get("shop").spanBuilder("charge").startSpan();
    Logger logger = logging.get("payments");
    Context context = Context.root().with(span);
    logger.logRecordBuilder().setContext(context).setSeverity(Severity.ERROR).setBody("charge failed for bob@example.com")
        .setAttribute(AttributeKey.stringKey("event.name"), "charge_failed")
        .setAttribute(AttributeKey.stringKey("payment.provider"), "acme").emit();
    logger.logRecordBuilder().setSeverity(Severity.WARN2).setBody("retrying").emit();
    logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("all good").emit();
    span.end();
    telemetry.flush();

    assertThat(BridgeFixtures.logs(store)).hasSize(2);
    LogEvent error = BridgeFixtures.logs(store).stream().filter(e -> e.level() == LogLevel.ERROR).findFirst()
        .orElseThrow();
    assertThat(error.traceId()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(error.spanId()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(error.message()).doesNotContain("bob@example.com").startsWith("charge failed for");
    assertThat(error.domain()).isEqualTo("payments");
    assertThat(error.event()).isEqualTo("charge_failed");
    assertThat(error.attrs()).containsEntry("payment_provider", "acme");
    assertThat(BridgeFixtures.logs(store)).filteredOn(e -> e.level() == LogLevel.WARN).singleElement()
        .satisfies(e -> assertThat(e.traceId()).isNull());
    assertThat(telemetry.selfMetrics().ignoredLogs()).isEqualTo(1);
  }

  @Test
  void aBridgedLogKeepsItsOwnTimestampNotTheTimeItReachedTheExporter() {
    Logger logger = logging.get("payments");
    Instant happened = START.minusSeconds(95);
    Instant observed = START.minusSeconds(40);
    logger.logRecordBuilder().setSeverity(Severity.ERROR).setBody("stamped").setTimestamp(happened)
        .setObservedTimestamp(observed).emit();
    logger.logRecordBuilder().setSeverity(Severity.ERROR).setBody("observed only").setObservedTimestamp(observed)
        .emit();
    telemetry.flush();

    // the telemetry clock stands at T0, later than both: neither event takes the exporter's time
    assertThat(BridgeFixtures.logs(store)).extracting(LogEvent::message, LogEvent::ts).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("stamped", happened),
        org.assertj.core.groups.Tuple.tuple("observed only", observed));
  }

  @Test
  void countersGaugesAndHistogramsBecomeNativeSamplesThroughTheContract() {
    Meter meter = metering.get("shop");
    LongCounter jobs = meter.counterBuilder("jobs.processed").build();
    LongUpDownCounter depth = meter.upDownCounterBuilder("queue.depth").build();
    DoubleHistogram duration = meter.histogramBuilder("jobs.duration").setUnit("ms").build();
    Attributes emails = Attributes.of(AttributeKey.stringKey("queue"), "emails",
        AttributeKey.stringKey("user.email"), "x@y.z");
    jobs.add(5, emails);
    depth.add(7, emails);
    for (int i = 1; i <= 1000; i++) {
      duration.record(i, emails);
    }
    assertThat(metering.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    jobs.add(3, emails);
    depth.add(-2, emails);
    assertThat(metering.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    telemetry.flush();

    Map<String, String> labels = Map.of("queue", "emails");
    assertThat(BridgeFixtures.sample(store, JOBS, labels).sum()).isEqualTo(8);
    assertThat(BridgeFixtures.sample(store, QUEUE, labels).last()).isEqualTo(5);
    MetricSample latency = BridgeFixtures.sample(store, JOB_DURATION, labels);
    assertThat(latency.count()).isEqualTo(1000);
    assertThat(latency.sum()).isCloseTo(500.5, within(1e-6));
    assertThat(latency.quantile(0.5)).isCloseTo(0.500, within(0.500 * 0.02));
    assertThat(latency.quantile(0.99)).isCloseTo(0.990, within(0.990 * 0.02));
    assertThat(metricExporter.failedMetrics()).isZero();
  }
}
