package dev.telemetry.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The dashboard on the JDK's built-in {@code com.sun.net.httpserver.HttpServer}, for hosts with no
 * web server of their own; or, through {@link #handler}, mounted on a host's existing one.
 *
 * <pre>{@code
 * try (JdkDashboardServer server = JdkDashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 9464))) {
 *   System.out.println("dashboard at " + server.url());
 *   ...
 * }
 * }</pre>
 *
 * <p>Sets {@code sun.net.httpserver.nodelay=true} unless the host set it (otherwise each response
 * waits ~40 ms for a delayed ACK). The JDK server itself listens on loopback; clients connect to a
 * non-blocking gate in front of it that holds what the JDK server cannot defend (see {@link
 * Limits}): a request reaches a worker only once its whole head arrived within the header timeout,
 * one client address may hold at most a few connections, a client that stops reading an answer is
 * disconnected after the write timeout, and a request without an answer is cut after the request
 * timeout. A connection the gate holds costs two small buffers, never a thread. Summary polls
 * ({@code GET {mount}/api/v1/summary}) on a connection that has not used the JDK server are
 * answered by the gate itself, on a worker, without the relay (ADR 0059). Live-feed streams run on threads of their own, never on a request worker; past the
 * feed's cap a stream gets 503 {@code too_many_subscribers}. Request bodies are refused (413; the
 * API is read-only).
 *
 * <p>Limits of this defence: caps are per client address, so many attacking addresses (or many
 * users behind one NAT) are not told apart; hosts exposed beyond a trusted network should mount
 * {@link DashboardServlet} on their own server (Jetty, Tomcat) or sit behind a reverse proxy.
 */
public final class JdkDashboardServer implements AutoCloseable {
  /** Largest request body accepted; the API only reads, so any body is refused. */
  static final long MAX_BODY_BYTES = 0;

