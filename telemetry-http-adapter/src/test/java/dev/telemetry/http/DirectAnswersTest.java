package dev.telemetry.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Summary polls answered by the connection gate itself (ADR 0059): the same bytes, ETag, headers,
 * 304 and authorization as the relayed path, in order with relayed requests on one connection.
 */
class DirectAnswersTest {
  private static final String SUMMARY = RawClient.API + "/summary";
  private final DashboardFixture f = new DashboardFixture();
  private JdkDashboardServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    f.close();
  }

  private JdkDashboardServer serve() throws Exception {
    server = JdkDashboardServer.start(f.dashboard, new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofSeconds(30));
    return server;
  }

  private DashboardRequest parse(String head) {
    Executor never = r -> {
      throw new AssertionError("parse runs nothing");
    };
    byte[] bytes = head.getBytes(ISO_8859_1);
    return new DirectAnswers(f.dashboard, never).parse(bytes, bytes.length);
  }

  /** Header names (lower-cased) to values of a raw answer head. */
  private static Map<String, String> headers(String head) {
    Map<String, String> out = new TreeMap<>();
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("HTTP/")) {
        out.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    return out;
  }

  @Test
  void onlyAPlainHttp11GetOfTheSummaryQualifies() {
    String auth = "Authorization: Bearer " + DashboardFixture.TOKEN + "\r\n";
    DashboardRequest ok = parse("GET " + SUMMARY + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
    assertThat(ok).isNotNull();
    assertThat(ok.method()).isEqualTo("GET");
    assertThat(ok.path()).isEqualTo(SUMMARY);
    assertThat(ok.rawQuery()).isEmpty();
    assertThat(ok.header("authorization")).isEqualTo("Bearer " + DashboardFixture.TOKEN);
    assertThat(ok.header("If-None-Match")).isNull();
    assertThat(parse("GET " + SUMMARY + " HTTP/1.1\r\n\r\n")).isNotNull();

    assertThat(parse("GET " + SUMMARY + "?x=1 HTTP/1.1\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("GET " + SUMMARY + " HTTP/1.0\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("HEAD " + SUMMARY + " HTTP/1.1\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("GET " + RawClient.API + "/health HTTP/1.1\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("GET " + SUMMARY + "/ HTTP/1.1\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("GET http://x" + SUMMARY + " HTTP/1.1\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("GET " + SUMMARY + " HTTP/1.1\r\nConnection: close\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("GET " + SUMMARY + " HTTP/1.1\r\nconnection: keep-alive\r\n" + auth + "\r\n")).isNull();
    assertThat(parse("GET " + SUMMARY + " HTTP/1.1\r\n" + auth + " folded\r\n\r\n")).isNull();
    assertThat(parse("GET " + SUMMARY + " HTTP/1.1\r\nAuthorization : Bearer x\r\n\r\n")).isNull();
    assertThat(parse("GET " + SUMMARY + " HTTP/1.1\r\nno colon here\r\n\r\n")).isNull();
  }

  @Property(tries = 200)
  void aHeaderIsFoundInAnyCaseAndPositionAndTrimmed(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String name,
      @ForAll @IntRange(min = 0, max = 5) int before, @ForAll boolean upper) {
    StringBuilder head = new StringBuilder();
    for (int i = 0; i < before; i++) {
      head.append("X-Other-").append(i).append(": v").append(i).append("\r\n");
    }
    String sent = upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    head.append(sent).append(":  \t value ").append(name).append(" \r\n").append(sent).append(": second\r\n\r\n");
    String expected = "value " + name;
    String found = DirectAnswers.header(head.toString(), name);
    assertThat(found).isEqualTo(expected);
    assertThat(DirectAnswers.header(head.toString(), name + "Z")).isNull();
  }

  /** The gate's allocation-free body check agrees with the string-based one it replaced. */
  @Property(tries = 500)
  void theBodyCheckMatchesTheStringReference(@ForAll("headLines") java.util.List<String> lines) {
    String head = "GET / HTTP/1.1\r\n" + String.join("", lines) + "\r\n";
    byte[] bytes = head.getBytes(ISO_8859_1);
    assertThat(ConnectionGate.declaresBody(bytes, bytes.length)).as(head).isEqualTo(declaresBodyReference(head));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<java.util.List<String>> headLines() {
    return net.jqwik.api.Arbitraries.of("Content-Length: 0\r\n", "content-length:0\r\n", "CONTENT-LENGTH:  0 \r\n",
        "Content-Length: 00\r\n", "Content-Length: 12\r\n", "Content-Length:\r\n", "Content-Length: 0\t\r\n",
        "Transfer-Encoding: chunked\r\n", "transfer-ENCODING:x\r\n", "X-Content-Length: 5\r\n",
        "Host: x\r\n", "Accept: */*\r\n", "X-Transfer-Encoding: no\r\n", "Content-Lengthy: 3\r\n")
        .list().ofMaxSize(6);
  }

  private static boolean declaresBodyReference(String head) {
    String text = head.toLowerCase(Locale.ROOT);
    if (text.contains("\ntransfer-encoding:")) {
      return true;
    }
    int at = text.indexOf("\ncontent-length:");
    if (at < 0) {
      return false;
    }
    int lineEnd = text.indexOf('\r', at + 1);
    return !text.substring(at + "\ncontent-length:".length(), lineEnd < 0 ? text.length() : lineEnd).trim().equals("0");
  }

  @Test
  void theGateServesTheSameSummaryAsTheJdkServerAndA304ForItsTag() throws Exception {
    f.logs(4);
    serve();
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      c.send(RawClient.get(SUMMARY, true));
      RawClient.Response direct = c.response();
      assertThat(server.directlyAnswered()).isEqualTo(1);
      // With a Connection header the request goes to the JDK server.
      c.send("GET " + SUMMARY + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nAuthorization: Bearer "
          + DashboardFixture.TOKEN + "\r\n\r\n");
      RawClient.Response relayed = c.response();
      assertThat(server.directlyAnswered()).isEqualTo(1);

      assertThat(direct.status()).isEqualTo(200);
      assertThat(relayed.status()).isEqualTo(200);
      assertThat(direct.body()).isEqualTo(relayed.body()).contains("vital_signs");
      Map<String, String> d = headers(direct.head());
      Map<String, String> r = headers(relayed.head());
      assertThat(d.get("etag")).matches("\"[0-9a-f]{32}\"").isEqualTo(r.get("etag"));
      for (String name : new String[] {"content-type", "cache-control", "x-content-type-options", "content-length"}) {
        assertThat(d.get(name)).as(name).isNotNull().isEqualTo(r.get(name));
      }
      assertThat(d.get("date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
      assertThat(direct.head()).startsWith("HTTP/1.1 200 OK\r\n");
    }
    // A fresh connection (never relayed): the tag gets a bodiless 304, and the connection stays usable.
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      c.send(RawClient.get(SUMMARY, true));
      String etag = headers(c.response().head()).get("etag");
      for (int i = 0; i < 3; i++) {
        c.send("GET " + SUMMARY + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + DashboardFixture.TOKEN
            + "\r\nIf-None-Match: W/\"other\", " + etag + "\r\n\r\n");
        RawClient.Response notModified = c.response();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.head()).startsWith("HTTP/1.1 304 Not Modified\r\n");
        assertThat(headers(notModified.head())).containsEntry("etag", etag).doesNotContainKey("content-length");
        assertThat(notModified.body()).isEmpty();
      }
      assertThat(server.directlyAnswered()).isEqualTo(5);
      c.socket.setSoTimeout(300);
      assertThat(c.closedByServer()).isFalse();
    }
  }

  @Test
  void theGateRunsTheAuthorizerAndTheAudit() throws Exception {
    serve();
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      c.send("GET " + SUMMARY + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      RawClient.Response anonymous = c.response();
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(headers(anonymous.head())).containsEntry("www-authenticate", "Bearer realm=\"telemetry\"");
      assertThat(Json.MAPPER.readTree(anonymous.body()).get("error").get("code").asText()).isEqualTo("unauthenticated");
      c.send("GET " + SUMMARY + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong-token-wrong-token\r\n\r\n");
      assertThat(c.response().status()).isEqualTo(403);
      assertThat(server.directlyAnswered()).isEqualTo(2);
    }
    assertThat(f.audit).isEmpty();
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      c.send(RawClient.get(SUMMARY, true));
      assertThat(c.response().status()).isEqualTo(200);
    }
    assertThat(f.audit).hasSize(1);
    assertThat(f.audit.get(0).principal()).isEqualTo("ops");
    assertThat(f.audit.get(0).path()).isEqualTo(TelemetryDashboard.API_PREFIX + "/summary");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderAcrossBothPaths() throws Exception {
    serve();
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      // direct, relayed, then summary again: relayed too, since the connection now reaches the JDK server
      c.send(RawClient.get(SUMMARY, true) + RawClient.get(RawClient.API + "/health", true)
          + RawClient.get(SUMMARY, true));
      RawClient.Response first = c.response();
      RawClient.Response second = c.response();
      RawClient.Response third = c.response();
      assertThat(first.body()).contains("vital_signs");
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.body()).doesNotContain("vital_signs");
      assertThat(third.body()).isEqualTo(first.body());
      assertThat(server.directlyAnswered()).isEqualTo(1);
    }
  }

  @Test
  void finishedRequestsLeaveNoCutoffQueued() throws Exception {
    serve();
    try (RawClient c = RawClient.connect("127.0.0.1", server.port())) {
      for (int i = 0; i < 50; i++) {
        c.send(RawClient.get(RawClient.API + "/health", true));
        assertThat(c.response().status()).isEqualTo(200);
      }
    }
    assertThat(server.directlyAnswered()).isZero();
    // At most the last request's, if its worker has not yet reached the cancel after writing the answer;
    // cancelled cut-offs used to stay queued for the whole request timeout (50 here).
    assertThat(server.pendingCutoffs()).isLessThanOrEqualTo(1);
  }
}
