package dev.telemetry;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a recurring problem once, then at most once a minute: a failing store must not flood the host's logs. */
final class QuietLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.telemetry");
  private static final long QUIET_NANOS = 60_000_000_000L;
  private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);

  void warn(String message, Throwable cause) {
    long now = System.nanoTime();
    long last = lastNanos.get();
    if ((last == Long.MIN_VALUE || now - last >= QUIET_NANOS) && lastNanos.compareAndSet(last, now)) {
      LOG.warn(message, cause);
    }
  }
}
