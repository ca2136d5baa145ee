package dev.telemetry.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The dashboard's most polled request, {@code GET {mount}/api/v1/summary}, answered by {@link
 * ConnectionGate} itself instead of relaying it to the JDK server (ADR 0059). The gate already
 * holds the whole request head; a worker runs {@link TelemetryDashboard#handle} on it (the same
 * authorizer, audit, ETag and 304 logic as any request) into a buffered response, and the gate
 * writes the answer in one gathering write. This skips the loopback hop to the JDK server, its
 * dispatcher thread, its per-exchange buffers (about 24 KB allocated per request) and the relay
 * back.
 *
 * <p>Only a plain {@code GET} of exactly that target over HTTP/1.1, with well-formed header lines
 * and no {@code Connection} header, qualifies ({@link #parse}); anything else, and every request on
 * a connection that has already sent one to the JDK server, goes the ordinary way.
 */
final class DirectAnswers {
  /** Largest answer body served directly; the summary is tens of kilobytes. */
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private final TelemetryDashboard dashboard;
  private final Executor workers;
  private final String path;
  private final byte[] requestLine;
  private volatile CachedDate date = new CachedDate(Long.MIN_VALUE, "");

  DirectAnswers(TelemetryDashboard dashboard, Executor workers) {
    this.dashboard = dashboard;
    this.workers = workers;
    this.path = dashboard.mount() + TelemetryDashboard.API_PREFIX + "/summary";
    this.requestLine = ("GET " + path + " HTTP/1.1\r\n").getBytes(ISO_8859_1);
  }

  Executor workers() {
    return workers;
  }

  /**
   * The request in {@code head[0, length)} (a whole head, ending with the blank line) if it may be
   * answered directly, else {@code null}.
   */
  DashboardRequest parse(byte[] head, int length) {
    int start = requestLine.length;
    if (length < start + 2 || !Arrays.equals(head, 0, start, requestLine, 0, start)) {
      return null;
    }
    String headers = new String(head, start, length - start, ISO_8859_1);
    for (int at = 0; ; ) {
      int eol = headers.indexOf("\r\n", at);
      if (eol < 0) {
        return null;
      }
      if (eol == at) {
        break; // the blank line
      }
      int colon = headers.indexOf(':', at);
      char first = headers.charAt(at);
      if (colon < 0 || colon > eol || colon == at || first == ' ' || first == '\t'
          || headers.charAt(colon - 1) == ' ' || headers.charAt(colon - 1) == '\t') {
        return null; // a folded or malformed line: the JDK server decides
      }
      if (colon - at == 10 && headers.regionMatches(true, at, "Connection", 0, 10)) {
        return null; // close or keep-alive negotiation stays with the JDK server
      }
      at = eol + 2;
    }
    return DashboardRequest.of("GET", path, null, name -> header(headers, name));
  }

  /** The first value of header {@code name} (case-insensitive) in well-formed header lines, trimmed; or null. */
  static String header(String headers, String name) {
    for (int at = 0; ; ) {
      int eol = headers.indexOf("\r\n", at);
      if (eol <= at) {
        return null;
      }
      int colon = headers.indexOf(':', at);
      if (colon - at == name.length() && headers.regionMatches(true, at, name, 0, name.length())) {
        return headers.substring(colon + 1, eol).trim();
      }
      at = eol + 2;
    }
  }

  /**
   * Runs the dashboard on {@code request} and returns the whole answer, head then body, for one
   * gathering write; {@code null} if the answer cannot be sent directly (then the connection is reset).
   */
  ByteBuffer[] answer(DashboardRequest request) {
    Buffered response = new Buffered();
    dashboard.handle(request, response);
    return response.encode(now());
  }

  private String now() {
    long second = System.currentTimeMillis() / 1000;
    CachedDate cached = date;
    if (cached.second != second) {
      cached = new CachedDate(second, DATE.format(Instant.ofEpochSecond(second)));
      date = cached;
    }
    return cached.text;
  }

  private record CachedDate(long second, String text) {}

  static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }

  /** A response held in memory until the handler is done. */
  static final class Buffered implements DashboardResponse {
    private int status = 200;
    private final List<String[]> headers = new ArrayList<>(8);
    private final Body body = new Body();
    private boolean committed;

    @Override
    public void status(int code) {
      this.status = code;
    }

    @Override
    public void header(String name, String value) {
      if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
          || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a header may not hold a line break: " + name);
      }
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          h[1] = value;
          return;
        }
      }
      headers.add(new String[] {name, value});
    }

    @Override
    public OutputStream body() {
      committed = true;
      return body;
    }

    /** Head and body; {@code null} if the handler never committed or wrote more than {@link #MAX_BODY_BYTES}. */
    ByteBuffer[] encode(String date) {
      if (!committed || body.overflow) {
        return null;
      }
      boolean bodiless = status == 304 || status == 204 || status < 200;
      StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
          .append(reason(status)).append("\r\nDate: ").append(date).append("\r\n");
      for (String[] h : headers) {
        if (!h[0].equalsIgnoreCase("Content-Length")) {
          head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
      }
      if (!bodiless) {
        head.append("Content-Length: ").append(body.length()).append("\r\n");
      }
      ByteBuffer headBytes = ByteBuffer.wrap(head.append("\r\n").toString().getBytes(ISO_8859_1));
      return bodiless || body.length() == 0 ? new ByteBuffer[] {headBytes} : new ByteBuffer[] {headBytes, body.bytes()};
    }
  }

  /**
   * Collects the body. A single write is kept by reference, not copied: the summary handler writes
   * its cached, never-modified bytes in one call, and error answers write a freshly serialized array.
   */
  static final class Body extends OutputStream {
    private byte[] single;
    private int offset;
    private int length;
    private ByteArrayOutputStream more;
    private boolean overflow;

    @Override
    public void write(int b) {
      if (overflow) {
        return;
      }
      spill();
      more.write(b);
      check();
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (overflow) {
        return;
      }
      if (single == null && more == null) {
        single = b;
        offset = off;
        length = len;
      } else {
        spill();
        more.write(b, off, len);
      }
      check();
    }

    private void spill() {
      if (more == null) {
        more = new ByteArrayOutputStream();
        if (single != null) {
          more.write(single, offset, length);
          single = null;
        }
      }
    }

    private void check() {
      if (length() > MAX_BODY_BYTES) {
        overflow = true;
        more = null;
        single = null;
      }
    }

    int length() {
      return more != null ? more.size() : single != null ? length : 0;
    }

    ByteBuffer bytes() {
      return more != null ? ByteBuffer.wrap(more.toByteArray()) : ByteBuffer.wrap(single, offset, length).slice();
    }

    @Override
    public void close() throws IOException {
      // the answer is sent by the gate once the handler returns
    }
  }
}
