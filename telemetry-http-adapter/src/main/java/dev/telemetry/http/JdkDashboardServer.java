package dev.telemetry.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * waits ~40 ms for a delayed ACK). Limits: a bounded worker pool (past its queue the JDK server closes the connection), request bodies refused
 * (413; the API is read-only), and every non-streaming request cut off after the request timeout.
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
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService watchdog;
  private final TelemetryDashboard dashboard;

  private JdkDashboardServer(TelemetryDashboard dashboard, InetSocketAddress address, int threads,
      Duration requestTimeout) throws IOException {
    this.dashboard = dashboard;
    this.server = HttpServer.create(address, 64);
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
        r -> {
          Thread t = new Thread(r, "telemetry-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "telemetry-http-watchdog");
      t.setDaemon(true);
      return t;
    });
    server.createContext(dashboard.mount(), new Handler(dashboard, watchdog, requestTimeout));
    server.setExecutor(workers);
    server.start();
  }

  /** Starts a server on {@code address} with 16 worker threads and a 30 s request timeout. */
  public static JdkDashboardServer start(TelemetryDashboard dashboard, InetSocketAddress address)
      throws IOException {
    return start(dashboard, address, 16, Duration.ofSeconds(30));
  }

  /**
   * Starts a server on {@code address}.
   *
   * @param threads worker threads, 2 to 256; each open live-feed stream holds one
   * @param requestTimeout longest time a non-streaming request may take, 1 s to 10 minutes
   */
  public static JdkDashboardServer start(TelemetryDashboard dashboard, InetSocketAddress address, int threads,
      Duration requestTimeout) throws IOException {
    requireNonNull(dashboard, "dashboard");
    requireNonNull(address, "address");
    requireNonNull(requestTimeout, "requestTimeout");
    if (threads < 2 || threads > 256) {
      throw new IllegalArgumentException("threads must be between 2 and 256, was " + threads);
    }
    if (requestTimeout.compareTo(Duration.ofSeconds(1)) < 0 || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("requestTimeout must be between 1s and 10 minutes, was " + requestTimeout);
    }
    return new JdkDashboardServer(dashboard, address, threads, requestTimeout);
  }

  /**
   * A handler to mount on a host's own {@code HttpServer} at {@code dashboard.mount()}; requests
   * are cut off after {@code requestTimeout} (streams excepted).
   */
  public static HttpHandler handler(TelemetryDashboard dashboard, Duration requestTimeout) {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "telemetry-http-watchdog");
      t.setDaemon(true);
      return t;
    });
    return new Handler(requireNonNull(dashboard, "dashboard"), watchdog, requireNonNull(requestTimeout,
        "requestTimeout"));
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The dashboard page's URL. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + dashboard.mount() + "/";
  }

  /** Stops accepting and stops the server within a second (open live-feed streams are interrupted). */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdownNow();
    watchdog.shutdownNow();
  }

  private static final class Handler implements HttpHandler {
    private final TelemetryDashboard dashboard;
    private final ScheduledExecutorService watchdog;
    private final Duration requestTimeout;

    Handler(TelemetryDashboard dashboard, ScheduledExecutorService watchdog, Duration requestTimeout) {
      this.dashboard = dashboard;
      this.watchdog = watchdog;
      this.requestTimeout = requestTimeout;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        Headers in = exchange.getRequestHeaders();
        String length = in.getFirst("Content-Length");
        if ((length != null && !length.trim().equals("0")) || in.containsKey("Transfer-Encoding")) {
          refuseBody(exchange);
          return;
        }
        String path = exchange.getRequestURI().getRawPath();
        boolean streaming = path.endsWith(TelemetryDashboard.API_PREFIX + "/stream");
        ScheduledFuture<?> cutoff = streaming ? null
            : watchdog.schedule(exchange::close, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
          DashboardRequest request = DashboardRequest.of(exchange.getRequestMethod(), path,
              exchange.getRequestURI().getRawQuery(), in::getFirst);
          dashboard.handle(request, new Response(exchange));
        } finally {
          if (cutoff != null) {
            cutoff.cancel(false);
          }
        }
      }
    }

    private static void refuseBody(HttpExchange exchange) throws IOException {
      byte[] body = ("{\"error\":{\"code\":\"body_not_allowed\",\"message\":\"the API is read-only and accepts no"
          + " request body\",\"param\":null}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", Exchange.JSON);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Connection", "close");
      exchange.sendResponseHeaders(413, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
      try (InputStream ignored = exchange.getRequestBody()) {
        // closed unread: the connection is closed after the response
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
