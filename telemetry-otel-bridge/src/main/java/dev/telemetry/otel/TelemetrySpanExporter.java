package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.HttpServerRecorder;
import dev.telemetry.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OpenTelemetry {@link SpanExporter} that adds every span to the native trace index through
 * {@link Telemetry#span} (so span names are scrubbed and routes templated), and feeds server
 * spans ({@link SpanKind#SERVER}) into the contract's HTTP latency, traffic and errors metrics
 * when the contract declares them ({@link dev.telemetry.contract.StandardMetrics#addHttpServer}).
 *
 * <p>Mapping: route from {@code http.route} (else {@code url.path}, templated); status from
 * {@code http.response.status_code} (else the older {@code http.status_code}); error when the span
 * status is ERROR, the status is 5xx or {@code error.type} is set, and the errors counter counts
 * the 5xx-or-{@code error.type} requests; domain {@code http}, {@code db}, {@code messaging} or
 * {@code rpc} from the conventions' marker attributes, else empty.
 *
 * <pre>{@code
 * SdkTracerProvider tracing = SdkTracerProvider.builder()
 *     .addSpanProcessor(BatchSpanProcessor.builder(TelemetrySpanExporter.create(telemetry)).build())
 *     .build();
 * }</pre>
 *
 * <p><b>Spans the host's processor drops.</b> A {@code BatchSpanProcessor} drops spans when its
 * queue is full, before they ever reach an exporter, so an exporter alone cannot see them. Wrap the
 * processor with {@link #counting(SpanProcessor)} and the bridge counts every sampled span that
 * ended: {@link #unexportedSpans()} = ended − exported − failed is what the processor still holds
 * or dropped (after its {@code forceFlush}, exactly the dropped ones). The SDK also reports its
 * drops itself, to the {@code MeterProvider} given to {@code BatchSpanProcessorBuilder.setMeterProvider}
 * (in SDK 1.68 the counter {@code processedSpans} with {@code dropped=true}); that provider's metrics
 * reach the native store only when its reader exports through {@link TelemetryMetricExporter} and
 * the contract declares a matching metric.
 *
 * <pre>{@code
 * TelemetrySpanExporter exporter = TelemetrySpanExporter.create(telemetry);
 * SpanProcessor processor = exporter.counting(BatchSpanProcessor.builder(exporter).build());
 * SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(processor).build();
 * }</pre>
 *
 * <p>Never throws into the SDK: a span that cannot be converted is skipped and counted in
 * {@link #failedSpans()}; after {@link #shutdown()} exports fail with a failure result. Does not
 * close the {@link Telemetry} instance, which the host owns. Thread-safe.
 */
public final class TelemetrySpanExporter extends NativeExporter implements SpanExporter {
  static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> HTTP_METHOD_OLD = AttributeKey.stringKey("http.method");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<Long> HTTP_STATUS_OLD = AttributeKey.longKey("http.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final Telemetry telemetry;
  private final HttpServerRecorder http;
  private final LongAdder ended = new LongAdder();

  private TelemetrySpanExporter(Telemetry telemetry) {
    this.telemetry = requireNonNull(telemetry, "telemetry");
    this.http = HttpServerRecorder.of(telemetry);
  }

  /** An exporter into {@code telemetry}. */
  public static TelemetrySpanExporter create(Telemetry telemetry) {
    return new TelemetrySpanExporter(telemetry);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return exportEach(spans, this::exportOne);
  }

  private void exportOne(SpanData span) {
    Attributes attrs = span.getAttributes();
    String route = first(attrs.get(HTTP_ROUTE), span.getKind() == SpanKind.SERVER ? attrs.get(URL_PATH) : null);
    Long statusCode = first(attrs.get(HTTP_STATUS), attrs.get(HTTP_STATUS_OLD));
    int status = statusCode == null || statusCode < 0 || statusCode > 999 ? 0 : statusCode.intValue();
    String errorType = attrs.get(ERROR_TYPE);
    boolean error = span.getStatus().getStatusCode() == StatusCode.ERROR || status >= 500
        || errorType != null && !errorType.isEmpty();
    long nanos = Math.max(0, span.getEndEpochNanos() - span.getStartEpochNanos());
    Instant start = Instant.ofEpochSecond(0, span.getStartEpochNanos());
    telemetry.span(start, span.getTraceId(), span.getSpanId(), span.getName(), domain(attrs), route, status, error,
        Duration.ofNanos(nanos));
    if (span.getKind() == SpanKind.SERVER && http.recordsAnything()) {
      http.record(route, first(attrs.get(HTTP_METHOD), attrs.get(HTTP_METHOD_OLD)), status, errorType, nanos);
    }
  }

  private static String domain(Attributes attrs) {
    if (attrs.get(AttributeKey.stringKey("db.system")) != null) {
      return "db";
    }
    if (attrs.get(AttributeKey.stringKey("messaging.system")) != null) {
      return "messaging";
    }
    if (attrs.get(AttributeKey.stringKey("rpc.system")) != null) {
      return "rpc";
    }
    if (attrs.get(HTTP_METHOD) != null || attrs.get(HTTP_METHOD_OLD) != null) {
      return "http";
    }
    return "";
  }

  private static <T> T first(T a, T b) {
    return a != null ? a : b;
  }

  /**
   * {@code processor} (the host's processor that feeds this exporter), counting each sampled span
   * that ends on the way in; everything else is delegated unchanged.
   */
  public SpanProcessor counting(SpanProcessor processor) {
    requireNonNull(processor, "processor");
    return new SpanProcessor() {
      @Override
      public void onStart(Context parent, ReadWriteSpan span) {
        processor.onStart(parent, span);
      }

      @Override
      public boolean isStartRequired() {
        return processor.isStartRequired();
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
          ended.increment();
        }
        processor.onEnd(span);
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }

      @Override
      public CompletableResultCode shutdown() {
        return processor.shutdown();
      }

      @Override
      public CompletableResultCode forceFlush() {
        return processor.forceFlush();
      }
    };
  }

  /** Sampled spans that ended in a processor wrapped by {@link #counting}. */
  public long endedSpans() {
    return ended.sum();
  }

  /**
   * Spans that ended in a {@link #counting} processor but were neither exported nor failed here:
   * still queued in the processor, or dropped by it. Never negative.
   */
  public long unexportedSpans() {
    return Math.max(0, endedSpans() - exportedSpans() - failedSpans());
  }

  /** Spans handed to the native store so far. */
  public long exportedSpans() {
    return exportedItems();
  }

  /** Spans that could not be converted (skipped, never thrown into the SDK). */
  public long failedSpans() {
    return failedItems();
  }
}
