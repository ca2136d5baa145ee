package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.BoundCounter;
import dev.telemetry.BoundHistogram;
import dev.telemetry.HttpServerRecorder;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
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
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.internal.DefaultMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer {@link MeterRegistry} that records into the native store, so an application
 * instrumented with Micrometer (or Spring Boot Actuator) gets the dashboard. It implements every
 * meter type Micrometer asks for and passes Micrometer's {@code MeterRegistryCompatibilityKit}.
 *
 * <ul>
 *   <li>{@code http.server.requests} timers (Spring MVC/WebFlux, tags {@code uri}, {@code method},
 *       {@code status}, {@code exception}) feed the contract's HTTP latency, traffic and errors
 *       metrics ({@link dev.telemetry.contract.StandardMetrics#addHttpServer}).
 *   <li>Other timers and distribution summaries record each value into the histogram their name
 *       maps to ({@link NameMapping}; a timer {@code jobs.duration} → {@code jobs_duration_seconds}),
 *       converted to the contract unit; counters add to the mapped counter; gauges, and the active
 *       task count of long task timers, register a callback sampled at every native flush.
 *   <li>Meters whose name maps to no declared metric of the right kind, function counters and
 *       timers and custom meters ({@code newMeter}) still work as Micrometer meters (cumulative,
 *       readable through the registry) but are not stored natively; {@link #unmappedMeters()}
 *       counts them.
 * </ul>
 *
 * <pre>{@code
 * MeterRegistry registry = TelemetryMeterRegistry.create(telemetry);
 * Metrics.addRegistry(registry);            // or expose it as a Spring @Bean
 * }</pre>
 *
 * <p><b>Bounded like the native path.</b> The registry installs a {@code MeterFilter} at
 * construction: once a meter name has {@link Builder#maxMetersPerName} meters, a new tag set of that
 * name folds into an overflow meter (tag {@code telemetry.overflow=true}) without its route tag
 * ({@code uri}), so overflowed requests still count natively by method, status and exception,
 * and into one overflow meter without any tag past that; and once {@link Builder#maxUnmappedMeters} meters exist that are not
 * stored natively, further ones are denied (Micrometer hands out a no-op meter).
 * {@link #overflowedMeters()} and {@link #deniedMeters()} count both;
 * {@link TelemetrySelfMetrics#bindTo} publishes them.
 *
 * <p>Tags go through the contract like labels (allowlist, templating, budget, scrubbing). A
 * meter's label set is resolved once when it is created; recording then costs what the native
 * bound instrument costs on top of Micrometer's own bookkeeping. Nothing recorded throws. Time
 * comes from the Micrometer {@link Clock} given to the builder (default {@link Clock#SYSTEM}).
 */
public final class TelemetryMeterRegistry extends MeterRegistry {
  static final String HTTP_SERVER_REQUESTS = "http.server.requests";

  private final ContractTargets targets;
  private final HttpServerRecorder http;
  private final MeterBudget budget;

  private TelemetryMeterRegistry(Builder builder) {
    super(builder.clock);
    this.targets = new ContractTargets(builder.telemetry, builder.mapping);
    this.http = HttpServerRecorder.of(builder.telemetry);
    this.budget = new MeterBudget(builder.maxMetersPerName, builder.maxUnmappedMeters, this::storesNatively,
        key -> builder.mapping.labelKey(key).equals(StandardMetrics.ROUTE));
    budget.install(this);
  }

  /** A registry recording into {@code telemetry} with the defaults. */
  public static TelemetryMeterRegistry create(Telemetry telemetry) {
    return builder(telemetry).build();
  }

  /** A registry recording into {@code telemetry}, names mapped by {@code mapping}. */
  public static TelemetryMeterRegistry create(Telemetry telemetry, NameMapping mapping) {
    return builder(telemetry).mapping(mapping).build();
  }

  /** A registry recording into {@code telemetry}, timing with {@code clock}. */
  public static TelemetryMeterRegistry create(Telemetry telemetry, Clock clock) {
    return builder(telemetry).clock(clock).build();
  }

  public static Builder builder(Telemetry telemetry) {
    return new Builder(requireNonNull(telemetry, "telemetry"));
  }

  /** Meters that exist and are not stored natively. */
  public long unmappedMeters() {
    return budget.unmapped();
  }

  /** Registrations folded into their name's overflow meter because the name was at its cap. */
  public long overflowedMeters() {
    return budget.overflowed();
  }

  /** Registrations refused because the budget of meters not stored natively was spent. */
  public long deniedMeters() {
    return budget.denied();
  }

  /** Whether a meter with this id records into the native store; a function of the id only. */
  private boolean storesNatively(Meter.Id id) {
    return switch (id.getType()) {
      case COUNTER -> counterTarget(id).isPresent();
      case GAUGE -> gaugeTarget(id).isPresent();
      case TIMER -> isHttpServerRequests(id) || timerTarget(id).isPresent();
      case DISTRIBUTION_SUMMARY -> summaryTarget(id).isPresent();
      case LONG_TASK_TIMER -> activeTasksTarget(id).isPresent();
      default -> false;
    };
  }

  private boolean isHttpServerRequests(Meter.Id id) {
    return id.getName().equals(HTTP_SERVER_REQUESTS) && http.recordsAnything();
  }

  private Optional<MetricDefinition> counterTarget(Meter.Id id) {
    return targets.resolve(id.getName(), Units.fromMicrometer(id.getBaseUnit()), MetricKind.COUNTER);
  }

  private Optional<MetricDefinition> gaugeTarget(Meter.Id id) {
    return targets.resolve(id.getName(), Units.fromMicrometer(id.getBaseUnit()), MetricKind.GAUGE);
  }

  private Optional<MetricDefinition> timerTarget(Meter.Id id) {
    return targets.resolve(id.getName(), "s", MetricKind.HISTOGRAM);
  }

  private Optional<MetricDefinition> summaryTarget(Meter.Id id) {
    return targets.resolve(id.getName(), Units.fromMicrometer(id.getBaseUnit()), MetricKind.HISTOGRAM);
  }

  /** Long task timers are stored as the gauge of their active tasks (a count: no unit suffix). */
  private Optional<MetricDefinition> activeTasksTarget(Meter.Id id) {
    return targets.resolve(id.getName(), "", MetricKind.GAUGE);
  }

  private String[] labels(MetricDefinition def, Meter.Id id) {
    return targets.labels(def, id.getTagsAsIterable());
  }

  @Override
  protected Counter newCounter(Meter.Id id) {
    BoundCounter bound = counterTarget(id)
        .map(def -> targets.telemetry().counter(def.name()).bind(labels(def, id)))
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
    gaugeTarget(id).ifPresent(def -> targets.telemetry().gauge(def.name()).register(gauge::value, labels(def, id)));
    return gauge;
  }

  @Override
  protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
    DefaultLongTaskTimer timer = new DefaultLongTaskTimer(id, clock, getBaseTimeUnit(), config, false);
    activeTasksTarget(id).ifPresent(def ->
        targets.telemetry().gauge(def.name()).register(timer::activeTasks, labels(def, id)));
    return timer;
  }

  @Override
  protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
    if (isHttpServerRequests(id)) {
      // an overflow meter has no uri tag: its requests count without a route
      String route = id.getTag("uri");
      String method = id.getTag("method");
      int status = parseStatus(id.getTag("status"));
      String exception = id.getTag("exception");
      String errorType = exception == null || exception.equalsIgnoreCase("none") ? null : exception;
      return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit(), false) {
        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
          super.recordNonNegative(amount, unit);
          http.record(route, method, status, errorType, unit.toNanos(amount));
        }
      };
    }
    Optional<MetricDefinition> def = timerTarget(id);
    if (def.isEmpty()) {
      return new CumulativeTimer(id, clock, config, pauseDetector, getBaseTimeUnit(), false);
    }
    BoundHistogram bound = targets.telemetry().histogram(def.get().name()).bind(labels(def.get(), id));
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
    BoundHistogram bound = summaryTarget(id)
        .map(def -> targets.telemetry().histogram(def.name()).bind(labels(def, id)))
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
    return new DefaultMeter(id, type, measurements);
  }

  @Override
  protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
      ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
    return new CumulativeFunctionTimer<>(id, obj, countFunction, totalTimeFunction, totalTimeFunctionUnit,
        getBaseTimeUnit());
  }

  @Override
  protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
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

  /** Settings for {@link TelemetryMeterRegistry}; each is checked when it is set. */
  public static final class Builder {
    private final Telemetry telemetry;
    private NameMapping mapping = NameMapping.defaults();
    private Clock clock = Clock.SYSTEM;
    private int maxMetersPerName = MetricDefinition.DEFAULT_CARDINALITY_BUDGET;
    private int maxUnmappedMeters = 1_000;

    private Builder(Telemetry telemetry) {
      this.telemetry = telemetry;
    }

    /** Metric and tag names. Default {@link NameMapping#defaults()}. */
    public Builder mapping(NameMapping mapping) {
      this.mapping = requireNonNull(mapping, "mapping");
      return this;
    }

    /** The Micrometer clock timers and long task timers measure with. Default {@link Clock#SYSTEM}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Meters one name may have before new tag sets of it fold into its overflow meter, 1 to
     * 100,000. Default 100, the contract's default cardinality budget.
     */
    public Builder maxMetersPerName(int meters) {
      this.maxMetersPerName = atLeastOne("maxMetersPerName", meters);
      return this;
    }

    /**
     * Meters not stored natively (no contract metric) that may exist before further ones are
     * denied, 1 to 100,000. Default 1,000.
     */
    public Builder maxUnmappedMeters(int meters) {
      this.maxUnmappedMeters = atLeastOne("maxUnmappedMeters", meters);
      return this;
    }

    private static int atLeastOne(String name, int value) {
      if (value < 1 || value > 100_000) {
        throw new IllegalArgumentException(name + " must be between 1 and 100000, was " + value);
      }
      return value;
    }

    public TelemetryMeterRegistry build() {
      return new TelemetryMeterRegistry(this);
    }
  }
}
