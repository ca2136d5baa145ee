package dev.telemetry.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy between a pool and a database that can refuse, cut or stall connections.
 * Bounded: at most {@value #MAX_CONNECTIONS} connections, daemon threads, and it closes itself
 * after its lifetime even if a test forgets to.
 */
final class FaultProxy implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 16;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong clientBytes = new AtomicLong();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile boolean up = true;
  private volatile boolean stalled;
  private volatile long cutAfterClientBytes = Long.MAX_VALUE;
  private volatile byte[] cutAfterMarker;
  private volatile boolean closed;

  FaultProxy(String targetHost, int targetPort, Duration lifetime) throws IOException {
    this.target = new InetSocketAddress(targetHost, targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    Thread reaper = new Thread(() -> {
      synchronized (gate) {
        long deadline = System.nanoTime() + lifetime.toNanos();
        while (!closed && System.nanoTime() < deadline) {
          try {
            gate.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      close();
    }, "fault-proxy-reaper");
    reaper.setDaemon(true);
    reaper.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** A copy of a PostgreSQL URL pointing at this proxy. */
  String rewrite(String jdbcUrl) {
    return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
  }

  /** Down: new connections are closed at once and open ones cut (the database is unreachable). */
  void down() {
    up = false;
    cutAll();
  }

  void up() {
    up = true;
  }

  /** Stops forwarding in both directions; bytes wait until {@link #resume()}. */
  void stall() {
    stalled = true;
  }

  void resume() {
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  /** Cuts every connection once the client has sent {@code bytes} more bytes. */
  void cutAfterClientSends(long bytes) {
    cutAfterClientBytes = clientBytes.get() + bytes;
  }

  /** Cuts every connection right after forwarding a client chunk containing {@code marker}, before any reply. */
  void cutAfterClientSends(String marker) {
    cutAfterMarker = marker.getBytes(StandardCharsets.US_ASCII);
  }

  /** Chunks waiting at the stalled gate. */
  int held() {
    return held.get();
  }

  int cuts() {
    return cuts.get();
  }

  void cutAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  @Override
  public void close() {
    closed = true;
    resume();
    closeQuietly(server);
    cutAll();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (!up || connections.get() >= MAX_CONNECTIONS) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket db = new Socket();
        db.connect(target, 2_000);
        connections.incrementAndGet();
        sockets.add(client);
        sockets.add(db);
        pipe(client, db, true);
        pipe(db, client, false);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean fromClient) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          awaitNotStalled();
          out.write(buf, 0, n);
          out.flush();
          if (fromClient && shouldCut(buf, n)) {
            cuts.incrementAndGet();
            cutAll();
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // the other side closed or the proxy cut it
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        if (fromClient) {
          connections.decrementAndGet();
        }
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "fault-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private boolean shouldCut(byte[] buf, int n) {
    if (clientBytes.addAndGet(n) >= cutAfterClientBytes) {
      cutAfterClientBytes = Long.MAX_VALUE;
      return true;
    }
    byte[] marker = cutAfterMarker;
    if (marker != null && contains(buf, n, marker)) {
      cutAfterMarker = null;
      return true;
    }
    return false;
  }

  private void awaitNotStalled() throws InterruptedException {
    if (!stalled) {
      return;
    }
    synchronized (gate) {
      held.incrementAndGet();
      try {
        while (stalled && !closed) {
          gate.wait();
        }
      } finally {
        held.decrementAndGet();
      }
    }
  }

  private static boolean contains(byte[] buf, int n, byte[] marker) {
    outer:
    for (int i = 0; i + marker.length <= n; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (buf[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing is best effort
    }
  }
}
