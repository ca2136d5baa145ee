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

  private DashboardRequest(String method, String path, String rawQuery, Function<String, String> headers) {
    this.method = requireNonNull(method, "method");
    this.path = requireNonNull(path, "path");
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    this.headers = requireNonNull(headers, "headers");
  }

  /**
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the raw (still percent-encoded) path, without the servlet context path
   * @param rawQuery the raw query string without {@code ?}, or {@code null}
   * @param headers case-insensitive lookup of a request header's first value, {@code null} when absent
   */
  public static DashboardRequest of(String method, String path, String rawQuery, Function<String, String> headers) {
    return new DashboardRequest(method, path, rawQuery, headers);
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

  /** A request header's first value, or {@code null}. */
  public String header(String name) {
    return headers.apply(name);
  }
}
