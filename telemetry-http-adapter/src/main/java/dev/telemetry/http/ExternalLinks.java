package dev.telemetry.http;

import java.net.URI;
import java.util.Locale;

/**
 * External tools the dashboard deep-links to, served at {@code /links}. Every URL is optional
 * and must be absolute {@code http} or {@code https}; the trace link template must contain
 * {@code {trace_id}}.
 *
 * <pre>{@code
 * ExternalLinks links = ExternalLinks.none()
 *     .withGrafana("https://grafana.example.com")
 *     .withTraceLinkTemplate("https://tempo.example.com/trace/{trace_id}");
 * }</pre>
 *
 * @param grafana Grafana base URL, or {@code null}
 * @param tempo Tempo base URL, or {@code null}
 * @param loki Loki base URL, or {@code null}
 * @param prometheus Prometheus base URL, or {@code null}
 * @param traceLinkTemplate URL of one trace with the placeholder {@code {trace_id}}, or {@code null}
 */
public record ExternalLinks(String grafana, String tempo, String loki, String prometheus, String traceLinkTemplate) {
  /** The placeholder in {@link #traceLinkTemplate()}. */
  public static final String TRACE_ID = "{trace_id}";

  public ExternalLinks {
    checkUrl("grafana", grafana);
    checkUrl("tempo", tempo);
    checkUrl("loki", loki);
    checkUrl("prometheus", prometheus);
    checkUrl("traceLinkTemplate", traceLinkTemplate == null ? null : traceLinkTemplate.replace(TRACE_ID, "x"));
    if (traceLinkTemplate != null && !traceLinkTemplate.contains(TRACE_ID)) {
      throw new IllegalArgumentException("traceLinkTemplate must contain " + TRACE_ID + ", was " + traceLinkTemplate);
    }
  }

  /** No external tools. */
  public static ExternalLinks none() {
    return new ExternalLinks(null, null, null, null, null);
  }

  public ExternalLinks withGrafana(String url) {
    return new ExternalLinks(url, tempo, loki, prometheus, traceLinkTemplate);
  }

  public ExternalLinks withTempo(String url) {
    return new ExternalLinks(grafana, url, loki, prometheus, traceLinkTemplate);
  }

  public ExternalLinks withLoki(String url) {
    return new ExternalLinks(grafana, tempo, url, prometheus, traceLinkTemplate);
  }

  public ExternalLinks withPrometheus(String url) {
    return new ExternalLinks(grafana, tempo, loki, url, traceLinkTemplate);
  }

  public ExternalLinks withTraceLinkTemplate(String template) {
    return new ExternalLinks(grafana, tempo, loki, prometheus, template);
  }

  private static void checkUrl(String setting, String url) {
    if (url == null) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + " must be an absolute http(s) URL, was '" + url + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(setting + " must be an absolute http(s) URL, was '" + url + "'");
    }
  }
}
