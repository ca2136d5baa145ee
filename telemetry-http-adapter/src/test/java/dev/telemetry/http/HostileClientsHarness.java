package dev.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.store.ForwardingStore;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import dev.telemetry.store.Page;
import dev.telemetry.testkit.StoreRows;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hostile-client table of {@code docs/reliability.md}: a well-behaved client polls {@code
 * /summary} from {@code 127.0.0.1} while, one at a time, attackers on other loopback addresses
 * hold live-feed streams past the cap, trickle request heads (slowloris), leave 12 MB exports
 * unread, or wait on a stalled store read. All from real sockets against {@link JdkDashboardServer}
 * with its defaults (16 workers, 30 s request timeout). Only the server's public defaults are used,
 * so the same harness runs against any version of it. A measurement: it asserts only that nothing
 * the normal client sent timed out, and writes the table to {@code target/hostile-clients.md}.
 *
 * <pre>./mvnw -B -pl telemetry-http-adapter -am verify -Dtelemetry.excludedGroups=none
 *     -Dtest=HostileClientsHarness -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("load")
class HostileClientsHarness {
  static final Duration PHASE = Duration.ofSeconds(Long.getLong("hostile.phaseSeconds", 12));
  static final int NORMAL_TIMEOUT_MS = 5_000;

  private final AtomicBoolean attacking = new AtomicBoolean();
  private final List<Thread> attackers = new ArrayList<>();
  private final List<RawClient> held = new ArrayList<>();

