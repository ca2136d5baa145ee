package dev.telemetry.http;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * One HTTP request as the dashboard sees it, built by an adapter from its server's own request.
 *
 * <pre>{@code
 * DashboardRequest request = DashboardRequest.of("GET", "/admin/telemetry/api/v1/summary", null,
 *     name -> exchange.getRequestHeaders().getFirst(name));
 * }</pre>
 */
public final class DashboardRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Function<String, String> headers;
  private final Kind kind;

  /**
   * What a request asks for, as the dashboard routed it, so an {@link Authorizer} can tell the
   * data from the page that displays it.
   */
  public enum Kind {
    /** The web page's shell, its scripts and styles, and the redirect to it: no telemetry data. */
    PAGE,
    /** A JSON view under {@code {mount}/api/v1}. */
    API,
    /** The live feed, {@code {mount}/api/v1/stream}. */
    STREAM,
    /** A download, {@code {mount}/api/v1/export}. */
    EXPORT
  }

  private DashboardRequest(String method, String path, String rawQuery, Function<String, String> headers,
      Kind kind) {
    this.method = requireNonNull(method, "method");
    this.path = requireNonNull(path, "path");
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    this.headers = requireNonNull(headers, "headers");
    this.kind = requireNonNull(kind, "kind");
  }

  /**
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the raw (still percent-encoded) path, without the servlet context path
   * @param rawQuery the raw query string without {@code ?}, or {@code null}
   * @param headers case-insensitive lookup of a request header's first value, {@code null} when absent
   */
  public static DashboardRequest of(String method, String path, String rawQuery, Function<String, String> headers) {
    return new DashboardRequest(method, path, rawQuery, headers, Kind.API);
  }

  /** This request as the dashboard routed it. */
  DashboardRequest routedAs(Kind routed) {
    return new DashboardRequest(method, path, rawQuery, headers, routed);
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The raw query string without {@code ?}; empty when there is none. */
  public String rawQuery() {
    return rawQuery;
  }

  /**
   * What the request asks for. Set by the dashboard's router before it asks the
   * {@link Authorizer}; {@link Kind#API} (the most guarded kind of data) until then.
   */
  public Kind kind() {
    return kind;
  }

  /** A request header's first value, or {@code null}. */
  public String header(String name) {
    return headers.apply(name);
  }
}
