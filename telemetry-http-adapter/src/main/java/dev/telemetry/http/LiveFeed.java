package dev.telemetry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.telemetry.store.LogEvent;
import dev.telemetry.store.LogLevel;
import dev.telemetry.store.LogQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /stream} Server-Sent Events feed: {@code vital_signs} on every tick, {@code
 * health_change} when a service changes state, {@code error_event} for each new ERROR log.
 *
 * <p>Each subscriber owns a bounded queue (the oldest frame is dropped when a slow client falls
 * behind) and is served on its own request thread, which writes a keep-alive comment when nothing
 * happened for a while; a failed write (the client left) removes the subscriber. At most {@code
 * maxSubscribers} streams are open at once and each lasts at most {@code maxStreamDuration}
 * (the browser's EventSource, or the page's reader, reconnects).
 */
final class LiveFeed {
  static final int QUEUE_CAPACITY = 64;
  static final int ERROR_BATCH = 25;
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
  private static final String CLOSE = "\u0000close";

  private final DashboardContext context;
  private final Supplier<Object> vitalSigns;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicLong eventIds = new AtomicLong();
  private final AtomicLong droppedFrames = new AtomicLong();
  private final ReentrantLock countLock = new ReentrantLock();
  private final Condition countChanged = countLock.newCondition();
  private final Object errorLock = new Object();
  private Instant errorsSince;
  private final Set<String> sentAtEdge = new HashSet<>();
  private volatile boolean closed;

  LiveFeed(DashboardContext context, Supplier<Object> vitalSigns) {
    this.context = context;
    this.vitalSigns = vitalSigns;
    this.errorsSince = context.clock().instant();
  }

  /** A new subscriber, or {@code null} when the bound is reached or the feed is closed. */
  Subscriber subscribe() {
    countLock.lock();
    try {
      if (closed || subscribers.size() >= context.maxSubscribers()) {
        return null;
      }
      Subscriber s = new Subscriber();
      subscribers.add(s);
      countChanged.signalAll();
      return s;
    } finally {
      countLock.unlock();
    }
  }

  void unsubscribe(Subscriber s) {
    countLock.lock();
    try {
      if (subscribers.remove(s)) {
        countChanged.signalAll();
      }
    } finally {
      countLock.unlock();
    }
  }

  int subscriberCount() {
    return subscribers.size();
  }

  long droppedFrames() {
    return droppedFrames.get();
  }

  /** Waits until exactly {@code count} subscribers are open; false on timeout. */
  boolean awaitSubscriberCount(int count, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    countLock.lock();
    try {
      while (subscribers.size() != count) {
        if (nanos <= 0) {
          return false;
        }
        nanos = countChanged.awaitNanos(nanos);
      }
      return true;
    } finally {
      countLock.unlock();
    }
  }

  /** Sends {@code data} as event {@code name} to every subscriber. */
  void publish(String name, Object data) {
    if (subscribers.isEmpty()) {
      return;
    }
    String frame;
    try {
      frame = "event: " + name + "\nid: " + eventIds.incrementAndGet() + "\ndata: "
          + Json.MAPPER.writeValueAsString(data) + "\n\n";
    } catch (JsonProcessingException e) {
      LOG.warn("telemetry: live feed event {} could not be serialized", name, e);
      return;
    }
    for (Subscriber s : subscribers) {
      s.offer(frame);
    }
  }

  /** One scheduled step: vital signs, then new ERROR logs. Does nothing without subscribers. */
  void tick() {
    if (subscribers.isEmpty()) {
      return;
    }
    // vital_signs are published by the summary's own 5 s refresh (see TelemetryDashboard), not here.
    try {
      for (LogEvent e : newErrors()) {
        publish("error_event", SearchEndpoints.rescrub(e, context.redaction()));
      }
    } catch (RuntimeException e) {
      LOG.warn("telemetry: reading new errors for the live feed failed", e);
    }
  }

  /** ERROR logs newer than the last ones sent, oldest first, at most {@value #ERROR_BATCH} per tick. */
  List<LogEvent> newErrors() {
    synchronized (errorLock) {
      Instant now = context.clock().instant();
      Instant to = now.plusSeconds(1);
      if (!errorsSince.isBefore(to)) {
        return List.of();
      }
      List<LogEvent> page = context.store().readLogs(LogQuery.range(errorsSince, to, ERROR_BATCH)
          .withLevels(Set.of(LogLevel.ERROR))).items();
      List<LogEvent> fresh = new ArrayList<>();
      Instant newest = errorsSince;
      for (int i = page.size() - 1; i >= 0; i--) {
        LogEvent e = page.get(i);
        String key = e.ts() + "|" + e.node() + "|" + e.event() + "|" + e.message().hashCode();
        if (e.ts().equals(errorsSince) && sentAtEdge.contains(key)) {
          continue;
        }
        fresh.add(e);
        if (e.ts().isAfter(newest)) {
          newest = e.ts();
          sentAtEdge.clear();
        }
        if (e.ts().equals(newest)) {
          sentAtEdge.add(key);
        }
      }
      errorsSince = newest;
      return fresh;
    }
  }

  /**
   * Serves one subscriber on the calling (request) thread until the client leaves, the stream's
   * time is up or the feed closes. Always unsubscribes.
   */
  void serve(Subscriber s, OutputStream out) {
    long deadline = System.nanoTime() + context.maxStreamDuration().toNanos();
    long keepAliveNanos = context.keepAliveInterval().toNanos();
    try {
      write(out, "retry: 5000\n: connected\n\n");
      Object vitals = safeVitals();
      if (vitals != null) {
        write(out, "event: vital_signs\nid: " + eventIds.incrementAndGet() + "\ndata: "
            + Json.MAPPER.writeValueAsString(vitals) + "\n\n");
      }
      while (!closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        String frame = s.queue.poll(Math.min(left, keepAliveNanos), TimeUnit.NANOSECONDS);
        if (frame == CLOSE) {
          break;
        }
        write(out, frame == null ? ": keep-alive\n\n" : frame);
      }
    } catch (IOException clientGone) {
      // the client disconnected: nothing to report
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      unsubscribe(s);
    }
  }

  private Object safeVitals() {
    try {
      return vitalSigns.get();
    } catch (RuntimeException e) {
      LOG.warn("telemetry: vital signs for the live feed failed", e);
      return null;
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Ends every stream and refuses new ones. */
  void close() {
    closed = true;
    for (Subscriber s : subscribers) {
      s.queue.clear();
      s.queue.offer(CLOSE);
    }
  }

  /** One open stream's queue of frames. */
  final class Subscriber {
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

    void offer(String frame) {
      while (!queue.offer(frame)) {
        if (queue.poll() != null) {
          droppedFrames.incrementAndGet();
        }
      }
    }
  }
}
