package dev.telemetry.benchmarks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A lean closed-loop HTTP/1.1 load generator, in the manner of wrk: one or a few threads, each
 * with one NIO selector driving its share of the keep-alive connections. Each connection sends
 * {@code GET path} (pre-encoded bytes; in conditional mode with {@code If-None-Match} and the last
 * {@code ETag} that connection saw), and sends the next one as soon as the answer is complete,
 * until the round's time is up; then it waits for the answers still out (up to the timeout). The
 * connections of a {@link Session} stay open from round to round. Per request the generator does a
 * write, one or two reads and a scan of the head, so its CPU per request is a small fraction of a
 * JDK {@code HttpClient}'s (ADR 0064), which on a shared 2-core machine is what keeps its own
 * queueing out of the server's latency.
 *
 * <p>Errors never stop a round: each one is counted ({@link LoadResult}). A connection that fails
 * is reopened if it had answered since its last connect, else it stays closed for the round, so a
 * server that refuses or resets every connection costs one error per connection and round, not a
 * storm.
 */
final class ClosedLoopLoad {
  private final InetSocketAddress server;
  private final String path;
  private final String authorization;
  private final long timeoutNanos;

  /**
   * @param authorization the {@code Authorization} header value, or {@code null} for none
   * @param timeout how long a request may wait for its answer before it counts as a timeout
   */
  ClosedLoopLoad(InetSocketAddress server, String path, String authorization, Duration timeout) {
    this.server = server;
    this.path = path;
    this.authorization = authorization;
    this.timeoutNanos = timeout.toNanos();
  }

  /** The request bytes, with {@code If-None-Match: etag} unless {@code etag} is null. */
  byte[] request(String etag) {
    StringBuilder r = new StringBuilder(160).append("GET ").append(path).append(" HTTP/1.1\r\nHost: ")
        .append(server.getHostString()).append(':').append(server.getPort()).append("\r\n");
    if (authorization != null) {
      r.append("Authorization: ").append(authorization).append("\r\n");
    }
    if (etag != null) {
      r.append("If-None-Match: ").append(etag).append("\r\n");
    }
    return r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** One round on connections of its own, closed after it. */
  LoadResult run(int connections, int threads, Duration duration, boolean conditional) throws IOException {
    try (Session session = open(connections, threads, conditional)) {
      return session.round(duration);
    }
  }

  /**
   * Connections for a series of rounds of one mode, spread over {@code threads} selector threads;
   * each round connects those that are not open, and the connections stay open from one round to
   * the next, as a poller's would (opening 50 new ones per round while the server still counts the
   * last 50 can trip its per-client connection cap).
   */
  Session open(int connections, int threads, boolean conditional) throws IOException {
    return new Session(connections, Math.max(1, Math.min(threads, connections)), conditional);
  }

  /** See {@link #open}. Not thread-safe: one caller runs its rounds one after the other. */
  final class Session implements AutoCloseable {
    private final ExecutorService pool;
    private final List<Driver> drivers = new ArrayList<>();

    private Session(int connections, int threads, boolean conditional) throws IOException {
      pool = Executors.newFixedThreadPool(threads, r -> {
        Thread thread = new Thread(r, "load-selector");
        thread.setDaemon(true);
        return thread;
      });
      try {
        for (int i = 0; i < threads; i++) {
          drivers.add(new Driver(connections / threads + (i < connections % threads ? 1 : 0), conditional));
        }
      } catch (IOException e) {
        close();
        throw e;
      }
    }

    /** Every connection in a closed loop for {@code duration}, then until the answers still out are in. */
    LoadResult round(Duration duration) {
      long deadline = System.nanoTime() + duration.toNanos();
      List<Future<LoadResult>> parts = new ArrayList<>();
      for (Driver d : drivers) {
        parts.add(pool.submit(() -> d.round(deadline)));
      }
      LoadResult all = new LoadResult();
      try {
        for (Future<LoadResult> part : parts) {
          all.add(part.get());
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("a load thread failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during a round", e);
      }
      return all;
    }

    @Override
    public void close() {
      pool.shutdownNow();
      drivers.forEach(Driver::close);
    }
  }

  /** One selector thread's connections. */
  private final class Driver {
    private final Selector selector;
    private final List<LoadConnection> all = new ArrayList<>();

    Driver(int connections, boolean conditional) throws IOException {
      selector = Selector.open();
      Function<String, byte[]> requestFor = ClosedLoopLoad.this::request;
      for (int i = 0; i < connections; i++) {
        all.add(new LoadConnection(server, selector, requestFor, conditional));
      }
    }

    LoadResult round(long deadline) throws IOException {
      LoadResult result = new LoadResult();
      for (LoadConnection c : all) {
        if (!c.isOpen()) {
          try {
            c.connect();
          } catch (IOException e) {
            result.connectionError(e);
          }
        }
      }
      long now = System.nanoTime();
      for (LoadConnection c : all) {
        if (c.isOpen()) {
          start(c, result, now, deadline);
        }
      }
      long nextTimeoutCheck = now + Math.min(timeoutNanos, 100_000_000L);
      while (anyAwaiting()) {
        selector.select(100);
        now = System.nanoTime();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          LoadConnection c = (LoadConnection) key.attachment();
          if (!key.isValid() || !c.isOpen()) {
            continue;
          }
          try {
            if (key.isWritable()) {
              c.flush();
            }
            if (key.isReadable() && c.read()) {
              result.answer(c.status(), System.nanoTime() - c.sentAt());
              if (c.serverCloses()) {
                reopen(c, result, now, deadline);
              } else {
                next(c, result, now, deadline);
              }
            }
          } catch (IOException e) {
            result.connectionError(e);
            failed(c, result, now, deadline);
          }
        }
        if (now >= nextTimeoutCheck) {
          nextTimeoutCheck = now + Math.min(timeoutNanos, 100_000_000L);
          for (LoadConnection c : all) {
            if (c.awaiting() && now - c.sentAt() >= timeoutNanos) {
              result.timeout(timeoutNanos);
              failed(c, result, now, deadline);
            }
          }
        }
      }
      return result;
    }

    private boolean anyAwaiting() {
      for (LoadConnection c : all) {
        if (c.awaiting()) {
          return true;
        }
      }
      return false;
    }

    void close() {
      all.forEach(LoadConnection::close);
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing registered is left to release
      }
    }
  }

  /** The answer is in: the next request while the round lasts, else the connection waits for the next round. */
  private static void next(LoadConnection c, LoadResult result, long now, long deadline) {
    if (now < deadline) {
      start(c, result, now, deadline);
    }
  }

  private static void start(LoadConnection c, LoadResult result, long now, long deadline) {
    try {
      c.send();
    } catch (IOException e) {
      result.connectionError(e);
      failed(c, result, now, deadline);
    }
  }

  /** After an error: reconnect if this connection has been answering, else leave it closed until the next round. */
  private static void failed(LoadConnection c, LoadResult result, long now, long deadline) {
    if (c.answeredSinceConnect()) {
      reopen(c, result, now, deadline);
    } else {
      c.close();
    }
  }

  private static void reopen(LoadConnection c, LoadResult result, long now, long deadline) {
    c.close();
    if (now >= deadline) {
      return;
    }
    try {
      c.connect();
    } catch (IOException e) {
      result.connectionError(e);
      return;
    }
    start(c, result, now, deadline);
  }
}