  static {
    // The JDK server leaves Nagle's algorithm on: a response written as headers then body waits for
    // the client's delayed ACK (~40 ms on loopback). Read once per JVM by the JDK; a host's own
    // setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ConnectionGate gate;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor streams;
  private final ScheduledExecutorService watchdog;
  private final TelemetryDashboard dashboard;

  private JdkDashboardServer(TelemetryDashboard dashboard, InetSocketAddress address, int threads,
      Duration requestTimeout, Limits limits) throws IOException {
    this.dashboard = dashboard;
    // The JDK server listens on loopback only; clients reach it through the gate (see ConnectionGate).
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
        daemons("telemetry-http-"), new ThreadPoolExecutor.AbortPolicy());
    // The gate opens first: the handler's watchdog cuts overlong answers through it. Connections it
    // accepts before the server starts wait in the server's backlog. It answers summary polls
    // itself on the same workers (DirectAnswers, ADR 0059).
    try {
      this.gate = new ConnectionGate(address, server.getAddress(), limits, requestTimeout.toNanos(),
          new DirectAnswers(dashboard, workers));
    } catch (IOException | RuntimeException e) {
      server.stop(0); // never started: releases its loopback port
      workers.shutdownNow();
      throw e;
    }
    this.streams = streamThreads(dashboard);
    this.watchdog = watchdog();
    ConnectionGate cutter = gate;
    server.createContext(dashboard.mount(), new Handler(dashboard, watchdog, streams, requestTimeout,
        exchange -> cutter.cut(exchange.getRemoteAddress().getPort())));
    server.setExecutor(workers);
    server.start();
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * One timer per server for the request timeout. A request's cut-off is removed from its queue
   * when the request ends: left there until it fired (30 s by default), every cancelled cut-off
   * kept its exchange reachable, about 30 s × requests per second of them.
   */
  static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, daemons("telemetry-http-watchdog-"));
    watchdog.setRemoveOnCancelPolicy(true);
    return watchdog;
  }

  /**
   * Live-feed streams run on their own threads, never on a request worker: an open stream lasts
   * minutes, and streams holding workers starved every other request. A few more threads than the
   * feed's subscriber cap, so the 17th stream still reaches the dashboard and gets its 503.
   */
  private static ThreadPoolExecutor streamThreads(TelemetryDashboard dashboard) {
    int max = dashboard.maxSubscribers() + 4;
    return new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        daemons("telemetry-http-stream-"), new ThreadPoolExecutor.AbortPolicy());
  }

  /** Starts a server on {@code address} with 16 worker threads and a 30 s request timeout. */
  public static JdkDashboardServer start(TelemetryDashboard dashboard, InetSocketAddress address)
      throws IOException {
    return start(dashboard, address, 16, Duration.ofSeconds(30));
  }

  /**
   * Starts a server on {@code address}.
   *
   * @param threads worker threads, 2 to 256 (live-feed streams have threads of their own)
   * @param requestTimeout longest time a non-streaming request may take, 1 s to 10 minutes
   */
  public static JdkDashboardServer start(TelemetryDashboard dashboard, InetSocketAddress address, int threads,
      Duration requestTimeout) throws IOException {
    return start(dashboard, address, threads, requestTimeout, Limits.defaults());
  }

  /**
   * Starts a server on {@code address} with explicit limits on what one client may hold.
   *
   * @param threads worker threads, 2 to 256 (live-feed streams have threads of their own)
   * @param requestTimeout longest time a non-streaming request may take, 1 s to 10 minutes
   * @param limits header, write and idle timeouts and connection caps
   */
  public static JdkDashboardServer start(TelemetryDashboard dashboard, InetSocketAddress address, int threads,
      Duration requestTimeout, Limits limits) throws IOException {
    requireNonNull(dashboard, "dashboard");
    requireNonNull(limits, "limits");
    requireNonNull(address, "address");
    requireNonNull(requestTimeout, "requestTimeout");
    if (threads < 2 || threads > 256) {
      throw new IllegalArgumentException("threads must be between 2 and 256, was " + threads);
    }
    if (requestTimeout.compareTo(Duration.ofSeconds(1)) < 0 || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("requestTimeout must be between 1s and 10 minutes, was " + requestTimeout);
    }
    return new JdkDashboardServer(dashboard, address, threads, requestTimeout, limits);
  }

  /**
   * A handler to mount on a host's own {@code HttpServer} at {@code dashboard.mount()}; requests
   * are cut off after {@code requestTimeout} (streams excepted).
   */
  public static HttpHandler handler(TelemetryDashboard dashboard, Duration requestTimeout) {
    requireNonNull(dashboard, "dashboard");
    return new Handler(dashboard, watchdog(), streamThreads(dashboard), requireNonNull(requestTimeout, "requestTimeout"),
        HttpExchange::close);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return gate.address().getPort();
  }

  /** The dashboard page's URL. */
  public String url() {
    return "http://" + gate.address().getHostString() + ":" + port() + dashboard.mount() + "/";
  }

  /** Connections refused so far because a client, or the server, was at its connection cap. */
  public long refusedConnections() {
    return gate.refusedConnections();
  }

  /** Client connections open now (tests). */
  int openConnections() {
    return gate.openConnections();
  }

  /** Requests the gate answered itself (summary polls), without the JDK server (tests). */
  long directlyAnswered() {
    return gate.directlyAnswered();
  }

  /** Request cut-offs still queued on the watchdog (tests). */
  int pendingCutoffs() {
    return ((ScheduledThreadPoolExecutor) watchdog).getQueue().size();
  }

  /** Connections cut so far for a slow request head, a client that stopped reading, or an answer that never started. */
  public long timedOutConnections() {
    return gate.timedOutConnections();
  }

  /** Stops accepting and stops the server within a second (open live-feed streams are interrupted). */
  @Override
  public void close() {
    gate.close();
    server.stop(1);
    workers.shutdownNow();
    streams.shutdownNow();
    watchdog.shutdownNow();
  }

  /**
   * What one client may hold on the JDK server.
   *
   * @param headerTimeout longest time a request head may take to arrive, from the connection (or the
   *     head's first byte on a kept-alive connection), 100 ms to 5 minutes
   * @param writeTimeout longest time a client may leave answer bytes unread before it is
   *     disconnected, 100 ms to 5 minutes
   * @param idleTimeout longest time a kept-alive connection may sit idle, 1 s to 1 hour
   * @param maxConnectionsPerClient open connections one client address may hold, 1 to 10,000
   * @param maxConnections open connections in total, at least {@code maxConnectionsPerClient}, at most 100,000
   */
  public record Limits(Duration headerTimeout, Duration writeTimeout, Duration idleTimeout,
      int maxConnectionsPerClient, int maxConnections) {

    /**
     * Header and write timeouts 10 s, idle 60 s, 64 connections per client address (a reverse proxy
     * or a load test on the same host is one address), 1,024 in total.
     */
    public static Limits defaults() {
      return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60), 64, 1024);
    }

    public Limits {
      within("headerTimeout", headerTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
      within("writeTimeout", writeTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
      within("idleTimeout", idleTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
      if (maxConnectionsPerClient < 1 || maxConnectionsPerClient > 10_000) {
        throw new IllegalArgumentException("maxConnectionsPerClient must be between 1 and 10000, was "
            + maxConnectionsPerClient);
      }
      if (maxConnections < maxConnectionsPerClient || maxConnections > 100_000) {
        throw new IllegalArgumentException("maxConnections must be between maxConnectionsPerClient ("
            + maxConnectionsPerClient + ") and 100000, was " + maxConnections);
      }
    }

    private static void within(String name, Duration value, Duration min, Duration max) {
      requireNonNull(value, name);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
      }
    }
  }

  private static final class Handler implements HttpHandler {
    private final TelemetryDashboard dashboard;
    private final ScheduledExecutorService watchdog;
    private final ThreadPoolExecutor streams;
    private final Duration requestTimeout;
    /** Ends an exchange that ran past the request timeout; must not block the watchdog thread. */
    private final Consumer<HttpExchange> cut;

    Handler(TelemetryDashboard dashboard, ScheduledExecutorService watchdog, ThreadPoolExecutor streams,
        Duration requestTimeout, Consumer<HttpExchange> cut) {
      this.dashboard = dashboard;
      this.watchdog = watchdog;
      this.streams = streams;
      this.requestTimeout = requestTimeout;
      this.cut = cut;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      Headers in = exchange.getRequestHeaders();
      String length = in.getFirst("Content-Length");
      if ((length != null && !length.trim().equals("0")) || in.containsKey("Transfer-Encoding")) {
        try (exchange) {
          refuseBody(exchange);
        }
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      if (path.endsWith(TelemetryDashboard.API_PREFIX + "/stream")) {
        try {
          streams.execute(() -> {
            try (exchange) {
              answer(exchange, path);
            } catch (IOException | RuntimeException clientGone) {
              // the stream's client left; nothing to report
            }
          });
        } catch (RejectedExecutionException full) {
          try (exchange) {
            tooManyStreams(exchange);
          }
        }
        return;
      }
      try (exchange) {
        ScheduledFuture<?> cutoff = watchdog.schedule(() -> cut.accept(exchange), requestTimeout.toMillis(),
            TimeUnit.MILLISECONDS);
        try {
          answer(exchange, path);
        } finally {
          cutoff.cancel(false);
        }
      }
    }

    private void answer(HttpExchange exchange, String path) throws IOException {
      DashboardRequest request = DashboardRequest.of(exchange.getRequestMethod(), path,
          exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()::getFirst);
      dashboard.handle(request, new Response(exchange));
    }

    private static void tooManyStreams(HttpExchange exchange) throws IOException {
      cannedJson(exchange, 503, "{\"error\":{\"code\":\"too_many_subscribers\",\"message\":\"the live feed is at"
          + " its limit of open streams; try again later\",\"param\":null}}");
    }

    private static void refuseBody(HttpExchange exchange) throws IOException {
      cannedJson(exchange, 413, "{\"error\":{\"code\":\"body_not_allowed\",\"message\":\"the API is read-only and"
          + " accepts no request body\",\"param\":null}}");
      try (InputStream ignored = exchange.getRequestBody()) {
        // closed unread: the connection is closed after the response
      }
    }

    private static void cannedJson(HttpExchange exchange, int status, String json) throws IOException {
      byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", Exchange.JSON);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static final class Response implements DashboardResponse {
    private final HttpExchange exchange;
    private int status = 200;

    Response(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public void status(int code) {
      this.status = code;
    }

    @Override
    public void header(String name, String value) {
      exchange.getResponseHeaders().set(name, value);
    }

    @Override
    public OutputStream body() throws IOException {
      boolean empty = status == 304 || status == 204 || status / 100 == 3 || exchange.getRequestMethod().equals("HEAD");
      String length = exchange.getResponseHeaders().getFirst("Content-Length");
      exchange.getResponseHeaders().remove("Content-Length");
      long fixed = length == null ? 0 : Long.parseLong(length);
      exchange.sendResponseHeaders(status, empty || (length != null && fixed == 0) ? -1 : fixed);
      return exchange.getResponseBody();
    }
  }
}
