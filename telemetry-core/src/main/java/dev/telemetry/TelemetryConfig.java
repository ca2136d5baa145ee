package dev.telemetry;

import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.RouteTemplates;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of a {@link Telemetry} instance, as built by {@link
 * Telemetry.Builder}. Immutable. Not API: the builder is how a host configures the library, and
 * {@link Telemetry} exposes the settings a caller reads ({@code service()}, {@code redaction()},
 * {@code rawRetention()}, …).
 *
 * @param service application name
 * @param environment deployment environment
 * @param node this process's name among the nodes sharing a store
 * @param contract declared metrics
 * @param store where telemetry goes
 * @param clock time source
 * @param flushInterval how often metrics are snapshotted
 * @param retention how long data is kept
 * @param redaction forbidden fields, scrubbing, pseudonyms
 * @param routes route templating
 * @param logAttributeKeys log attribute allowlist (empty: any non-forbidden key)
 * @param eventDimensionKeys event dimension allowlist (empty: any non-forbidden key)
 * @param maxMessageLength longest log message kept
 * @param maxPendingBytes memory budget of batches waiting for the store
 * @param retryBackoffMin first retry delay
 * @param retryBackoffMax longest retry delay
 * @param maxBatchRows most rows per batch
 * @param bufferCapacity capacity of each discrete-record buffer
 * @param closeTimeout how long close waits for the store
 * @param closeOnShutdown whether a shutdown hook closes the instance
 * @param background whether the background threads run
 * @param dayRetention how long day rollups (metric day samples, event day rollups) are kept
 */
record TelemetryConfig(
    String service,
    String environment,
    String node,
    MetricContract contract,
    TelemetryStore store,
    Clock clock,
    Duration flushInterval,
    Duration retention,
    RedactionPolicy redaction,
    RouteTemplates routes,
    Set<String> logAttributeKeys,
    Set<String> eventDimensionKeys,
    int maxMessageLength,
    long maxPendingBytes,
    Duration retryBackoffMin,
    Duration retryBackoffMax,
    int maxBatchRows,
    int bufferCapacity,
    Duration closeTimeout,
    boolean closeOnShutdown,
    boolean background,
    Duration dayRetention) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** How often discrete records are drained: every second, or every flush if that is sooner. */
  Duration drainInterval() {
    return flushInterval.compareTo(Duration.ofSeconds(1)) < 0 ? flushInterval : Duration.ofSeconds(1);
  }

  /** Whether business-event subjects can be pseudonymized (a salt is configured). */
  boolean canPseudonymize() {
    try {
      redaction.pseudonymize("probe");
      return true;
    } catch (IllegalStateException noSalt) {
      return false;
    }
  }

  int stripesPerSeries() {
    return SeriesTable.defaultStripeCount();
  }

  static String defaultNode() {
    String host = System.getenv("HOSTNAME");
    return host != null && NAME.matcher(host).matches() ? host : "local";
  }

  static String checkName(String setting, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(setting + " must match " + NAME.pattern() + ", was "
          + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  /** Checks every setting of {@code b} and reports all problems at once, each with the setting, value and rule. */
  static TelemetryConfig validate(Telemetry.Builder b) {
    List<String> problems = new ArrayList<>();
    if (b.service == null) {
      problems.add("service is required (Telemetry.builder().service(\"my-app\"))");
    }
    long flushMs = b.flushInterval.toMillis();
    if (flushMs < 1000 || flushMs > 60_000 || 60_000 % flushMs != 0) {
      problems.add("flushInterval must be between 1s and 60s and divide a minute evenly (1s, 2s, 5s, 10s, 15s,"
          + " 30s, 60s …), was " + b.flushInterval);
    }
    if (b.retention.compareTo(Duration.ofHours(1)) < 0 || b.retention.compareTo(Duration.ofDays(30)) > 0) {
      problems.add("retention must be between 1 hour and 30 days, was " + b.retention);
    }
    if (b.dayRetention.compareTo(b.retention) < 0 || b.dayRetention.compareTo(RetentionJob.MAX_DAY_RETENTION) > 0) {
      problems.add("dayRetention must be between the retention (" + b.retention + ") and "
          + RetentionJob.MAX_DAY_RETENTION + ", was " + b.dayRetention);
    }
    range(problems, "maxMessageLength", b.maxMessageLength, 64, 16_384);
    range(problems, "maxPendingBytes", b.maxPendingBytes, 64L << 10, 1L << 30);
    range(problems, "maxBatchRows", b.maxBatchRows, 1, 100_000);
    range(problems, "bufferCapacity", b.bufferCapacity, 16, 1_000_000);
    if (b.retryBackoffMin.toMillis() < 1 || b.retryBackoffMax.compareTo(b.retryBackoffMin) < 0
        || b.retryBackoffMax.compareTo(Duration.ofMinutes(10)) > 0) {
      problems.add("retryBackoff must satisfy 1ms <= min <= max <= 10 minutes, was min=" + b.retryBackoffMin
          + " max=" + b.retryBackoffMax);
    }
    if (b.closeTimeout.isNegative() || b.closeTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
      problems.add("closeTimeout must be between 0 and 5 minutes, was " + b.closeTimeout);
    }
    for (MetricDefinition def : b.contract.definitions()) {
      for (String key : def.labelKeys()) {
        if (b.redaction.isForbiddenField(key)) {
          problems.add("metric '" + def.name() + "': label key '" + key + "' is a forbidden field under the"
              + " redaction policy (labels must never carry secrets or personal data)");
        }
      }
    }
    checkKeys(problems, "logAttributeKeys", b.logAttributeKeys, b.redaction);
    checkKeys(problems, "eventDimensionKeys", b.eventDimensionKeys, b.redaction);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid telemetry configuration:\n  - " + String.join("\n  - ", problems));
    }
    TelemetryStore store = b.store == null ? InMemoryStore.create() : b.store;
    return new TelemetryConfig(b.service, b.environment, b.node, b.contract, store, b.clock, b.flushInterval,
        b.retention, b.redaction, b.routes, Set.copyOf(b.logAttributeKeys), Set.copyOf(b.eventDimensionKeys),
        b.maxMessageLength, b.maxPendingBytes, b.retryBackoffMin, b.retryBackoffMax, b.maxBatchRows,
        b.bufferCapacity, b.closeTimeout, b.closeOnShutdown, b.backgroundThreads, b.dayRetention);
  }

  private static void checkKeys(List<String> problems, String setting, Set<String> keys, RedactionPolicy redaction) {
    for (String key : keys) {
      if (redaction.isForbiddenField(key)) {
        problems.add(setting + ": '" + key + "' is a forbidden field under the redaction policy");
      }
    }
  }

  private static void range(List<String> problems, String setting, long value, long min, long max) {
    if (value < min || value > max) {
      problems.add(setting + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
