package dev.telemetry.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a small JDK {@code HttpServer} that counts what it receives and what
 * it answers: every answer the server sent is counted once, by status, conditional requests carry
 * the connection's last {@code ETag}, and failures show up as errors.
 */
class ClosedLoopLoadTest {
  private static final String TOKEN = "Bearer t0ken";
  private static final String ETAG = "\"v1\"";
  private static final byte[] BODY = new byte[3000];

  private HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong conditionalRequests = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong unauthorized = new AtomicLong();
  private final Set<String> ifNoneMatchSeen = ConcurrentHashMap.newKeySet();
  private final Set<String> hostsSeen = ConcurrentHashMap.newKeySet();
  private final Set<Integer> clientPortsSeen = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/summary", this::summary);
    server.createContext("/flaky", exchange -> {
      long n = requests.incrementAndGet();
      if (n % 3 == 0) {
        serverErrors.incrementAndGet();
        answer(exchange, 500, "{\"error\":\"boom\"}".getBytes());
      } else {
        answer(exchange, 200, BODY);
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void summary(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    hostsSeen.add(exchange.getRequestHeaders().getFirst("Host"));
    clientPortsSeen.add(exchange.getRemoteAddress().getPort());
    if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      unauthorized.incrementAndGet();
      answer(exchange, 401, new byte[0]);
      return;
    }
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    exchange.getResponseHeaders().set("ETag", ETAG);
    if (ifNoneMatch != null) {
      conditionalRequests.incrementAndGet();
      ifNoneMatchSeen.add(ifNoneMatch);
      if (ifNoneMatch.equals(ETAG)) {
        notModified.incrementAndGet();
        exchange.sendResponseHeaders(304, -1);
        exchange.close();
        return;
      }
    }
    answer(exchange, 200, BODY);
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private ClosedLoopLoad load(String path, String authorization, Duration timeout) {
    return new ClosedLoopLoad(server.getAddress(), path, authorization, timeout);
  }

  @Test
  void countsEveryAnswerTheServerSentOnce() throws Exception {
    LoadResult result = load("/summary", TOKEN, Duration.ofSeconds(10)).run(4, 1, Duration.ofMillis(300), false);

    assertThat(result.answers()).isPositive().isEqualTo(requests.get());
    assertThat(result.answers(200)).isEqualTo(result.answers());
    assertThat(result.errors()).isZero();
    assertThat(conditionalRequests.get()).isZero();
    assertThat(hostsSeen).containsExactly("127.0.0.1:" + server.getAddress().getPort());
    assertThat(result.quantileMillis(0.5)).isPositive().isLessThanOrEqualTo(result.quantileMillis(0.95));
    assertThat(result.quantileMillis(0.95)).isLessThanOrEqualTo(result.quantileMillis(1.0));
  }

  @Test
  void conditionalRequestsCarryTheConnectionsLastEtag() throws Exception {
    LoadResult result = load("/summary", TOKEN, Duration.ofSeconds(10)).run(6, 2, Duration.ofMillis(300), true);

    assertThat(result.errors()).isZero();
    assertThat(result.answers()).isEqualTo(requests.get());
    // Each connection's first request has no ETag yet; every later one asks with "v1" and gets 304.
    assertThat(result.answers(200)).isEqualTo(6);
    assertThat(result.notModified()).isEqualTo(result.answers() - 6).isEqualTo(notModified.get())
        .isEqualTo(conditionalRequests.get()).isPositive();
    assertThat(ifNoneMatchSeen).containsExactly(ETAG);
  }

  @Test
  void theRoundsOfASessionShareItsConnections() throws Exception {
    try (ClosedLoopLoad.Session session = load("/summary", TOKEN, Duration.ofSeconds(10)).open(5, 2, true)) {
      LoadResult first = session.round(Duration.ofMillis(150));
      long afterFirst = requests.get();
      LoadResult second = session.round(Duration.ofMillis(150));

      assertThat(first.answers()).isEqualTo(afterFirst);
      assertThat(second.answers()).isPositive().isEqualTo(requests.get() - afterFirst);
      assertThat(clientPortsSeen).hasSize(5);
      // The connections remember their ETag across rounds: the second round is 304s only.
      assertThat(first.answers(200)).isEqualTo(5);
      assertThat(second.notModified()).isEqualTo(second.answers());
      assertThat(first.errors() + second.errors()).isZero();
    }
  }

  @Test
  void countsErrorAnswersAsErrorsAndKeepsGoing() throws Exception {
    LoadResult result = load("/flaky", TOKEN, Duration.ofSeconds(10)).run(3, 1, Duration.ofMillis(300), false);

    assertThat(result.answers()).isEqualTo(requests.get());
    assertThat(result.answers(500)).isEqualTo(serverErrors.get()).isPositive();
    assertThat(result.errors()).isEqualTo(serverErrors.get());
    assertThat(result.answers(200)).isEqualTo(requests.get() - serverErrors.get());
    assertThat(result.describeErrors()).isEqualTo(serverErrors.get() + " × HTTP 500");
  }

  @Test
  void aRefusedAuthorizationIsAnError() throws Exception {
    LoadResult result = load("/summary", null, Duration.ofSeconds(10)).run(2, 1, Duration.ofMillis(100), false);

    assertThat(result.answers(401)).isEqualTo(unauthorized.get()).isEqualTo(result.answers()).isPositive();
    assertThat(result.errors()).isEqualTo(result.answers());
  }

  @Test
  void aServerThatDropsEveryConnectionCostsOneErrorPerConnection() throws Exception {
    try (ServerSocket dropper = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (true) {
          try (Socket s = dropper.accept()) {
            s.setSoLinger(true, 0); // a reset, as a crashed server gives
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.start();
      LoadResult result = new ClosedLoopLoad(new InetSocketAddress(InetAddress.getLoopbackAddress(), dropper.getLocalPort()),
          "/summary", TOKEN, Duration.ofSeconds(10)).run(5, 1, Duration.ofMillis(200), false);
      dropper.close();
      acceptor.join();

      assertThat(result.answers()).isZero();
      assertThat(result.connectionErrors()).isEqualTo(5);
      assertThat(result.errors()).isEqualTo(5);
      assertThat(result.describeErrors()).startsWith("5 connection errors (first failure: ");
    }
  }

  @Test
  void aRequestWithoutAnAnswerTimesOut() throws Exception {
    // Connections complete in the listen backlog, but nobody ever accepts or answers them.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LoadResult result = new ClosedLoopLoad(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
          "/summary", TOKEN, Duration.ofMillis(200)).run(3, 1, Duration.ofMillis(50), false);

      assertThat(result.answers()).isZero();
      assertThat(result.timeouts()).isEqualTo(3);
      assertThat(result.errors()).isEqualTo(3);
      assertThat(result.describeErrors()).isEqualTo("3 timeouts (first failure: no answer within 200 ms)");
    }
  }

  @Test
  void nothingListeningIsOneErrorPerConnection() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    LoadResult result = new ClosedLoopLoad(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "/summary",
        TOKEN, Duration.ofSeconds(10)).run(4, 2, Duration.ofMillis(50), false);

    assertThat(result.answers()).isZero();
    assertThat(result.connectionErrors()).isEqualTo(4);
    assertThat(Double.isNaN(result.quantileMillis(0.95))).isTrue();
  }
}
