package dev.telemetry.examples.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stand-in for the app's search cluster, served by the demo on a loopback port so the
 * {@code search_cluster} health probe makes a real HTTP request: {@code GET /_cluster/health}
 * answers 200 while at least two of its three nodes are up, 503 otherwise.
 */
final class SearchService implements AutoCloseable {
  static final int NODES = 3;
  private final HttpServer server;
  private final AtomicInteger nodesUp = new AtomicInteger(NODES);

  private SearchService(HttpServer server) {
    this.server = server;
  }

  static SearchService start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    SearchService service = new SearchService(server);
    server.createContext("/_cluster/health", exchange -> {
      int up = service.nodesUp.get();
      byte[] body = ("{\"status\":\"" + (up == NODES ? "green" : up >= 2 ? "yellow" : "red") + "\",\"nodes_up\":"
          + up + ",\"nodes\":" + NODES + "}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(up >= 2 ? 200 : 503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return service;
  }

  /** The health endpoint the probe asks. */
  URI healthUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/_cluster/health");
  }

  /** Sets how many nodes answer (tests and the incident drill). */
  void nodesUp(int nodes) {
    nodesUp.set(Math.max(0, Math.min(NODES, nodes)));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
