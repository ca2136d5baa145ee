package dev.telemetry.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept side of {@link JdkDashboardServer}: a one-thread, non-blocking front that stands
 * between clients and the JDK's {@code HttpServer}, which listens on loopback only.
 *
 * <p>Why it exists: the JDK 17 server reads request headers on its worker threads with blocking
 * reads and has no per-client connection limit, so a hundred clients trickling header bytes hold
 * every worker (slowloris), and a client that never reads a large answer holds a worker for as
 * long as it likes. The gate never blocks: it accepts, counts connections per client address and in
 * total (past either cap: a canned 503 and close), buffers each request head until it is complete
 * (within the header timeout, at most {@value #MAX_HEAD_BYTES} bytes) and only then passes it on,
 * so a worker only ever sees whole requests. It relays answers through a bounded buffer; a client
 * that takes no bytes for the write timeout, or a request that gets no first byte of an answer
 * within the request timeout, is disconnected, which fails the worker's blocked write or cuts the
 * exchange, freeing the worker. An answer still being written when the request timeout ends (a
 * client reading a large export slowly but steadily) is cut the same way, on the watchdog's word
 * ({@link #cut}).
 */
final class ConnectionGate implements AutoCloseable {
  static final int MAX_HEAD_BYTES = 16 * 1024;
  private static final int RELAY_BYTES = 32 * 1024;
  private static final int UPSTREAM_WINDOW = 64 * 1024;
  private static final long SWEEP_NANOS = 50_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);
  private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

  private final JdkDashboardServer.Limits limits;
  private final InetSocketAddress upstream;
  private final long requestTimeoutNanos;
  private final Selector selector;
  private final ServerSocketChannel listener;
  private final Set<Link> links = new HashSet<>();
  private final Map<InetAddress, Integer> perClient = new HashMap<>();
  /** Links by the local port of their connection to the JDK server (the exchange's remote port). */
  private final Map<Integer, Link> byUpstreamPort = new HashMap<>();
  /** Upstream ports whose request ran past the request timeout, queued by the watchdog. */
  private final ConcurrentLinkedQueue<Integer> cuts = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private final AtomicLong refusedConnections = new AtomicLong();
  private final AtomicLong timedOutConnections = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger openConnections = new java.util.concurrent.atomic.AtomicInteger();
  /** Answers to requests the gate serves itself, or {@code null} when it relays everything. */
  private final DirectAnswers direct;
  /** Answers computed by workers for the gate to send; a {@code null} answer resets the link. */
  private final ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
  private final AtomicLong directlyAnswered = new AtomicLong();
  private volatile boolean open = true;

  ConnectionGate(InetSocketAddress address, InetSocketAddress upstream, JdkDashboardServer.Limits limits,
      long requestTimeoutNanos) throws IOException {
    this(address, upstream, limits, requestTimeoutNanos, null);
  }

  ConnectionGate(InetSocketAddress address, InetSocketAddress upstream, JdkDashboardServer.Limits limits,
      long requestTimeoutNanos, DirectAnswers direct) throws IOException {
    this.direct = direct;
    this.limits = limits;
    this.upstream = upstream;
    this.requestTimeoutNanos = requestTimeoutNanos;
    this.selector = Selector.open();
    this.listener = ServerSocketChannel.open();
    try {
      listener.bind(address, 128);
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      listener.close();
      selector.close();
      throw e;
    }
    this.thread = new Thread(this::run, "telemetry-http-gate");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) listener.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("the gate is closed", e);
    }
  }

  /** Connections refused at a cap (per client or in total). */
  long refusedConnections() {
    return refusedConnections.get();
  }

  /** Requests the gate answered itself, without the JDK server (tests). */
  long directlyAnswered() {
    return directlyAnswered.get();
  }

  /** Client connections open now. */
  int openConnections() {
    return openConnections.get();
  }

  /** Connections cut for a slow head, a client that stopped reading, or an answer that never started. */
  long timedOutConnections() {
    return timedOutConnections.get();
  }

  /**
   * Disconnects the client whose request reached the JDK server from {@code upstreamPort} (the
   * exchange's remote port): its worker's next write fails and the worker is free. Called by the
   * request watchdog when an answer runs past the request timeout, however steadily the client
   * reads it; never blocks.
   */
  void cut(int upstreamPort) {
    cuts.add(upstreamPort);
    selector.wakeup();
  }

  @Override
  public void close() {
    open = false;
    selector.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long nextSweep = System.nanoTime() + SWEEP_NANOS;
    try {
      while (open) {
        selector.select(SWEEP_NANOS / 1_000_000L);
        for (SelectionKey key : selector.selectedKeys()) {
          try {
            handle(key);
          } catch (IOException | RuntimeException e) {
            // One connection's failure (a reset, a refused upstream) ends that connection only.
            if (key.attachment() instanceof Link link) {
              link.close();
            }
          }
        }
        selector.selectedKeys().clear();
        for (Answered a; (a = answered.poll()) != null; ) {
          if (!a.link.closed) {
            try {
              a.link.deliver(a.answer);
            } catch (IOException | RuntimeException e) {
              a.link.close();
            }
          }
        }
        for (Integer port; (port = cuts.poll()) != null; ) {
          Link link = byUpstreamPort.get(port);
          if (link != null) {
            timedOutConnections.incrementAndGet();
            link.reset();
          }
        }
        long now = System.nanoTime();
        if (now >= nextSweep) {
          sweep(now);
          nextSweep = now + SWEEP_NANOS;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("telemetry: the dashboard's connection gate stopped", e);
    } finally {
      for (Link link : new ArrayList<>(links)) {
        link.close();
      }
      closeQuietly(listener);
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void handle(SelectionKey key) throws IOException {
    if (!key.isValid()) {
      return;
    }
    if (key.isAcceptable()) {
      accept();
      return;
    }
    Link link = (Link) key.attachment();
    if (key.channel() == link.client) {
      if (key.isReadable()) {
        link.readClient();
      }
      if (key.isValid() && key.isWritable()) {
        link.writeClient();
      }
    } else {
      if (key.isConnectable()) {
        link.connected();
      }
      if (key.isValid() && key.isWritable()) {
        link.writeUpstream();
      }
      if (key.isValid() && key.isReadable()) {
        link.readUpstream();
      }
    }
  }

  private void accept() throws IOException {
    SocketChannel client;
    while ((client = listener.accept()) != null) {
      InetAddress from;
      try {
        from = ((InetSocketAddress) client.getRemoteAddress()).getAddress();
      } catch (IOException goneAlready) {
        closeQuietly(client);
        continue;
      }
      int mine = perClient.getOrDefault(from, 0);
      if (mine >= limits.maxConnectionsPerClient() || links.size() >= limits.maxConnections()) {
        refusedConnections.incrementAndGet();
        refuse(client, mine >= limits.maxConnectionsPerClient());
        continue;
      }
      client.configureBlocking(false);
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      perClient.put(from, mine + 1);
      Link link = new Link(client, from);
      links.add(link);
      openConnections.incrementAndGet();
      link.clientKey = client.register(selector, SelectionKey.OP_READ, link);
    }
  }

  /** One best-effort non-blocking write of a 503, then close: a refused client costs nothing more. */
  private static void refuse(SocketChannel client, boolean perClientCap) {
    String body = perClientCap
        ? "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"this client has too many open connections\","
            + "\"param\":null}}"
        : "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"the server has too many open connections\","
            + "\"param\":null}}";
    cannedAndClose(client, 503, "Service Unavailable", body);
  }

  private static void cannedAndClose(SocketChannel client, int status, String reason, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + Exchange.JSON
        + "\r\nCache-Control: no-store\r\nConnection: close\r\nRetry-After: 5\r\nContent-Length: " + bytes.length
        + "\r\n\r\n";
    try {
      client.configureBlocking(false);
      client.write(ByteBuffer.wrap((head + body).getBytes(StandardCharsets.UTF_8)));
    } catch (IOException ignored) {
      // the client is gone already
    }
    closeQuietly(client);
  }

  private void sweep(long now) {
    for (Link link : new ArrayList<>(links)) {
      if (link.expired(now)) {
        timedOutConnections.incrementAndGet();
        link.reset();
      }
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /**
   * Whether the head announces a body: any Transfer-Encoding, or a first Content-Length other
   * than 0. Scans the bytes in place (it runs for every request on the gate's one thread).
   */
  static boolean declaresBody(byte[] bytes, int length) {
    boolean body = false;
    boolean lengthSeen = false;
    for (int i = 0; i < length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      int name = i + 1;
      if (startsWithIgnoreCase(bytes, name, length, TRANSFER_ENCODING)) {
        return true;
      }
      if (!lengthSeen && startsWithIgnoreCase(bytes, name, length, CONTENT_LENGTH)) {
        lengthSeen = true;
        int from = name + CONTENT_LENGTH.length;
        int to = from;
        while (to < length && bytes[to] != '\r') {
          to++;
        }
        while (from < to && (bytes[from] & 0xff) <= ' ') {
          from++;
        }
        while (to > from && (bytes[to - 1] & 0xff) <= ' ') {
          to--;
        }
        body = !(to - from == 1 && bytes[from] == '0');
      }
    }
    return body;
  }

  /** Whether {@code bytes[at, limit)} starts with {@code lower} (lower-case ASCII), ignoring ASCII case. */
  private static boolean startsWithIgnoreCase(byte[] bytes, int at, int limit, byte[] lower) {
    if (limit - at < lower.length) {
      return false;
    }
    for (int k = 0; k < lower.length; k++) {
      int b = bytes[at + k];
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      if (b != lower[k]) {
        return false;
      }
    }
    return true;
  }

  private record Answered(Link link, ByteBuffer[] answer) {}

  /** One client connection and, once it sent a whole request head, its connection to the server. */
  private final class Link {
    final SocketChannel client;
    final InetAddress from;
    SelectionKey clientKey;
    SocketChannel server;
    SelectionKey serverKey;
    /** The head being received (write mode). */
    final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD_BYTES);
    /** Whole heads waiting to be written to the server (read mode). */
    final ByteBuffer toServer = ByteBuffer.allocate(MAX_HEAD_BYTES).flip();
    /** Answer bytes waiting for the client (read mode). */
    final ByteBuffer toClient = ByteBuffer.allocate(RELAY_BYTES).flip();
    /** A direct answer being computed by a worker (the client is not read meanwhile). */
    boolean directPending;
    /** A direct answer being written to the client, or {@code null}. */
    ByteBuffer[] directAnswer;
    int scanned;
    boolean serverDone;
    boolean closed;
    int upstreamPort = -1;
    /** When the head being received began (the accept for the first), or -1 between requests. */
    long headStarted = System.nanoTime();
    /** When a head was passed on and no answer byte has come back since, or -1. */
    long awaitingAnswerSince = -1;
    /** When the client last took bytes while some were waiting for it. */
    long clientLastTook = -1;
    long lastActivity = System.nanoTime();

    Link(SocketChannel client, InetAddress from) {
      this.client = client;
      this.from = from;
    }

    void readClient() throws IOException {
      if (toServer.hasRemaining() || directPending || directAnswer != null) {
        interest(clientKey, SelectionKey.OP_READ, false); // a head is still going out: read later
        return;
      }
      int n = client.read(head);
      if (n < 0) {
        close();
        return;
      }
      long now = System.nanoTime();
      lastActivity = now;
      if (n > 0 && headStarted < 0) {
        headStarted = now;
      }
      passOnWholeHead(now);
    }

    /** Moves the first complete head, if any, to the server; the bytes after it start the next. */
    private void passOnWholeHead(long now) throws IOException {
      int end = headEnd();
      if (end < 0) {
        if (!head.hasRemaining()) {
          cannedAndClose(client, 431, "Request Header Fields Too Large",
              "{\"error\":{\"code\":\"headers_too_large\",\"message\":\"the request head is over " + MAX_HEAD_BYTES
                  + " bytes\",\"param\":null}}");
          close();
        }
        return;
      }
      if (declaresBody(head.array(), end)) {
        // The API is read-only; a body would be read by a worker at the client's pace, so it is refused here.
        cannedAndClose(client, 413, "Payload Too Large", "{\"error\":{\"code\":\"body_not_allowed\",\"message\":"
            + "\"the API is read-only and accepts no request body\",\"param\":null}}");
        close();
        return;
      }
      // A connection that never reached the JDK server may have its summary polls answered here;
      // once it has, its answers come from there in order.
      DashboardRequest request = server == null && direct != null ? direct.parse(head.array(), end) : null;
      if (request == null) {
        toServer.clear();
        toServer.put(head.array(), 0, end).flip();
      }
      head.flip();
      head.position(end);
      head.compact();
      scanned = 0;
      headStarted = head.position() > 0 ? now : -1;
      awaitingAnswerSince = now;
      if (request != null) {
        answerDirectly(request);
        return;
      }
      if (server == null) {
        server = SocketChannel.open();
        server.configureBlocking(false);
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        // A small window toward the worker: an answer the client does not take stops the worker
        // (blocked, costing no CPU) after ~64 KB instead of megabytes of kernel buffers.
        server.setOption(StandardSocketOptions.SO_RCVBUF, UPSTREAM_WINDOW);
        serverKey = server.register(selector, SelectionKey.OP_CONNECT, this);
        if (server.connect(upstream)) {
          connected();
        }
      } else {
        writeUpstream();
      }
    }

    private void answerDirectly(DashboardRequest request) {
      directPending = true;
      interest(clientKey, SelectionKey.OP_READ, false);
      try {
        direct.workers().execute(() -> {
          ByteBuffer[] answer = null;
          try {
            answer = direct.answer(request);
          } catch (RuntimeException e) {
            // handle() answers its own failures; anything else resets the connection
          } finally {
            answered.add(new Answered(this, answer));
            selector.wakeup();
          }
        });
      } catch (RejectedExecutionException busy) {
        cannedAndClose(client, 503, "Service Unavailable", "{\"error\":{\"code\":\"overloaded\",\"message\":"
            + "\"every worker is busy; try again later\",\"param\":null}}");
        close();
      }
    }

    /** A worker's answer arrived: send it, or reset the connection when there is none. */
    void deliver(ByteBuffer[] answer) throws IOException {
      directPending = false;
      if (answer == null) {
        reset();
        return;
      }
      long now = System.nanoTime();
      awaitingAnswerSince = -1;
      lastActivity = now;
      directAnswer = answer;
      directlyAnswered.incrementAndGet();
      writeClient();
    }

    /** Index just past the first CRLFCRLF in the head buffer, or -1. */
    private int headEnd() {
      byte[] a = head.array();
      int limit = head.position();
      for (int i = Math.max(0, scanned - 3); i + 3 < limit; i++) {
        if (a[i] == HEAD_END[0] && a[i + 1] == HEAD_END[1] && a[i + 2] == HEAD_END[2] && a[i + 3] == HEAD_END[3]) {
          return i + 4;
        }
      }
      scanned = limit;
      return -1;
    }

    void connected() throws IOException {
      if (server.isConnectionPending()) {
        server.finishConnect();
      }
      upstreamPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
      byUpstreamPort.put(upstreamPort, this);
      serverKey.interestOps(SelectionKey.OP_READ);
      writeUpstream();
    }

    void writeUpstream() throws IOException {
      if (server.isConnectionPending()) {
        return;
      }
      server.write(toServer);
      interest(serverKey, SelectionKey.OP_WRITE, toServer.hasRemaining());
      if (!toServer.hasRemaining()) {
        interest(clientKey, SelectionKey.OP_READ, true);
        if (head.position() > 0) {
          passOnWholeHead(System.nanoTime()); // a pipelined request already waiting
        }
      }
    }

    void readUpstream() throws IOException {
      toClient.compact();
      int n;
      try {
        n = server.read(toClient);
      } finally {
        toClient.flip();
      }
      if (n < 0) {
        serverDone = true;
        interest(serverKey, SelectionKey.OP_READ, false);
      } else if (n > 0) {
        long now = System.nanoTime();
        lastActivity = now;
        awaitingAnswerSince = -1;
      }
      writeClient();
    }

    void writeClient() throws IOException {
      if (directAnswer != null) {
        writeDirect();
        return;
      }
      boolean hadBytes = toClient.hasRemaining();
      if (hadBytes) {
        int n = client.write(toClient);
        long now = System.nanoTime();
        if (n > 0 || clientLastTook < 0) {
          clientLastTook = now;
        }
        if (n > 0) {
          lastActivity = now;
        }
      }
      boolean pending = toClient.hasRemaining();
      if (!pending) {
        clientLastTook = -1;
      }
      interest(clientKey, SelectionKey.OP_WRITE, pending);
      if (serverKey != null && serverKey.isValid() && !serverDone) {
        interest(serverKey, SelectionKey.OP_READ, toClient.position() > 0 || toClient.limit() < toClient.capacity());
      }
      if (serverDone && !pending) {
        close();
      }
    }

    private void writeDirect() throws IOException {
      long n = client.write(directAnswer);
      long now = System.nanoTime();
      if (n > 0 || clientLastTook < 0) {
        clientLastTook = now;
      }
      if (n > 0) {
        lastActivity = now;
      }
      boolean pending = directAnswer[directAnswer.length - 1].hasRemaining();
      interest(clientKey, SelectionKey.OP_WRITE, pending);
      if (pending) {
        return;
      }
      directAnswer = null;
      clientLastTook = -1;
      interest(clientKey, SelectionKey.OP_READ, true);
      if (head.position() > 0) {
        passOnWholeHead(now); // a pipelined request already waiting
      }
    }

    boolean expired(long now) {
      if (headStarted >= 0 && now - headStarted > limits.headerTimeout().toNanos()) {
        return true;
      }
      if (clientLastTook >= 0 && now - clientLastTook > limits.writeTimeout().toNanos()) {
        return true;
      }
      if (awaitingAnswerSince >= 0 && now - awaitingAnswerSince > requestTimeoutNanos) {
        return true;
      }
      return headStarted < 0 && awaitingAnswerSince < 0 && !toClient.hasRemaining() && directAnswer == null
          && now - lastActivity > limits.idleTimeout().toNanos();
    }

    /**
     * Closes with a reset: answer bytes still in the kernel's send buffer (megabytes on a fast
     * link) are dropped instead of trickling out to a client that is being cut.
     */
    void reset() {
      try {
        client.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException | RuntimeException ignored) {
        // closed already
      }
      close();
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      links.remove(this);
      openConnections.decrementAndGet();
      perClient.computeIfPresent(from, (k, v) -> v <= 1 ? null : v - 1);
      if (upstreamPort >= 0) {
        byUpstreamPort.remove(upstreamPort, this);
      }
      closeQuietly(client);
      if (server != null) {
        closeQuietly(server);
      }
    }
  }

  private static void interest(SelectionKey key, int op, boolean on) {
    if (key == null || !key.isValid()) {
      return;
    }
    int ops = key.interestOps();
    int wanted = on ? ops | op : ops & ~op;
    if (wanted != ops) {
      key.interestOps(wanted);
    }
  }
}
