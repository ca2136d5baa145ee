package dev.telemetry.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /config} (limits, cadences, retention, features) and {@code /links} (external tools). */
final class ConfigEndpoints {
  private final DashboardContext context;
  private final Map<String, Object> features;
  private final dev.telemetry.status.Thresholds thresholds;

  ConfigEndpoints(DashboardContext context, Map<String, Object> features, dev.telemetry.status.Thresholds thresholds) {
    this.context = context;
    this.features = features;
    this.thresholds = thresholds;
  }

  List<Endpoint> endpoints() {
    return List.of(Endpoint.view("/config", Set.of(), this::config), Endpoint.view("/links", Set.of(), this::links));
  }

  Map<String, Object> config() {
    Map<String, Object> cadences = new LinkedHashMap<>();
    cadences.put("flush_interval_seconds", context.telemetry().flushInterval().toSeconds());
    cadences.put("vital_signs_seconds", context.vitalSignsInterval().toSeconds());
    cadences.put("summary_refresh_seconds", dev.telemetry.signals.SummaryService.REFRESH_SECONDS);
    cadences.put("keep_alive_seconds", context.keepAliveInterval().toSeconds());
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("page_size_max", dev.telemetry.store.Page.MAX_LIMIT);
    limits.put("export_rows_max", ExportEndpoint.MAX_ROWS);
    limits.put("stream_subscribers_max", context.maxSubscribers());
    limits.put("range_max_seconds", context.retention().toSeconds());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", context.telemetry().service());
    body.put("environment", context.telemetry().environment());
    body.put("retention_days", context.retention().toHours() / 24.0);
    body.put("slow_span_threshold_ms", context.slowSpanThreshold().toMillis());
    body.put("ranges", TimeWindow.PRESETS);
    body.put("thresholds", thresholds.asMap());
    Map<String, Object> vitals = new LinkedHashMap<>();
    vitals.put("window_minutes", dev.telemetry.signals.SummaryService.WINDOW_MINUTES);
    vitals.put("sparkline_minutes", 60);
    vitals.put("definitions", dev.telemetry.signals.SummaryService.DEFINITIONS);
    body.put("vital_signs", vitals);
    body.put("cadences", cadences);
    body.put("limits", limits);
    body.put("features", features);
    body.put("metrics", context.telemetry().contract().definitions().stream().map(d -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", d.name());
      m.put("kind", d.kind());
      m.put("unit", d.unit().suffix());
      m.put("signal", d.signal());
      m.put("labels", d.labelKeys());
      return m;
    }).toList());
    return body;
  }

  private void config(Exchange ex, QueryParams p) throws IOException {
    ex.json(200, config());
  }

  private void links(Exchange ex, QueryParams p) throws IOException {
    ExternalLinks l = context.links();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grafana", l.grafana());
    body.put("tempo", l.tempo());
    body.put("loki", l.loki());
    body.put("prometheus", l.prometheus());
    body.put("trace_link_template", l.traceLinkTemplate());
    ex.json(200, body);
  }
}
