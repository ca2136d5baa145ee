package dev.telemetry.http;

import dev.telemetry.Telemetry;
import dev.telemetry.redaction.RedactionPolicy;
import dev.telemetry.store.TelemetryStore;
import java.time.Clock;
import java.time.Duration;

/** What the endpoints share: the telemetry instance and the dashboard's settings. */
record DashboardContext(Telemetry telemetry, ExternalLinks links, Duration slowSpanThreshold, int maxSubscribers,
    Duration vitalSignsInterval, Duration keepAliveInterval, Duration maxStreamDuration) {

  TelemetryStore store() {
    return telemetry.store();
  }

  RedactionPolicy redaction() {
    return telemetry.redaction();
  }

  Clock clock() {
    return telemetry.clock();
  }

  Duration retention() {
    return telemetry.rawRetention();
  }

  TimeWindow window(QueryParams params, String fallbackPreset) {
    return TimeWindow.resolve(params, fallbackPreset, clock(), retention());
  }

  /** How long day rollups are kept: the longest range of the queries they answer ({@code /events}). */
  Duration dayRetention() {
    return telemetry.dayRetention();
  }

  /** A window checked against the day retention, for the queries day rollups answer. */
  TimeWindow longWindow(QueryParams params, String fallbackPreset) {
    return TimeWindow.resolve(params, fallbackPreset, clock(), dayRetention());
  }
}
