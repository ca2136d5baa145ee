package dev.telemetry.jdbc;

import dev.telemetry.store.Resolution;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The library's table names, all starting with one validated prefix. Table names are the only
 * identifiers ever spliced into SQL; every value is a bind parameter.
 */
final class Tables {
  /** Lower-case letter first, then lower-case letters, digits and underscores; at most 32 chars. */
  static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  final String prefix;
  final String history;
  final String appliedBatches;
  final String logs;
  final String traces;
  final String events;
  final String heartbeats;
  final String watermarks;
  final String dirtyBuckets;
  final String eventDays;
  final String revisions;
  final String shared;
  private final String[] samples = new String[Resolution.values().length];

  Tables(String prefix) {
    this.prefix = checkPrefix(prefix);
    this.history = prefix + "schema_history";
    this.appliedBatches = prefix + "applied_batches";
    this.logs = prefix + "logs";
    this.traces = prefix + "traces";
    this.events = prefix + "events";
    this.heartbeats = prefix + "heartbeats";
    this.watermarks = prefix + "watermarks";
    this.dirtyBuckets = prefix + "dirty_buckets";
    this.eventDays = prefix + "event_days";
    this.revisions = prefix + "revisions";
    this.shared = prefix + "shared";
    for (Resolution r : Resolution.values()) {
      samples[r.ordinal()] = prefix + "samples_" + r.name().toLowerCase(Locale.ROOT);
    }
  }

  /** The sample table of one resolution (one table each, so retention of one never scans another). */
  String samples(Resolution resolution) {
    return samples[resolution.ordinal()];
  }

  /** Every table this library owns, the history table last. */
  List<String> all() {
    return List.of(samples[0], samples[1], samples[2], logs, traces, events, eventDays, heartbeats, watermarks,
        dirtyBuckets, revisions, shared, appliedBatches, history);
  }

  static String checkPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("tablePrefix must match " + PREFIX.pattern()
          + " (a lower-case SQL identifier start, at most 32 chars), was '" + prefix + "'");
    }
    return prefix;
  }
}
