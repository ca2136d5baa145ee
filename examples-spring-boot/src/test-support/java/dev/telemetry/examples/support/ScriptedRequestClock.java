package dev.telemetry.examples.support;

import dev.telemetry.spring.TelemetryRequestClock;
import java.time.Duration;
import java.util.ArrayDeque;

/** A request clock that makes the next request last exactly what the test says. */
public final class ScriptedRequestClock implements TelemetryRequestClock {
  private final ArrayDeque<Long> steps = new ArrayDeque<>();
  private long now;

  /** The next request's two readings (start, end) lie {@code duration} apart. */
  public synchronized void nextRequestTakes(Duration duration) {
    steps.add(0L);
    steps.add(duration.toNanos());
  }

  /** Readings scripted but not taken: 0 when every scripted request was timed exactly once. */
  public synchronized int unusedSteps() {
    return steps.size();
  }

  @Override
  public synchronized long nanoTime() {
    Long step = steps.poll();
    now += step == null ? 0 : step;
    return now;
  }
}
