package dev.telemetry.examples.demo;

import static java.util.Objects.requireNonNull;

import dev.telemetry.health.HealthProbe;
import dev.telemetry.health.ProbeResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A {@link HealthProbe} that asks an HTTP endpoint: healthy on a 2xx answer within {@code slow},
 * degraded on a slower 2xx answer, down on any other status. A refused connection or a timeout
 * throws, which the health matrix reports as down with the exception as detail.
 */
final class HttpProbe implements HealthProbe {
  private final HttpClient client;
  private final URI uri;
  private final Duration timeout;
  private final Duration slow;

  HttpProbe(URI uri, Duration timeout, Duration slow) {
    this.uri = requireNonNull(uri, "uri");
    this.timeout = requireNonNull(timeout, "timeout");
    this.slow = requireNonNull(slow, "slow");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public ProbeResult check() throws Exception {
    long start = System.nanoTime();
    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    long millis = (System.nanoTime() - start) / 1_000_000;
    String detail = "HTTP " + response.statusCode() + " in " + millis + " ms";
    if (response.statusCode() / 100 != 2) {
      return ProbeResult.down(detail);
    }
    return millis > slow.toMillis() ? ProbeResult.degraded(detail + " (slow above " + slow.toMillis() + " ms)")
        : ProbeResult.healthy(detail);
  }
}
