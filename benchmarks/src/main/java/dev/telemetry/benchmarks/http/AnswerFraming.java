package dev.telemetry.benchmarks.http;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds where one HTTP/1.1 answer ends, reading as little of it as that takes: the status line,
 * {@code Content-Length}, {@code ETag} and {@code Connection}; the body is counted, not kept (the
 * load generator's per-request cost, ADR 0064). The caller reads socket bytes into {@link
 * #buffer()} and reports how many with {@link #advance(int)}. Anything it cannot delimit that way
 * (chunked bodies, a missing length, bytes after the answer, a head over {@value #HEAD_LIMIT}
 * bytes, an interim 1xx) is a {@link ProtocolException}, so an odd server shows up as errors
 * instead of as wrong latencies.
 */
final class AnswerFraming {
  static final int HEAD_LIMIT = 16 * 1024;
  private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ETAG = "etag".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "close".getBytes(StandardCharsets.US_ASCII);

  private final ByteBuffer in = ByteBuffer.allocate(HEAD_LIMIT);
  private boolean readingBody;
  private int scanned;
  private long bodyRemaining;
  private int status;
  private boolean serverCloses;
  private String lastEtag;
  private boolean etagChanged;

  /** Forgets the last answer: the next bytes start a new one. */
  void expectAnswer() {
    in.clear();
    readingBody = false;
    scanned = 0;
    etagChanged = false;
  }

  /** Where the next socket bytes go; never full while an answer is incomplete. */
  ByteBuffer buffer() {
    return in;
  }

  /**
   * Takes note of {@code n} more bytes put into {@link #buffer()}; true once the answer is
   * complete ({@link #status()}, {@link #serverCloses()} and {@link #etagChanged()} then describe it).
   */
  boolean advance(int n) throws ProtocolException {
    if (readingBody) {
      bodyRemaining -= n;
      in.clear();
    } else {
      int end = headEnd();
      if (end < 0) {
        if (!in.hasRemaining()) {
          throw new ProtocolException("response head over " + HEAD_LIMIT + " bytes");
        }
        return false;
      }
      parseHead(end);
      bodyRemaining -= in.position() - end;
      in.clear(); // from here on the buffer only counts body bytes
      readingBody = true;
    }
    if (bodyRemaining < 0) {
      throw new ProtocolException("more bytes than Content-Length (the generator never pipelines)");
    }
    return bodyRemaining == 0;
  }

  /** The index just past the blank line that ends the head, or -1 while it has not arrived. */
  private int headEnd() {
    byte[] a = in.array();
    int limit = in.position();
    for (int i = Math.max(3, scanned); i < limit; i++) {
      if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
        return i + 1;
      }
    }
    scanned = limit;
    return -1;
  }

  private void parseHead(int end) throws ProtocolException {
    byte[] a = in.array();
    if (end < 16 || !startsWith(a, "HTTP/1.") || a[8] != ' ' || !digit(a[9]) || !digit(a[10]) || !digit(a[11])) {
      throw new ProtocolException("not an HTTP/1.x status line: "
          + new String(a, 0, Math.min(end, 40), StandardCharsets.ISO_8859_1).strip());
    }
    status = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
    if (status < 200) {
      throw new ProtocolException("interim answer " + status + " (never expected for a GET)");
    }
    serverCloses = a[7] == '0';
    long contentLength = -1;
    int etagFrom = -1;
    int etagTo = -1;
    int line = indexOfCrLf(a, 0, end) + 2;
    while (line < end - 2) {
      int eol = indexOfCrLf(a, line, end);
      int colon = indexOf(a, (byte) ':', line, eol);
      if (colon < 0) {
        throw new ProtocolException("header line without a colon");
      }
      int from = colon + 1;
      int to = eol;
      while (from < to && (a[from] == ' ' || a[from] == '\t')) {
        from++;
      }
      while (to > from && (a[to - 1] == ' ' || a[to - 1] == '\t')) {
        to--;
      }
      if (nameIs(a, line, colon, CONTENT_LENGTH)) {
        contentLength = parseLength(a, from, to);
      } else if (nameIs(a, line, colon, ETAG)) {
        etagFrom = from;
        etagTo = to;
      } else if (nameIs(a, line, colon, CONNECTION)) {
        serverCloses = to - from == CLOSE.length && equalsIgnoreCase(a, from, CLOSE);
      } else if (nameIs(a, line, colon, TRANSFER_ENCODING)) {
        throw new ProtocolException("Transfer-Encoding answers are not read by this generator");
      }
      line = eol + 2;
    }
    if (status == 304 || status == 204) {
      bodyRemaining = 0;
    } else if (contentLength < 0) {
      throw new ProtocolException("answer " + status + " without Content-Length");
    } else {
      bodyRemaining = contentLength;
    }
    if (etagFrom >= 0 && !sameAsLastEtag(a, etagFrom, etagTo)) {
      lastEtag = new String(a, etagFrom, etagTo - etagFrom, StandardCharsets.ISO_8859_1);
      etagChanged = true;
    }
  }

  private boolean sameAsLastEtag(byte[] a, int from, int to) {
    if (lastEtag == null || lastEtag.length() != to - from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (a[i] != lastEtag.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  int status() {
    return status;
  }

  /** The answer said the server closes the connection after it (or it was HTTP/1.0). */
  boolean serverCloses() {
    return serverCloses;
  }

  /** The answer carried an {@code ETag} other than the last one seen (by this framing, on any answer). */
  boolean etagChanged() {
    return etagChanged;
  }

  /** The last {@code ETag} seen, or null before the first. */
  String lastEtag() {
    return lastEtag;
  }

  private static long parseLength(byte[] a, int from, int to) throws ProtocolException {
    if (from == to || to - from > 18) {
      throw new ProtocolException("bad Content-Length");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      if (!digit(a[i])) {
        throw new ProtocolException("bad Content-Length");
      }
      v = v * 10 + (a[i] - '0');
    }
    return v;
  }

  private static boolean nameIs(byte[] a, int from, int to, byte[] lowerName) {
    return to - from == lowerName.length && equalsIgnoreCase(a, from, lowerName);
  }

  private static boolean equalsIgnoreCase(byte[] a, int from, byte[] lower) {
    for (int i = 0; i < lower.length; i++) {
      byte b = a[from + i];
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      if (b != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] a, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (a[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfCrLf(byte[] a, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (a[i] == '\r' && a[i + 1] == '\n') {
        return i;
      }
    }
    return to;
  }

  private static int indexOf(byte[] a, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }
}
