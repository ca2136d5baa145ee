package dev.telemetry.datasource;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Histogram;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.StandardMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Wraps the application's {@link DataSource} so every statement it runs is timed into {@value
 * StandardMetrics#DB_QUERY_DURATION} by {@code operation} ({@code select}, {@code insert}, {@code
 * update}, {@code delete}, {@code other}: the SQL's first keyword after comments) and {@code
 * sqlstate_class} ({@code 00} for success, else the failure's SQLState class such as {@code 23} or
 * {@code 42}, {@code unknown} without one). Declare the metric with {@code
 * StandardMetrics.addSaturation}.
 *
 * <pre>{@code
 * DataSource timed = TimedDataSource.wrap(hikari, telemetry);
 * }</pre>
 *
 * <p>The wrapper is a {@link DataSource} (JDK dynamic proxy) whose connections and statements are
 * wrapped too: {@code Statement}, {@code PreparedStatement} and {@code CallableStatement} time
 * each {@code execute…} call (a batch counts once). Everything else reaches the driver unchanged;
 * the driver's exceptions reach the caller unchanged; {@code unwrap} returns the driver's objects.
 * Recording never throws into the application; what fails while recording is counted in {@link
 * #failedRecords()}. SQL text is only scanned for its first keyword, never stored.
 */
public final class TimedDataSource {
  private final StatementTimer timer;

  private TimedDataSource(StatementTimer timer) {
    this.timer = timer;
  }

  /** Wraps {@code dataSource} with the default settings (durations from {@link System#nanoTime()}). */
  public static DataSource wrap(DataSource dataSource, Telemetry telemetry) {
    return builder(telemetry).build().wrap(dataSource);
  }

  /** Starts a configuration recording into {@code telemetry}. */
  public static Builder builder(Telemetry telemetry) {
    return new Builder(telemetry);
  }

  /** A timed view of {@code dataSource}; every view made by this instance shares its counters. */
  public DataSource wrap(DataSource dataSource) {
    return JdbcProxies.dataSource(requireNonNull(dataSource, "dataSource"), timer);
  }

  /** Things that failed while recording and were contained (the statements were unaffected). */
  public long failedRecords() {
    return timer.failedRecords();
  }

  /** Configuration of a {@link TimedDataSource}. */
  public static final class Builder {
    private final Telemetry telemetry;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(Telemetry telemetry) {
      this.telemetry = requireNonNull(telemetry, "telemetry");
    }

    /** Measures durations on {@code clock} instead of {@link System#nanoTime()} (for tests that drive time). */
    public Builder clock(Clock clock) {
      requireNonNull(clock, "clock");
      this.nanoTime = () -> {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      };
      return this;
    }

    /**
     * Builds it; throws {@link IllegalArgumentException} when the contract does not declare {@value
     * StandardMetrics#DB_QUERY_DURATION} as a histogram.
     */
    public TimedDataSource build() {
      MetricDefinition definition = telemetry.contract().find(StandardMetrics.DB_QUERY_DURATION)
          .filter(d -> d.kind() == MetricKind.HISTOGRAM)
          .orElseThrow(() -> new IllegalArgumentException("the contract does not declare "
              + StandardMetrics.DB_QUERY_DURATION + " as a histogram: add it with StandardMetrics.addSaturation"));
      Histogram latency = telemetry.histogram(definition.name());
      double perNanosecond = definition.unit() != null && definition.unit().suffix().equals("milliseconds")
          ? 1e-6 : 1e-9;
      return new TimedDataSource(new StatementTimer(latency, perNanosecond, nanoTime));
    }
  }
}