  @Test
  void aNormalClientIsServedDuringEachAttack() throws Exception {
    AtomicBoolean stall = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    ForwardingStore store = new ForwardingStore(InMemoryStore.create()) {
      @Override
      public Page<LogEvent> readLogs(LogQuery query) {
        if ("stall".equals(query.search())) {
          try {
            release.await(120, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return super.readLogs(query);
      }
    };
    List<String> table = new ArrayList<>();
    table.add("| attack | normal `/summary` p50 / p95 / max (ms) | p95 vs quiet | normal requests, timed out |"
        + " attack outcome |");
    table.add("|---|---:|---:|---:|---|");
    try (DashboardFixture f = new DashboardFixture(store, b -> b);
        JdkDashboardServer server = JdkDashboardServer.start(f.dashboard, new InetSocketAddress("127.0.0.1", 0))) {
      exportRows(f);
      int port = server.port();
      measure(port, Duration.ofSeconds(3)); // warm-up
      Result quiet = measure(port);
      table.add(row("none (quiet)", quiet, quiet, ""));

      AtomicInteger streamsOpen = new AtomicInteger();
      AtomicInteger streamsRefused = new AtomicInteger();
      startAttack(() -> streams(port, 20, streamsOpen, streamsRefused));
      Result sse = measure(port);
      stopAttack();
      table.add(row("20 `/stream` connections (cap 16)", sse, quiet,
          streamsOpen.get() + " streams open, " + streamsRefused.get() + " answered 503 `too_many_subscribers`"));

      AtomicInteger cut = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      for (int i = 0; i < 100; i++) {
        startAttack(() -> slowloris(port, cut, refused));
      }
      Result loris = measure(port);
      stopAttack();
      table.add(row("slowloris: 100 connections, one header byte a second", loris, quiet,
          cut.get() + " cut by the server, " + refused.get() + " refused on connect"));

      AtomicInteger exportsCut = new AtomicInteger();
      for (int i = 0; i < 4; i++) {
        startAttack(() -> unreadExport(port, exportsCut));
      }
      // Longer than the 10 s write timeout, so the cut-and-ask-again cycle is inside the measurement.
      Result slow = measure(port, PHASE.plusSeconds(15));
      stopAttack();
      table.add(row("4 clients never reading a 12 MB export", slow, quiet,
          exportsCut.get() + " export connections cut"));

      stall.set(true);
      long[] cutAfterMs = {-1};
      startAttack(() -> cutAfterMs[0] = stalledRead(port));
      Result stalled = measure(port);
      attackers.get(0).join(60_000);
      stopAttack();
      table.add(row("a `/logs` read stalled in the store", stalled, quiet,
          cutAfterMs[0] < 0 ? "not cut within 60 s" : "cut after " + cutAfterMs[0] + " ms"));
      release.countDown();

      String text = String.join("\n", table) + "\n";
      System.out.println(text);
      Files.writeString(Path.of("target", "hostile-clients.md"), text);
      for (Result r : List.of(quiet, sse, loris, slow, stalled)) {
        assertThat(r.timedOut).as("normal requests that timed out").isZero();
      }
    } finally {
      release.countDown();
    }
  }

  /** 10,000 log rows of ~1.2 KB: a full export is about 12 MB of JSON. */
  private static void exportRows(DashboardFixture f) {
    List<LogEvent> rows = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      rows.add(StoreRows.log(DashboardFixture.NOW.minusSeconds(i + 1), LogLevel.WARN, "payments", "slow",
          "request " + i + " " + "x".repeat(1_150), String.format("%032x", i)));
    }
    f.store.write(StoreRows.logs(rows));
  }

  record Result(long[] micros, int timedOut) {
    double quantileMs(double q) {
      if (micros.length == 0) {
        return Double.NaN;
      }
      return micros[Math.min(micros.length - 1, (int) Math.ceil(q * micros.length) - 1)] / 1000.0;
    }
  }

  private static String row(String attack, Result r, Result quiet, String outcome) {
    return String.format("| %s | %.2f / %.2f / %.2f | %.2f× | %d, %d | %s |", attack, r.quantileMs(0.5),
        r.quantileMs(0.95), r.quantileMs(1.0), r.quantileMs(0.95) / quiet.quantileMs(0.95), r.micros.length,
        r.timedOut, outcome);
  }

  /** The normal client: one kept-alive connection polling /summary every 20 ms for a phase. */
  private static Result measure(int port) throws InterruptedException {
    return measure(port, PHASE);
  }

  private static Result measure(int port, Duration phase) throws InterruptedException {
    List<Long> micros = new ArrayList<>();
    int timedOut = 0;
    long end = System.nanoTime() + phase.toNanos();
    RawClient c = null;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      try {
        if (c == null) {
          c = RawClient.connect("127.0.0.1", port);
          c.socket.setSoTimeout(NORMAL_TIMEOUT_MS);
        }
        c.send(RawClient.get(RawClient.API + "/summary", true));
        RawClient.Response r = c.response();
        if (r.status() != 200) {
          throw new IOException("status " + r.status());
        }
        micros.add((System.nanoTime() - start) / 1000);
      } catch (IOException e) {
        timedOut++;
        if (c != null) {
          c.close();
        }
        c = null;
      }
      TimeUnit.MILLISECONDS.sleep(20); // the client's polling period, not synchronisation
    }
    if (c != null) {
      c.close();
    }
    long[] sorted = micros.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(sorted, timedOut);
  }

  private void startAttack(ThrowingRunnable attack) {
    attacking.set(true);
    Thread t = new Thread(() -> {
      try {
        attack.run();
      } catch (Exception | AssertionError ignored) {
        // an attacker failing is part of the outcome, counted by the attack itself
      }
    }, "attacker");
    t.setDaemon(true);
    attackers.add(t);
    t.start();
  }

  private void stopAttack() throws InterruptedException {
    attacking.set(false);
    synchronized (held) {
      held.forEach(RawClient::close);
      held.clear();
    }
    for (Thread t : attackers) {
      t.interrupt();
      t.join(10_000);
    }
    attackers.clear();
  }

  private RawClient hold(RawClient c) {
    synchronized (held) {
      held.add(c);
    }
    return c;
  }

  private void streams(int port, int count, AtomicInteger open, AtomicInteger refused) throws IOException {
    for (int i = 0; i < count; i++) {
      RawClient c = hold(RawClient.connect("127.0.0.2", port));
      c.socket.setSoTimeout(10_000);
      c.send(RawClient.get(RawClient.API + "/stream", true));
      RawClient.Response r = c.response();
      if (r.status() == 200) {
        open.incrementAndGet();
        Thread drain = new Thread(() -> drain(c), "stream-reader");
        drain.setDaemon(true);
        drain.start();
      } else if (r.status() == 503) {
        refused.incrementAndGet();
      }
    }
  }

  private static void drain(RawClient c) {
    byte[] buf = new byte[4096];
    try {
      InputStream in = c.socket.getInputStream();
      c.socket.setSoTimeout(0);
      while (in.read(buf) >= 0) {
        // a well-behaved stream reader
      }
    } catch (IOException closed) {
      // the attack ended
    }
  }

  /** One slot of the slowloris: a head trickled one byte a second; reconnects when cut or refused. */
  private void slowloris(int port, AtomicInteger cut, AtomicInteger refused) throws InterruptedException {
    byte[] head = ("GET " + RawClient.API + "/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
        + "a".repeat(10_000)).getBytes(StandardCharsets.US_ASCII);
    while (attacking.get()) {
      RawClient c = null;
      try {
        c = hold(RawClient.connect("127.0.0.3", port));
        c.socket.setSoTimeout(1);
        for (int i = 0; i < head.length && attacking.get(); i++) {
          c.socket.getOutputStream().write(head[i]);
          c.socket.getOutputStream().flush();
          int answer = answer(c);
          if (answer == 'H') {
            refused.incrementAndGet(); // a 503 past the per-client cap
            break;
          }
          if (answer != NOTHING_YET) {
            cut.incrementAndGet();
            break;
          }
          TimeUnit.SECONDS.sleep(1); // the attack's pace
        }
      } catch (IOException e) {
        if (attacking.get()) {
          (c == null ? refused : cut).incrementAndGet();
        }
      } finally {
        if (c != null) {
          c.close();
        }
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private static final int NOTHING_YET = -2;

  /** The first byte the server sent ('H' of a 503), -1 when it closed, {@link #NOTHING_YET} otherwise. */
  private static int answer(RawClient c) throws IOException {
    try {
      return c.socket.getInputStream().read();
    } catch (java.net.SocketTimeoutException nothingYet) {
      return NOTHING_YET;
    }
  }

  /** One client asking for a 12 MB export and never reading it; asks again when cut. */
  private void unreadExport(int port, AtomicInteger cut) throws InterruptedException {
    while (attacking.get()) {
      try (RawClient c = hold(RawClient.connect("127.0.0.4", port, 4096))) {
        c.send(RawClient.get(RawClient.API + "/export?type=logs&format=json&range=24h", true));
        while (attacking.get()) {
          TimeUnit.SECONDS.sleep(1); // the attack's pace
          c.send(" "); // fails once the server cut the connection
        }
      } catch (IOException e) {
        if (attacking.get()) {
          cut.incrementAndGet();
        }
      }
    }
  }

  /** A read the store never answers: milliseconds until the server cut it, or -1. */
  private static long stalledRead(int port) throws IOException {
    try (RawClient c = RawClient.connect("127.0.0.5", port)) {
      c.socket.setSoTimeout(60_000);
      long start = System.nanoTime();
      c.send(RawClient.get(RawClient.API + "/logs?search=stall&range=1h", false));
      try {
        RawClient.Response r = c.response();
        return r.status() == -1 ? (System.nanoTime() - start) / 1_000_000 : -1;
      } catch (java.net.SocketException reset) {
        return (System.nanoTime() - start) / 1_000_000;
      } catch (java.net.SocketTimeoutException notCut) {
        return -1;
      }
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
