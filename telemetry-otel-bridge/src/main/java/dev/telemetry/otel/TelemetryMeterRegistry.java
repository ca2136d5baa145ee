package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.BoundCounter;
import dev.telemetry.BoundHistogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeDistributionSummary;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionCounter;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionTimer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultGauge;
import io.micrometer.core.instrument.internal.DefaultMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer {@link MeterRegistry} that records into the native store, so an application
 * instrumented with Micrometer (or Spring Boot Actuator) gets the dashboard.
 *
 * <ul>
 *   <li>{@code http.server.requests} timers (Spring MVC/WebFlux, tags {@code uri}, {@code method},
 *       {@code status}, {@code exception}) feed the contract's HTTP latency, traffic and errors
 *       metrics ({@link dev.telemetry.contract.StandardMetrics#addHttpServer}).
 *   <li>Other timers and distribution summaries record each value into the histogram their name
 *       maps to ({@link NameMapping}; a timer {@code jobs.duration} → {@code jobs_duration_seconds}),
 *       converted to the contract unit; counters add to the mapped counter; gauges register a
 *       callback sampled at every native flush.
 *   <li>Meters whose name maps to no declared metric of the right kind, function counters and
 *       timers, long task timers and custom meters still work as Micrometer meters (cumulative,
 *       readable through the registry) but are not stored natively; {@link #unmappedMeters()}
 *       counts them.
 * </ul>
 *
 * <pre>{@code
 * MeterRegistry registry = TelemetryMeterRegistry.create(telemetry);
 * Metrics.addRegistry(registry);            // or expose it as a Spring @Bean
 * }</pre>
 *
 * <p>Tags go through the contract like labels (allowlist, templating, budget, scrubbing). A
 * meter's label set is resolved once when it is created; recording then costs what the native
 * bound instrument costs on top of Micrometer's own bookkeeping. Nothing recorded throws.
 */
public final class TelemetryMeterRegistry extends MeterRegistry {
  static final String HTTP_SERVER_REQUESTS = "http.server.requests";

  private final ContractTargets targets;
  private final HttpServerSignals http;
  private final LongAdder unmapped = new LongAdder();

  private TelemetryMeterRegistry(Telemetry telemetry, NameMapping mapping, Clock clock) {
    super(clock);
    this.targets = new ContractTargets(requireNonNull(telemetry, "telemetry"), requireNonNull(mapping, "mapping"));
    this.http = HttpServerSignals.of(telemetry);
  }

  /** A registry recording into {@code telemetry} with the default name mapping. */
  public static TelemetryMeterRegistry create(Telemetry telemetry) {
    return new TelemetryMeterRegistry(telemetry, NameMapping.defaults(), Clock.SYSTEM);
  }

  /** A registry recording into {@code telemetry}, names mapped by {@code mapping}. */
  public static TelemetryMeterRegistry create(Telemetry telemetry, NameMapping mapping) {
    return new TelemetryMeterRegistry(telemetry, mapping, Clock.SYSTEM);
  }

  /** Meters created so far that are not stored natively. */
  public long unmappedMeters() {
    return unmapped.sum();
  }

  private Optional<MetricDefinition> target(Meter.Id id, String ucumUnit, MetricKind kind) {
    Optional<MetricDefinition> def = targets.resolve(id.getName(), ucumUnit, kind);
    if (def.isEmpty()) {
      unmapped.increment();
    }
    return def;
  }

  @Override
  protected Counter newCounter(Meter.Id id) {
    BoundCounter bound = target(id, Units.fromMicrometer(id.getBaseUnit()), MetricKind.COUNTER)
        .map(def -> targets.telemetry().counter(def.name()).bind(targets.labels(def, id.getTagsAsIterable())))
        .orElse(null);
    return bound == null ? new CumulativeCounter(id) : new CumulativeCounter(id) {
      @Override
      public void increment(double amount) {
        super.increment(amount);
        bound.add(amount);
      }
    };
  }

  @Override
  protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
    DefaultGauge<T> gauge = new DefaultGauge<>(id, obj, valueFunction);
    target(id, Units.fromMicrometer(id.getBaseUnit()), MetricKind.GAUGE).ifPresent(def ->
        targets.telemetry().gauge(def.name()).register(gauge::value, targets.labels(def, id.getTagsAsIterable())));
    return gauge;
  }

  @Override
  protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
    if (id.getName().equals(HTTP_SERVER_REQUESTS) && http.enabled()) {
      String route = id.getTag("uri");
      String method = id.getTag("method");
      int status = parseStatus(id.getTag("status"));
      String exception = id.getTag("exception");
      String errorType = exception == null || exception.equalsIgnoreCase("none") ? null : exception;
      return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit(), false) {
        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
          super.recordNonNegative(amount, unit);
          http.record(route, method, status, errorType, unit.toNanos(amount) / 1e9);
        }
      };
    }
    Optional<MetricDefinition> def = target(id, "s", MetricKind.HISTOGRAM);
    if (def.isEmpty()) {
      return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit(), false);
    }
    BoundHistogram bound = targets.telemetry().histogram(def.get().name())
        .bind(targets.labels(def.get(), id.getTagsAsIterable()));
    double perNano = Units.factor(1e-9, def.get().unit());
    return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit(), false) {
      @Override
      protected void recordNonNegative(long amount, TimeUnit unit) {
        super.recordNonNegative(amount, unit);
        bound.record(unit.toNanos(amount) * perNano);
      }
    };
  }

  @Override
  protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config,
      double scale) {
    BoundHistogram bound = target(id, Units.fromMicrometer(id.getBaseUnit()), MetricKind.HISTOGRAM)
        .map(def -> targets.telemetry().histogram(def.name()).bind(targets.labels(def, id.getTagsAsIterable())))
        .orElse(null);
    return bound == null ? new CumulativeDistributionSummary(id, clock, config, scale, false)
        : new CumulativeDistributionSummary(id, clock, config, scale, false) {
          @Override
          protected void recordNonNegative(double amount) {
            super.recordNonNegative(amount);
            bound.record(amount);
          }
        };
  }

  @Override
  protected Meter newMeter(Meter.Id id, Meter.Type type, Iterable<Measurement> measurements) {
    unmapped.increment();
    return new DefaultMeter(id, type, measurements);
  }

  @Override
  protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
      ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
    unmapped.increment();
    return new CumulativeFunctionTimer<>(id, obj, countFunction, totalTimeFunction, totalTimeFunctionUnit,
        getBaseTimeUnit());
  }

  @Override
  protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
    unmapped.increment();
    return new CumulativeFunctionCounter<>(id, obj, countFunction);
  }

  @Override
  protected TimeUnit getBaseTimeUnit() {
    return TimeUnit.SECONDS;
  }

  @Override
  protected DistributionStatisticConfig defaultHistogramConfig() {
    return DistributionStatisticConfig.builder().expiry(Duration.ofMinutes(1)).bufferLength(3).build()
        .merge(DistributionStatisticConfig.DEFAULT);
  }

  private static int parseStatus(String status) {
    if (status == null || status.length() != 3) {
      return 0;
    }
    try {
      return Integer.parseInt(status);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
