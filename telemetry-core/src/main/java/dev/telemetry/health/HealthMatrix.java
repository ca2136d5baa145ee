package dev.telemetry.health;

import static java.util.Objects.requireNonNull;

import dev.telemetry.health.HealthListener.HealthTransition;
import dev.telemetry.internal.guard.Failures;
import dev.telemetry.redaction.RedactionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The service health matrix: named services, each checked by a {@link HealthProbe} on a schedule
 * off the request path, each check bounded by a timeout. Readers get the last results from
 * {@link #snapshot()} without waiting for a probe.
 *
 * <pre>{@code
 * HealthMatrix matrix = HealthMatrix.builder()
 *     .clock(telemetry.clock())
 *     .service("postgresql", JdbcProbe.of(dataSource, Duration.ofSeconds(2)))
 *     .service("cache", () -> ping(), Duration.ofSeconds(1))
 *     .build();
 * matrix.addListener(t -> feed.publish(t));
 * matrix.start(scheduler); // checks now, then every 10 s
 * }</pre>
 *
 * <p>Threads: probes run on a pool owned by the matrix with one thread per service (or on the
 * executor given to the builder); a service never has two checks running (see {@link
 * HealthProbe}). Timeouts are signalled by {@link CompletableFuture#orTimeout}. {@link #close()}
 * stops the schedule and the owned pool.
 */
public final class HealthMatrix implements AutoCloseable {
  /** Default time between two rounds of checks (DESIGN: infrastructure health every 10 s). */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  /** Default timeout of one check. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,63}");
  private static final int MAX_SERVICES = 64;

  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Duration interval;
  private final RedactionPolicy redaction;
  private final List<Service> services;
  private final ExecutorService probeExecutor;
  private final boolean ownsExecutor;
  private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong listenerFailures = new AtomicLong();
  private final AtomicReference<ScheduledFuture<?>> schedule = new AtomicReference<>();

  private HealthMatrix(Builder b) {
    this.clock = b.clock;
    this.nanoTime = b.nanoTime;
    this.interval = b.interval;
    this.redaction = b.redaction;
    List<Service> list = new ArrayList<>();
    b.services.forEach((name, spec) -> list.add(new Service(name, spec.probe, spec.timeout)));
    this.services = List.copyOf(list);
    this.ownsExecutor = b.probeExecutor == null;
    this.probeExecutor = ownsExecutor ? ownPool(Math.max(1, services.size())) : b.probeExecutor;
  }

  /** Starts a matrix; services are declared on the builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds a listener for status changes; see {@link HealthListener}. */
  public void addListener(HealthListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /** Listener calls that threw (contained). */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /** The latest result of every service, in declaration order. Never blocks, never runs a probe. */
  public List<ServiceHealth> snapshot() {
    List<ServiceHealth> out = new ArrayList<>(services.size());
    for (Service s : services) {
      out.add(s.latest.get());
    }
    return List.copyOf(out);
  }

  /**
   * Runs one round: starts every service's check and completes when each has a result (at the
   * latest after its timeout). Never completes exceptionally.
   */
  public CompletableFuture<List<ServiceHealth>> checkNow() {
    List<CompletableFuture<ServiceHealth>> all = new ArrayList<>(services.size());
    for (Service s : services) {
      all.add(check(s));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> all.stream().map(CompletableFuture::join).toList());
  }

  /**
   * Runs a round now and then every interval (default 10 s) on {@code scheduler}. The scheduler
   * thread only starts checks; probes run on the probe pool. Calling it twice is an error.
   */
  public void start(ScheduledExecutorService scheduler) {
    requireNonNull(scheduler, "scheduler");
    ScheduledFuture<?> f = scheduler.scheduleWithFixedDelay(this::checkContained, 0, interval.toMillis(),
        TimeUnit.MILLISECONDS);
    if (!schedule.compareAndSet(null, f)) {
      f.cancel(false);
      throw new IllegalStateException("health matrix already started");
    }
  }

  private void checkContained() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      // checkNow contains probe failures; this guards the scheduler against our own bugs
    }
  }

  /** Stops the schedule and the probe pool the matrix owns (interrupting running probes). */
  @Override
  public void close() {
    ScheduledFuture<?> f = schedule.getAndSet(null);
    if (f != null) {
      f.cancel(false);
    }
    if (ownsExecutor) {
      probeExecutor.shutdownNow();
    }
  }

  private CompletableFuture<ServiceHealth> check(Service s) {
    if (!s.running.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(
          record(s, ProbeResult.down("previous check still running (probe not returning)"), 0));
    }
    long start = nanoTime.getAsLong();
    CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    Future<?> task;
    try {
      task = probeExecutor.submit(() -> {
        ProbeResult r = null;
        try {
          r = runGuarded(s.probe);
        } finally {
          // Cleared before completing: a caller joining on this check may start the next one at once.
          s.running.set(false);
          result.complete(r != null ? r : ProbeResult.down("probe failed"));
        }
      });
    } catch (RejectedExecutionException e) {
      s.running.set(false);
      return CompletableFuture.completedFuture(record(s, ProbeResult.down("probe pool is shut down"), 0));
    }
    return result.orTimeout(s.timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle((r, failure) -> {
          if (failure != null) {
            task.cancel(true);
            String detail = failure instanceof TimeoutException
                ? "timed out after " + s.timeout.toMillis() + " ms"
                : Failures.describe(failure);
            return record(s, ProbeResult.down(detail), s.timeout.toNanos());
          }
          return record(s, r, nanoTime.getAsLong() - start);
        });
  }

  private static ProbeResult runGuarded(HealthProbe probe) {
    try {
      ProbeResult r = probe.check();
      return r != null ? r : ProbeResult.down("probe returned no result");
    } catch (Throwable t) {
      Failures.rethrowIfFatal(t);
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return ProbeResult.down("probe threw " + Failures.describe(t));
    }
  }

  private ServiceHealth record(Service s, ProbeResult r, long elapsedNanos) {
    Instant now = clock.instant();
    // Probe details and exception text often quote a connection string; they are shown on the
    // dashboard and in /health, so they pass the same scrub gate as every stored text.
    ServiceHealth next = new ServiceHealth(s.name, r.status(), redaction.scrub(r.detail()), now,
        elapsedNanos / 1e6);
    ServiceHealth previous = s.latest.getAndSet(next);
    if (previous.checkedAt() != null && previous.status() != next.status()) {
      HealthTransition t = new HealthTransition(s.name, previous.status(), next.status(), next.detail(), now);
      for (HealthListener l : listeners) {
        try {
          l.onTransition(t);
        } catch (Throwable e) {
          Failures.rethrowIfFatal(e);
          listenerFailures.incrementAndGet();
        }
      }
    }
    return next;
  }

  private static ExecutorService ownPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(threads), r -> {
          Thread t = new Thread(r, "telemetry-health-probe-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static final class Service {
    final String name;
    final HealthProbe probe;
    final Duration timeout;
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicReference<ServiceHealth> latest;

    Service(String name, HealthProbe probe, Duration timeout) {
      this.name = name;
      this.probe = probe;
      this.timeout = timeout;
      this.latest = new AtomicReference<>(
          new ServiceHealth(name, HealthStatus.UNAVAILABLE, "not checked yet", null, 0));
    }
  }

  private record Spec(HealthProbe probe, Duration timeout) {}

  /** Declares services and cadence; {@link #build()} validates. */
  public static final class Builder {
    private final Map<String, Spec> services = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private LongSupplier nanoTime = System::nanoTime;
    private Duration interval = DEFAULT_INTERVAL;
    private Duration defaultTimeout = DEFAULT_TIMEOUT;
    private ExecutorService probeExecutor;
    private RedactionPolicy redaction = RedactionPolicy.defaults();

    private Builder() {}

    /**
     * Scrubs probe details and exception text before they are kept or shown (default {@link
     * RedactionPolicy#defaults()}; pass the policy given to {@code Telemetry.builder()}).
     */
    public Builder redaction(RedactionPolicy redaction) {
      this.redaction = requireNonNull(redaction, "redaction");
      return this;
    }

    /** The clock for {@code checked_at} (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The time source for check latency (default {@link System#nanoTime()}). */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /** Time between rounds, 1 s to 1 h (default 10 s). */
    public Builder interval(Duration interval) {
      this.interval = checkRange("interval", interval, Duration.ofSeconds(1), Duration.ofHours(1));
      return this;
    }

    /** Timeout of services declared without one, 1 ms to 5 min (default 5 s). */
    public Builder defaultTimeout(Duration timeout) {
      this.defaultTimeout = checkRange("defaultTimeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(5));
      return this;
    }

    /**
     * Runs probes on {@code executor} instead of a pool owned by the matrix; it must have at
     * least one thread per service, or slow probes delay the others.
     */
    public Builder probeExecutor(ExecutorService executor) {
      this.probeExecutor = requireNonNull(executor, "executor");
      return this;
    }

    /** Declares a service checked with the default timeout. */
    public Builder service(String name, HealthProbe probe) {
      return service(name, probe, null);
    }

    /**
     * Declares a service.
     *
     * @param name shown in the matrix: letters, digits, space and {@code ._()-}, 1–64 chars, unique
     * @param timeout 1 ms to 5 min, or {@code null} for the default
     */
    public Builder service(String name, HealthProbe probe, Duration timeout) {
      requireNonNull(name, "name");
      requireNonNull(probe, "probe");
      if (!SERVICE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("health service name '" + name
            + "' must be 1-64 letters, digits, spaces or ._()- starting with a letter or digit");
      }
      if (services.containsKey(name)) {
        throw new IllegalArgumentException("health service '" + name + "' is declared twice");
      }
      if (services.size() == MAX_SERVICES) {
        throw new IllegalArgumentException("at most " + MAX_SERVICES + " health services, '" + name + "' is one too many");
      }
      Duration t = timeout == null ? null
          : checkRange("timeout of '" + name + "'", timeout, Duration.ofMillis(1), Duration.ofMinutes(5));
      services.put(name, new Spec(probe, t));
      return this;
    }

    /** The matrix (not started). */
    public HealthMatrix build() {
      services.replaceAll((name, spec) -> spec.timeout == null ? new Spec(spec.probe, defaultTimeout) : spec);
      return new HealthMatrix(this);
    }

    private static Duration checkRange(String setting, Duration value, Duration min, Duration max) {
      requireNonNull(value, setting);
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", was " + value);
      }
      return value;
    }
  }
}
