package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.jdbc.JdbcStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@link Telemetry} instance the OpenTelemetry SDK autoconfigure exporters
 * ({@code otel.traces.exporter=telemetry}, {@code otel.logs.exporter=telemetry},
 * {@code otel.metrics.exporter=telemetry}) record into. One per class loader, shared by the three.
 *
 * <p>Where it comes from, first match wins:
 * <ol>
 *   <li>the host's own instance, handed over with {@link #use(Telemetry)} before the SDK is
 *       autoconfigured (its contract, store and dashboard are the host's);
 *   <li>otherwise one built when the first exporter is created, from the autoconfigure properties
 *       (system properties, {@code OTEL_}/{@code TELEMETRY_} environment variables, or properties the
 *       app supplies to {@code AutoConfiguredOpenTelemetrySdk.builder()}):
 *       <table>
 *       <caption>properties</caption>
 *       <tr><th>property</th><th>default</th></tr>
 *       <tr><td>{@code telemetry.service}</td><td>{@code otel.service.name}, else {@code app}</td></tr>
 *       <tr><td>{@code telemetry.environment}</td><td>{@code production}</td></tr>
 *       <tr><td>{@code telemetry.node}</td><td>the host name</td></tr>
 *       <tr><td>{@code telemetry.store}</td><td>{@code memory}; or {@code sqlite:PATH} or
 *           {@code postgres:JDBC_URL}, which need {@code dev.telemetry:telemetry-jdbc} and the driver</td></tr>
 *       <tr><td>{@code telemetry.flush.interval}</td><td>{@code 60s}</td></tr>
 *       </table>
 *       Its contract declares {@link StandardMetrics}' HTTP server and saturation metrics. It
 *       closes (flushing what is pending) when the JVM exits, or on {@link #reset()}.
 * </ol>
 *
 * <pre>{@code
 * Telemetry telemetry = Telemetry.builder().service("orders").contract(contract).store(store).build();
 * AutoConfiguredTelemetry.use(telemetry);
 * OpenTelemetrySdk otel = AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk();
 * }</pre>
 */
public final class AutoConfiguredTelemetry {
  private static final Object LOCK = new Object();
  private static Telemetry current;
  private static boolean builtHere;

  private AutoConfiguredTelemetry() {}

  /**
   * Makes the exporters created from now on record into {@code telemetry}. The host keeps owning
   * it (nothing here closes it). Fails if another instance is already in use.
   */
  public static void use(Telemetry telemetry) {
    requireNonNull(telemetry, "telemetry");
    synchronized (LOCK) {
      if (current != null && current != telemetry) {
        throw new IllegalStateException("another Telemetry instance is already in use by the OpenTelemetry "
            + "exporters (" + (builtHere ? "built from properties" : "set by use()") + "); call reset() first");
      }
      current = telemetry;
      builtHere = false;
    }
  }

  /** The instance in use, if one was set or built. */
  public static Optional<Telemetry> current() {
    synchronized (LOCK) {
      return Optional.ofNullable(current);
    }
  }

  /** Forgets the instance in use, closing it if it was built from properties (tests, redeploys). */
  public static void reset() {
    Telemetry built;
    synchronized (LOCK) {
      built = builtHere ? current : null;
      current = null;
      builtHere = false;
    }
    if (built != null) {
      built.close();
    }
  }

  /** The instance in use, building it from {@code config} when there is none yet. */
  static Telemetry resolve(ConfigProperties config) {
    synchronized (LOCK) {
      if (current == null) {
        current = build(config);
        builtHere = true;
      }
      return current;
    }
  }

  private static Telemetry build(ConfigProperties config) {
    String service = config.getString("telemetry.service", config.getString("otel.service.name", "app"));
    MetricContract contract =
        StandardMetrics.addSaturation(StandardMetrics.addHttpServer(MetricContract.builder())).build();
    Telemetry.Builder builder = Telemetry.builder().service(service).contract(contract)
        .store(store(config.getString("telemetry.store", "memory")));
    String environment = config.getString("telemetry.environment");
    if (environment != null) {
      builder.environment(environment);
    }
    String node = config.getString("telemetry.node");
    if (node != null) {
      builder.node(node);
    }
    Duration flushInterval = config.getDuration("telemetry.flush.interval");
    if (flushInterval != null) {
      builder.flushInterval(flushInterval);
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new ConfigurationException("telemetry: " + e.getMessage(), e);
    }
  }

  /** {@code memory}, {@code sqlite:PATH} or {@code postgres:JDBC_URL}. */
  static TelemetryStore store(String spec) {
    if (spec.equals("memory")) {
      return InMemoryStore.create();
    }
    if (spec.startsWith("sqlite:") || spec.startsWith("postgres:")) {
      requireJdbcModule(spec);
      return spec.startsWith("sqlite:") ? JdbcStores.sqlite(Path.of(spec.substring("sqlite:".length())))
          : JdbcStores.postgres(spec.substring("postgres:".length()));
    }
    // the value may hold a password: name only its kind
    int colon = spec.indexOf(':');
    throw new ConfigurationException("telemetry.store must be memory, sqlite:PATH or postgres:JDBC_URL, was "
        + (colon < 0 ? "a value without a kind" : "of kind '" + spec.substring(0, colon) + "'"));
  }

  private static void requireJdbcModule(String spec) {
    try {
      Class.forName("dev.telemetry.jdbc.JdbcStore", false, AutoConfiguredTelemetry.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException("telemetry.store=" + spec.substring(0, spec.indexOf(':') + 1)
          + "… needs the dependency dev.telemetry:telemetry-jdbc (and the database's JDBC driver)");
    }
  }

  /**
   * The only references to the optional JDBC module, in a class of their own so that nothing loads
   * {@code JdbcStore} (not even the verifier) unless {@link #requireJdbcModule} passed.
   */
  private static final class JdbcStores {
    static TelemetryStore sqlite(Path file) {
      return JdbcStore.sqlite(file);
    }

    static TelemetryStore postgres(String jdbcUrl) {
      return JdbcStore.postgres(jdbcUrl);
    }
  }
}
