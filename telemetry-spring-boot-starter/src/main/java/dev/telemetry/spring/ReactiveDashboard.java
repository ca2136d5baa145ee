package dev.telemetry.spring;

import static java.util.Objects.requireNonNull;

import dev.telemetry.http.DashboardRequest;
import dev.telemetry.http.DashboardResponse;
import dev.telemetry.http.TelemetryDashboard;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The dashboard on a Spring WebFlux server (Netty or any other reactive runtime), as a {@link
 * RouterFunction} at the dashboard's mount.
 *
 * <pre>{@code
 * @Bean
 * RouterFunction<ServerResponse> telemetryDashboardRoutes(TelemetryDashboard dashboard) {
 *   return ReactiveDashboard.create(dashboard).routerFunction();
 * }
 * }</pre>
 *
 * <p>{@link TelemetryDashboard#handle} blocks on the store and writes to an {@link OutputStream},
 * so it never runs on an event-loop thread: an ordinary request runs on {@link
 * Schedulers#boundedElastic()}, a live-feed stream (which lasts up to its maximum duration) on a
 * scheduler of its own with {@code maxStreams + 4} threads, so open streams never take the shared
 * pool's threads from the application. What the dashboard writes is handed to the server as it is
 * flushed, with backpressure: a write waits until the client has asked for more (at most one
 * {@value #CHUNK_BYTES}-byte buffer is held per request). Status and headers are applied when the
 * first bytes (or the end) reach the server. A request with a body is refused with 413 (the API is
 * read-only; the body is never read). Past the stream threads, a stream gets 503.
 *
 * <p>As a route, it runs after the application's {@code WebFilter}s, Spring Security's included,
 * so a host that protects the path with Spring Security keeps that protection.
 */
public final class ReactiveDashboard implements AutoCloseable {
  /** The default most open live-feed streams, {@link TelemetryDashboard.Builder#maxStreamSubscribers}'s default. */
  public static final int DEFAULT_MAX_STREAMS = 16;
  static final int CHUNK_BYTES = 8192;
  private static final byte[] BODY_NOT_ALLOWED = ("{\"error\":{\"code\":\"body_not_allowed\",\"message\":"
      + "\"the API is read-only and accepts no request body\",\"param\":null}}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] TOO_MANY_STREAMS = ("{\"error\":{\"code\":\"too_many_subscribers\",\"message\":"
      + "\"the live feed is at its limit of open streams; try again later\",\"param\":null}}")
      .getBytes(StandardCharsets.UTF_8);
  private static final String JSON = "application/json; charset=utf-8";

  private final TelemetryDashboard dashboard;
  private final String streamPath;
  private final Scheduler requests;
  private final Scheduler streams;

  private ReactiveDashboard(TelemetryDashboard dashboard, Scheduler requests, int maxStreams) {
    this.dashboard = requireNonNull(dashboard, "dashboard");
    this.requests = requireNonNull(requests, "requests");
    if (maxStreams < 1 || maxStreams > 256) {
      throw new IllegalArgumentException("maxStreams must be between 1 and 256, was " + maxStreams);
    }
    this.streamPath = dashboard.mount() + TelemetryDashboard.API_PREFIX + "/stream";
    // A few threads past the feed's cap, so the stream after the last one reaches the dashboard and gets its 503;
    // no queue beyond that: a stream waiting for another one to end would wait for minutes.
    this.streams = Schedulers.newBoundedElastic(maxStreams + 4, 1, "telemetry-dashboard-stream", 60, true);
  }

  /** The dashboard with ordinary requests on {@link Schedulers#boundedElastic()} and {@value #DEFAULT_MAX_STREAMS} streams. */
  public static ReactiveDashboard create(TelemetryDashboard dashboard) {
    return new ReactiveDashboard(dashboard, Schedulers.boundedElastic(), DEFAULT_MAX_STREAMS);
  }

  /**
   * @param requests where ordinary requests run (they block on the store)
   * @param maxStreams the dashboard's {@code maxStreamSubscribers}, 1 to 256
   */
  public static ReactiveDashboard create(TelemetryDashboard dashboard, Scheduler requests, int maxStreams) {
    return new ReactiveDashboard(dashboard, requests, maxStreams);
  }

  /** The dashboard's mount, and every path below it, answered by {@link #handle}. */
  public RouterFunction<ServerResponse> routerFunction() {
    String mount = dashboard.mount();
    return RouterFunctions.route(RequestPredicates.path(mount).or(RequestPredicates.path(mount + "/**")),
        request -> ServerResponse.ok().build((exchange, context) -> handle(exchange)));
  }

  /** Answers one exchange whose path lies under the dashboard's mount. */
  public Mono<Void> handle(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    ServerHttpResponse response = exchange.getResponse();
    HttpHeaders headers = request.getHeaders();
    if (headers.getContentLength() > 0 || headers.getFirst(HttpHeaders.TRANSFER_ENCODING) != null) {
      return json(response, 413, BODY_NOT_ALLOWED);
    }
    String path = request.getPath().pathWithinApplication().value();
    DashboardRequest dashboardRequest = DashboardRequest.of(request.getMethod().name(), path,
        request.getURI().getRawQuery(), headers::getFirst);
    boolean stream = path.equals(streamPath);
    Scheduler scheduler = stream ? streams : requests;
    Executor executor = scheduler::schedule;
    Flux<DataBuffer> body = Flux.from(DataBufferUtils.outputStreamPublisher(
        out -> dashboard.handle(dashboardRequest, new Response(response, out)),
        response.bufferFactory(), executor, CHUNK_BYTES));
    // Each buffer is what the dashboard flushed (or a full chunk): send it now, so the live feed's events arrive.
    return response.writeAndFlushWith(body.map(Mono::just))
        .onErrorResume(RejectedExecutionException.class, e -> response.isCommitted() ? Mono.error(e)
            : json(response, 503, TOO_MANY_STREAMS));
  }

  private static Mono<Void> json(ServerHttpResponse response, int status, byte[] body) {
    response.setStatusCode(HttpStatusCode.valueOf(status));
    HttpHeaders headers = response.getHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, JSON);
    headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    headers.setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  /** Stops the stream threads (open streams end when their next write fails). */
  @Override
  public void close() {
    streams.dispose();
  }

  /**
   * The dashboard's response over the server's: status and headers go to the server's response
   * (applied when it commits, on the first buffer or the end), the body into the publisher's stream.
   * Called on one worker thread; the buffer hand-off orders these writes before the commit.
   */
  private static final class Response implements DashboardResponse {
    private final ServerHttpResponse response;
    private final OutputStream body;

    Response(ServerHttpResponse response, OutputStream body) {
      this.response = response;
      this.body = body;
    }

    @Override
    public void status(int code) {
      response.setStatusCode(HttpStatusCode.valueOf(code));
    }

    @Override
    public void header(String name, String value) {
      response.getHeaders().set(name, value);
    }

    @Override
    public OutputStream body() {
      return body;
    }
  }
}
