package dev.telemetry.http;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request being answered: the adapter's request and response plus the caller's principal. */
final class Exchange {
  static final String JSON = "application/json; charset=utf-8";

  final DashboardRequest request;
  private final DashboardResponse response;
  private String principal;
  private String pathTail = "";
  private boolean committed;

  Exchange(DashboardRequest request, DashboardResponse response) {
    this.request = request;
    this.response = response;
  }

  /** The part of the path after a prefix endpoint's path ({@code /pages/{id}}). */
  String pathTail() {
    return pathTail;
  }

  void pathTail(String tail) {
    this.pathTail = tail;
  }

  String principal() {
    return principal;
  }

  void principal(String principal) {
    this.principal = principal;
  }

  /** Whether the body was started (after which no error response can be sent). */
  boolean committed() {
    return committed;
  }

  /**
   * Writes {@code body} as the whole JSON response, with a length: API answers are bounded (pages
   * of at most 100 rows, at most 20 series of ~300 points), and a sized response avoids the
   * chunked terminator's extra packet, which costs a delayed-ACK round trip (~40 ms) on loopback.
   */
  void json(int status, Object body) throws IOException {
    jsonBytes(status, Json.MAPPER.writeValueAsBytes(body));
  }

  /** Writes already-serialized JSON. */
  void jsonBytes(int status, byte[] bytes) throws IOException {
    try (OutputStream out = stream(status, JSON, Map.of("Content-Length", Integer.toString(bytes.length)))) {
      out.write(bytes);
    }
  }

  /**
   * Writes already-serialized JSON with its {@code ETag}, or a bodiless 304 when the request's
   * {@code If-None-Match} names that tag (or {@code *}): a client that polls an unchanged answer
   * gets a few header bytes instead of the body.
   */
  void jsonBytesTagged(byte[] bytes, String etag) throws IOException {
    if (matches(request.header("If-None-Match"), etag)) {
      stream(304, JSON, Map.of("ETag", etag)).close();
      return;
    }
    try (OutputStream out = stream(200, JSON, Map.of("Content-Length", Integer.toString(bytes.length),
        "ETag", etag))) {
      out.write(bytes);
    }
  }

  /** A strong entity tag for {@code bytes}: the first 16 bytes of their SHA-256, quoted. */
  static String etagOf(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Whether an {@code If-None-Match} value names {@code etag}; weak tags compare by their value. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.length() > 2048) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",", 64)) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** Writes the standard error shape. */
  void error(ApiException e) throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.put("param", e.param());
    Map<String, String> extra = switch (e.status()) {
      case 401 -> Map.of("WWW-Authenticate", "Bearer realm=\"telemetry\"");
      case 405 -> Map.of("Allow", "GET");
      default -> Map.of();
    };
    extra.forEach(response::header);
    json(e.status(), Map.of("error", error));
  }

  /** Starts a streamed response with the API's common headers plus {@code headers}. */
  OutputStream stream(int status, String contentType, Map<String, String> headers) throws IOException {
    response.status(status);
    response.header("Content-Type", contentType);
    response.header("Cache-Control", "no-store");
    response.header("X-Content-Type-Options", "nosniff");
    headers.forEach(response::header);
    committed = true;
    return response.body();
  }

  /** A response without the API headers (static files, redirects). */
  OutputStream raw(int status, Map<String, String> headers) throws IOException {
    response.status(status);
    headers.forEach(response::header);
    committed = true;
    return response.body();
  }
}
