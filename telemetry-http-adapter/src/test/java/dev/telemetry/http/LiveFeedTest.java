package dev.telemetry.http;

import static dev.telemetry.http.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogLevel;
import dev.telemetry.testkit.StoreRows;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSE feed end to end over the JDK server: events, keep-alives, the subscriber bound, cleanup. */
class LiveFeedTest {

  static BufferedReader open(JdkDashboardServer server, HttpURLConnection[] holder) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port()
        + "/admin/telemetry/api/v1/stream").toURL().openConnection();
    c.setRequestProperty("Authorization", "Bearer " + DashboardFixture.TOKEN);
    c.setReadTimeout(20_000);
    assertThat(c.getResponseCode()).isEqualTo(200);
    assertThat(c.getHeaderField("Content-Type")).startsWith("text/event-stream");
    assertThat(c.getHeaderField("Cache-Control")).isEqualTo("no-store");
    holder[0] = c;
    return new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Reads lines until one starts with {@code prefix} (bounded by the read timeout). */
  static String until(BufferedReader in, String prefix) throws Exception {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("stream ended before " + prefix);
  }

  @Test
  void streamsVitalSignsErrorEventsAndKeepAlives() throws Exception {
    try (DashboardFixture f = new DashboardFixture(InMemoryStore.create(),
            b -> b.keepAliveInterval(Duration.ofMillis(50)));
        JdkDashboardServer server = JdkDashboardServer.start(f.dashboard, new InetSocketAddress("127.0.0.1", 0))) {
      HttpURLConnection[] c = new HttpURLConnection[1];
      BufferedReader in = open(server, c);
      assertThat(until(in, "event: ")).isEqualTo("event: vital_signs");
      assertThat(until(in, "data: ")).contains("\"vital_signs\"");
      assertThat(until(in, ": keep-alive")).isEqualTo(": keep-alive");
      f.store.write(StoreRows.logs(List.of(StoreRows.log(NOW.plusMillis(1), LogLevel.ERROR, "payments",
          "charge_failed", "card declined for bob@example.com", "abc"))));
      f.dashboard.feed().tick();
      assertThat(until(in, "event: error_event")).isNotNull();
      String data = until(in, "data: ");
      assertThat(data).contains("charge_failed").doesNotContain("bob@example.com");
      f.dashboard.feed().tick();
      f.dashboard.feed().publish("health_change", java.util.Map.of("service", "db"));
      assertThat(until(in, "event: ")).isIn("event: vital_signs", "event: health_change");
      c[0].disconnect();
    }
  }

  @Test
  void boundsSubscribersAndCleansUpAfterADisconnect() throws Exception {
    try (DashboardFixture f = new DashboardFixture(InMemoryStore.create(),
            b -> b.maxStreamSubscribers(1).keepAliveInterval(Duration.ofMillis(20)));
        JdkDashboardServer server = JdkDashboardServer.start(f.dashboard, new InetSocketAddress("127.0.0.1", 0))) {
      HttpURLConnection[] c = new HttpURLConnection[1];
      BufferedReader in = open(server, c);
      until(in, "event: vital_signs");
      assertThat(f.dashboard.feed().subscriberCount()).isEqualTo(1);
      HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.port() + "/admin/telemetry/api/v1/stream"))
          .header("Authorization", "Bearer " + DashboardFixture.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("\"too_many_subscribers\"");
      in.close();
      c[0].disconnect();
      // the next keep-alive write fails once the socket is gone, which removes the subscriber
      assertThat(f.dashboard.feed().awaitSubscriberCount(0, Duration.ofSeconds(10))).isTrue();
      BufferedReader again = open(server, c);
      assertThat(until(again, "event: ")).isEqualTo("event: vital_signs");
      c[0].disconnect();
    }
  }

  @Test
  void slowSubscribersLoseTheOldestFramesNotMemory() {
    try (DashboardFixture f = new DashboardFixture()) {
      LiveFeed feed = f.dashboard.feed();
      LiveFeed.Subscriber s = feed.subscribe();
      for (int i = 0; i < LiveFeed.QUEUE_CAPACITY + 10; i++) {
        feed.publish("error_event", java.util.Map.of("i", i));
      }
      assertThat(feed.droppedFrames()).isEqualTo(10);
      feed.unsubscribe(s);
      assertThat(feed.subscriberCount()).isZero();
    }
  }

  @Test
  void errorEventsAreSentOnceEach() {
    try (DashboardFixture f = new DashboardFixture()) {
      LiveFeed feed = f.dashboard.feed();
      f.store.write(StoreRows.logs(List.of(
          StoreRows.log(NOW.plusMillis(5), LogLevel.ERROR, "d", "a", "first", null),
          StoreRows.log(NOW.plusMillis(5), LogLevel.ERROR, "d", "b", "second", null),
          StoreRows.log(NOW.plusMillis(6), LogLevel.WARN, "d", "c", "warn only", null))));
      assertThat(feed.newErrors()).extracting(e -> e.message()).containsExactlyInAnyOrder("first", "second");
      assertThat(feed.newErrors()).isEmpty();
      f.store.write(StoreRows.logs(List.of(StoreRows.log(NOW.plusMillis(5), LogLevel.ERROR, "d", "e", "third", null))));
      assertThat(feed.newErrors()).extracting(e -> e.message()).containsExactly("third");
    }
  }
}
