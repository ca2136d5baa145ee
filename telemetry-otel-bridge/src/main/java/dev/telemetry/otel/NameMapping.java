package dev.telemetry.otel;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How OpenTelemetry and Micrometer names become contract names. Immutable; shared by every
 * exporter and registry of this module.
 *
 * <p><b>Attribute keys</b> (labels): an explicit mapping wins; the defaults map the semantic
 * conventions onto {@link dev.telemetry.contract.StandardMetrics}' labels ({@code http.route},
 * Micrometer's {@code uri} → {@code route}; {@code http.request.method} → {@code method};
 * {@code http.response.status_code} → {@code status}; {@code error.type}, Micrometer's {@code
 * exception} → {@code error_type}); any other key is lower-cased with every character outside
 * {@code [a-z0-9]} turned into {@code _} ({@code db.system} → {@code db_system}). The contract's
 * allowlist then decides what is kept.
 *
 * <p><b>Metric names</b>: an explicit mapping wins; otherwise the first declared contract metric
 * among {@code base}, {@code base_<unit>} and, for counters, {@code base_total} / {@code
 * base_<unit>_total}, where {@code base} is the name converted like a key and {@code <unit>} the
 * unit's suffix (UCUM {@code s}, {@code ms}, {@code By}, {@code 1}, {@code %}, or a unit word such as
 * Micrometer's {@code baseUnit("items")} or UCUM's {@code {items}}: {@code queue.depth} in items →
 * {@code queue_depth_items}); a time in any unit
 * ({@code s}, {@code ms}, {@code us}, {@code ns}) may land in {@code base_seconds} or {@code
 * base_milliseconds} and is converted ({@code jobs.duration} in {@code ms} → {@code
 * jobs_duration_seconds}). A name that matches
 * nothing is not recorded (and counted by the exporter).
 *
 * <pre>{@code
 * NameMapping mapping = NameMapping.builder()
 *     .metric("app.checkout.latency", "checkout_duration_seconds")
 *     .attribute("app.tenant.tier", "tier")
 *     .build();
 * }</pre>
 */
public final class NameMapping {
  private static final Map<String, String> DEFAULT_ATTRIBUTES = Map.ofEntries(
      Map.entry("http.route", "route"),
      Map.entry("uri", "route"),
      Map.entry("http.request.method", "method"),
      Map.entry("http.method", "method"),
      Map.entry("http.response.status_code", "status"),
      Map.entry("http.status_code", "status"),
      Map.entry("error.type", "error_type"),
      Map.entry("exception", "error_type"),
      Map.entry("db.operation.name", "operation"),
      Map.entry("db.operation", "operation"));
  private static final NameMapping DEFAULTS = new NameMapping(Map.of(), DEFAULT_ATTRIBUTES);

  private final Map<String, String> metrics;
  private final Map<String, String> attributes;

  private NameMapping(Map<String, String> metrics, Map<String, String> attributes) {
    this.metrics = Map.copyOf(metrics);
    this.attributes = Map.copyOf(attributes);
  }

  /** The semantic-convention defaults described above. */
  public static NameMapping defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The contract label key for an attribute or tag key. */
  public String labelKey(String sourceKey) {
    String mapped = attributes.get(sourceKey);
    return mapped != null ? mapped : snakeCase(sourceKey);
  }

  /**
   * Contract names to try for a source metric, most specific first.
   *
   * @param unit the source unit (UCUM as in OpenTelemetry: {@code s}, {@code ms}, {@code By} …), may be empty
   * @param counter whether the source is a monotonic count
   */
  public List<String> candidates(String sourceName, String unit, boolean counter) {
    String explicit = metrics.get(sourceName);
    if (explicit != null) {
      return List.of(explicit);
    }
    String base = snakeCase(sourceName);
    String suffix = Units.suffix(unit);
    if (counter) {
      return suffix == null ? List.of(base, base + "_total")
          : List.of(base, base + "_total", base + "_" + suffix + "_total");
    }
    if (!Double.isNaN(Units.secondsPer(unit))) {
      // a time converts into either time unit of the contract
      return List.of(base, base + "_seconds", base + "_milliseconds");
    }
    return suffix == null || base.endsWith("_" + suffix) ? List.of(base) : List.of(base, base + "_" + suffix);
  }

  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean underscore = false;
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      if (ok) {
        out.append(c);
        underscore = false;
      } else if (!underscore && out.length() > 0) {
        out.append('_');
        underscore = true;
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(0, end).toLowerCase(Locale.ROOT);
  }

  /** Adds explicit mappings on top of the defaults. */
  public static final class Builder {
    private final Map<String, String> metrics = new HashMap<>();
    private final Map<String, String> attributes = new HashMap<>(DEFAULT_ATTRIBUTES);

    private Builder() {}

    /** Records the source metric {@code sourceName} into the contract metric {@code contractName}. */
    public Builder metric(String sourceName, String contractName) {
      metrics.put(requireNonNull(sourceName, "sourceName"), requireNonNull(contractName, "contractName"));
      return this;
    }

    /** Turns the attribute or tag {@code sourceKey} into the label {@code contractKey}. */
    public Builder attribute(String sourceKey, String contractKey) {
      attributes.put(requireNonNull(sourceKey, "sourceKey"), requireNonNull(contractKey, "contractKey"));
      return this;
    }

    public NameMapping build() {
      return new NameMapping(metrics, attributes);
    }
  }
}
