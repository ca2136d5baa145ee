package dev.telemetry.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * One HTTP/1.1 client connection from a chosen loopback address ({@code 127.0.0.2} and up are
 * separate clients to the server's per-address caps), for attacks and for the well-behaved client
 * measured beside them.
 */
final class RawClient implements AutoCloseable {
  static final String API = "/admin/telemetry/api/v1";

  final Socket socket;

  private RawClient(Socket socket) {
    this.socket = socket;
  }

  /** Connects from {@code fromAddress}; a receive buffer of {@code receiveBuffer} bytes if positive. */
  static RawClient connect(String fromAddress, int port, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.bind(new InetSocketAddress(fromAddress, 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(10_000);
    s.setTcpNoDelay(true);
    return new RawClient(s);
  }

  static RawClient connect(String fromAddress, int port) throws IOException {
    return connect(fromAddress, port, 0);
  }

  static String get(String target, boolean keepAlive) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + DashboardFixture.TOKEN
        + "\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
  }

  void send(String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(UTF_8));
    out.flush();
  }

  /** Reads one response with a Content-Length body (or up to the end of its head for a stream). */
  Response response() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return new Response(-1, "", "");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headText = head.toString(UTF_8);
    int status = Integer.parseInt(headText.substring(9, 12));
    String lower = headText.toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("content-length:");
    if (at < 0) {
      return new Response(status, headText, "");
    }
    int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).trim());
    byte[] body = in.readNBytes(length);
    return new Response(status, headText, new String(body, UTF_8));
  }

  /** Whether the server closed this connection within the socket's read timeout (reads and discards). */
  boolean closedByServer() throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    try {
      while (in.read(buf) >= 0) {
        // discard
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  record Response(int status, String head, String body) {}
}
