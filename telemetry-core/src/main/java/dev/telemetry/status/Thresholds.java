package dev.telemetry.status;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The named thresholds of DESIGN §5, in display units (milliseconds and percent).
 *
 * <table>
 * <caption>Defaults and settings</caption>
 * <tr><th>name</th><th>default warn, crit</th><th>environment variable</th><th>system property</th></tr>
 * <tr><td>{@value #LATENCY_P95_MS}</td><td>200, 1000</td><td>TELEMETRY_THRESHOLD_LATENCY_P95_MS</td><td>telemetry.threshold.latency_p95_ms</td></tr>
 * <tr><td>{@value #ERROR_RATE_PCT}</td><td>1, 5</td><td>TELEMETRY_THRESHOLD_ERROR_RATE_PCT</td><td>telemetry.threshold.error_rate_pct</td></tr>
 * <tr><td>{@value #DB_POOL_PCT}</td><td>70, 90</td><td>TELEMETRY_THRESHOLD_DB_POOL_PCT</td><td>telemetry.threshold.db_pool_pct</td></tr>
 * <tr><td>{@value #DB_QUERY_P95_MS}</td><td>100, 500</td><td>TELEMETRY_THRESHOLD_DB_QUERY_P95_MS</td><td>telemetry.threshold.db_query_p95_ms</td></tr>
 * <tr><td>{@value #EXPORT_FAILURE_RATE_PCT}</td><td>1, 5</td><td>TELEMETRY_THRESHOLD_EXPORT_FAILURE_RATE_PCT</td><td>telemetry.threshold.export_failure_rate_pct</td></tr>
 * <tr><td>{@value #MEMORY_PCT}</td><td>70, 90</td><td>TELEMETRY_THRESHOLD_MEMORY_PCT</td><td>telemetry.threshold.memory_pct</td></tr>
 * <tr><td>{@value #SATURATION_PCT}</td><td>70, 90</td><td>TELEMETRY_THRESHOLD_SATURATION_PCT</td><td>telemetry.threshold.saturation_pct</td></tr>
 * </table>
 *
 * <p>A setting's value is {@code <warn>,<crit>}: two finite decimal numbers (optional sign,
 * fraction and exponent; spaces around each allowed), e.g. {@code TELEMETRY_THRESHOLD_LATENCY_P95_MS=250,1500}.
 * The direction stays the one of the named threshold (all defaults are higher-is-worse).
 * Any other variable starting with {@value #ENV_PREFIX} (or property starting with
 * {@value #PROPERTY_PREFIX}) names an unknown threshold and is rejected. System properties are
 * applied after environment variables, so they win.
 *
 * <pre>{@code
 * Thresholds t = Thresholds.builder()
 *     .fromEnvironment(System.getenv(), System.getProperties())
 *     .set(Thresholds.LATENCY_P95_MS, Threshold.higherIsWorse(300, 2000))
 *     .build();
 * }</pre>
 */
public final class Thresholds {
  public static final String LATENCY_P95_MS = "latency_p95_ms";
  public static final String ERROR_RATE_PCT = "error_rate_pct";
  public static final String DB_POOL_PCT = "db_pool_pct";
  public static final String DB_QUERY_P95_MS = "db_query_p95_ms";
  public static final String EXPORT_FAILURE_RATE_PCT = "export_failure_rate_pct";
  public static final String MEMORY_PCT = "memory_pct";
  /** The saturation vital sign (the highest saturation gauge, in percent). */
  public static final String SATURATION_PCT = "saturation_pct";
  /** The store's size on disk in MiB (SQLite file, PostgreSQL database): the size budget the store probe checks. */
  public static final String STORE_SIZE_MB = "store_size_mb";

  public static final String ENV_PREFIX = "TELEMETRY_THRESHOLD_";
  public static final String PROPERTY_PREFIX = "telemetry.threshold.";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?");
  private static final int MAX_VALUE_LENGTH = 100;

  private static final Thresholds DEFAULTS = new Builder().build();

  private final Map<String, Threshold> byName;

  private Thresholds(Map<String, Threshold> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /** The DESIGN §5 defaults. */
  public static Thresholds defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The threshold called {@code name}, if declared. */
  public Optional<Threshold> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The threshold called {@code name}; throws naming the known names when there is none. */
  public Threshold require(String name) {
    Threshold t = byName.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no threshold named '" + name + "'; known: " + byName.keySet());
    }
    return t;
  }

  /** Every threshold by name, in declaration order (for the {@code /config} endpoint). */
  public Map<String, Threshold> asMap() {
    return byName;
  }

  @Override
  public String toString() {
    return "Thresholds" + byName;
  }

  /** The environment variable that sets threshold {@code name}. */
  public static String environmentVariable(String name) {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT);
  }

  /** The system property that sets threshold {@code name}. */
  public static String systemProperty(String name) {
    return PROPERTY_PREFIX + name;
  }

  /**
   * Parses a setting's value {@code "<warn>,<crit>"}.
   *
   * @param setting the variable or property name, for the message
   * @param value the raw value
   * @param direction the direction of the threshold being set
   * @throws IllegalArgumentException for anything that is not a valid threshold; never anything else
   */
  public static Threshold parse(String setting, String value, Threshold.Direction direction) {
    requireNonNull(setting, "setting");
    requireNonNull(direction, "direction");
    if (value == null) {
      throw new ThresholdConfigException(setting, "null", "a value '<warn>,<crit>' is required");
    }
    String shown = value;
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new ThresholdConfigException(setting, shown, "must be at most " + MAX_VALUE_LENGTH + " characters");
    }
    String[] parts = value.split(",", -1);
    if (parts.length != 2) {
      throw new ThresholdConfigException(setting, shown,
          "must be two numbers '<warn>,<crit>' separated by one comma, e.g. '200,1000'");
    }
    String warnText = parts[0].strip();
    String critText = parts[1].strip();
    if (!NUMBER.matcher(warnText).matches() || !NUMBER.matcher(critText).matches()) {
      throw new ThresholdConfigException(setting, shown, "warn and crit must be decimal numbers, e.g. '200,1000'");
    }
    double warn = Double.parseDouble(warnText);
    double crit = Double.parseDouble(critText);
    String rule = Threshold.violation(warn, crit, direction);
    if (rule != null) {
      throw new ThresholdConfigException(setting, shown, rule);
    }
    return new Threshold(warn, crit, direction);
  }

  /** Collects thresholds; starts from the defaults, later settings replace earlier ones. */
  public static final class Builder {
    private final Map<String, Threshold> byName = new LinkedHashMap<>();

    private Builder() {
      byName.put(LATENCY_P95_MS, Threshold.higherIsWorse(200, 1000));
      byName.put(ERROR_RATE_PCT, Threshold.higherIsWorse(1, 5));
      byName.put(DB_POOL_PCT, Threshold.higherIsWorse(70, 90));
      byName.put(DB_QUERY_P95_MS, Threshold.higherIsWorse(100, 500));
      byName.put(EXPORT_FAILURE_RATE_PCT, Threshold.higherIsWorse(1, 5));
      byName.put(MEMORY_PCT, Threshold.higherIsWorse(70, 90));
      byName.put(SATURATION_PCT, Threshold.higherIsWorse(70, 90));
      byName.put(STORE_SIZE_MB, Threshold.higherIsWorse(1024, 4096));
    }

    /**
     * Declares or replaces the threshold {@code name} ({@code [a-z][a-z0-9_]{0,63}}); a new name
     * can then also be set from the environment.
     */
    public Builder set(String name, Threshold threshold) {
      requireNonNull(name, "name");
      requireNonNull(threshold, "threshold");
      if (!NAME.matcher(name).matches()) {
        throw new ThresholdConfigException("threshold name", name, "must match [a-z][a-z0-9_]{0,63}");
      }
      byName.put(name, threshold);
      return this;
    }

    /**
     * Applies {@code TELEMETRY_THRESHOLD_*} variables from {@code environment}, then
     * {@code telemetry.threshold.*} entries of {@code properties} (either may be empty).
     *
     * @throws IllegalArgumentException for an unknown name or a bad value, naming the setting
     */
    public Builder fromEnvironment(Map<String, String> environment, Map<?, ?> properties) {
      requireNonNull(environment, "environment");
      requireNonNull(properties, "properties");
      // sorted, so that with several bad settings the same one is reported every time
      for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
        if (e.getKey().startsWith(ENV_PREFIX)) {
          String name = e.getKey().substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
          apply(e.getKey(), name, e.getValue());
        }
      }
      Map<String, String> props = new TreeMap<>();
      properties.forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
      for (Map.Entry<String, String> e : props.entrySet()) {
        if (e.getKey().startsWith(PROPERTY_PREFIX)) {
          apply(e.getKey(), e.getKey().substring(PROPERTY_PREFIX.length()), e.getValue());
        }
      }
      return this;
    }

    private void apply(String setting, String name, String value) {
      Threshold current = byName.get(name);
      if (current == null) {
        throw new ThresholdConfigException(setting, value == null ? "null" : value,
            "unknown threshold '" + name + "'; known: " + byName.keySet());
      }
      byName.put(name, parse(setting, value, current.direction()));
    }

    /** The thresholds. */
    public Thresholds build() {
      return new Thresholds(byName);
    }
  }
}
