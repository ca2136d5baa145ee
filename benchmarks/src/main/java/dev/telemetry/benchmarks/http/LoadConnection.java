package dev.telemetry.benchmarks.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Function;

/**
 * One keep-alive HTTP/1.1 connection of {@link ClosedLoopLoad}, owned by one selector thread: it
 * writes a pre-encoded request, and {@link AnswerFraming} tells when the answer is complete. In
 * conditional mode the request is re-encoded only when an answer brings a new {@code ETag}.
 */
final class LoadConnection {
  private final InetSocketAddress server;
  private final Selector selector;
  private final Function<String, byte[]> requestFor;
  private final boolean conditional;
  private final AnswerFraming answer = new AnswerFraming();
  private ByteBuffer out;
  private SocketChannel channel;
  private SelectionKey key;
  private long sentAt;
  private boolean awaiting;
  private boolean answeredSinceConnect;

  /**
   * @param requestFor the request bytes for the last {@code ETag} seen on this connection ({@code
   *     null} before the first); called with null only when not {@code conditional}
   */
  LoadConnection(InetSocketAddress server, Selector selector, Function<String, byte[]> requestFor,
      boolean conditional) {
    this.server = server;
    this.selector = selector;
    this.requestFor = requestFor;
    this.conditional = conditional;
    this.out = ByteBuffer.wrap(requestFor.apply(null));
  }

  /** Opens (or reopens) the connection: a blocking connect, then non-blocking reads and writes. */
  void connect() throws IOException {
    close();
    SocketChannel c = SocketChannel.open();
    try {
      c.setOption(StandardSocketOptions.TCP_NODELAY, true);
      c.connect(server);
      c.configureBlocking(false);
      key = c.register(selector, SelectionKey.OP_READ, this);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    channel = c;
    answeredSinceConnect = false;
  }

  /** Sends the request; its latency starts now. */
  void send() throws IOException {
    answer.expectAnswer();
    sentAt = System.nanoTime();
    awaiting = true;
    out.clear();
    channel.write(out);
    if (out.hasRemaining()) {
      key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }
  }

  /** Writes the rest of a request the socket did not take at once. */
  void flush() throws IOException {
    channel.write(out);
    if (!out.hasRemaining()) {
      key.interestOps(SelectionKey.OP_READ);
    }
  }

  /** Reads what has arrived; true once the whole answer is in ({@link #status()} is then set). */
  boolean read() throws IOException {
    while (true) {
      int n = channel.read(answer.buffer());
      if (n < 0) {
        throw new EOFException(awaiting ? "the server closed the connection before the answer was complete"
            : "the server closed an idle connection");
      }
      if (n == 0) {
        return false;
      }
      if (!awaiting) {
        throw new ProtocolException("bytes from the server with no request outstanding");
      }
      if (answer.advance(n)) {
        awaiting = false;
        answeredSinceConnect = true;
        if (conditional && answer.etagChanged()) {
          out = ByteBuffer.wrap(requestFor.apply(answer.lastEtag()));
        }
        return true;
      }
    }
  }

  int status() {
    return answer.status();
  }

  long sentAt() {
    return sentAt;
  }

  /** A request is out and its answer not yet complete. */
  boolean awaiting() {
    return awaiting;
  }

  /** The last answer said the server closes the connection after it. */
  boolean serverCloses() {
    return answer.serverCloses();
  }

  /** At least one whole answer arrived since the last connect: worth reconnecting after an error. */
  boolean answeredSinceConnect() {
    return answeredSinceConnect;
  }

  boolean isOpen() {
    return channel != null;
  }

  void close() {
    awaiting = false;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a loopback socket; nothing left to do
      }
      channel = null;
      key = null;
    }
  }
}
