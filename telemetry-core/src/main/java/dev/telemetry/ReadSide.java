package dev.telemetry;

import dev.telemetry.events.EventQueries;
import dev.telemetry.health.HealthMatrix;
import dev.telemetry.health.HealthProbe;
import dev.telemetry.health.ProbeResult;
import dev.telemetry.health.Probes;
import dev.telemetry.pages.PageProvider;
import dev.telemetry.pages.PageRegistry;
import dev.telemetry.query.TelemetryQueries;
import dev.telemetry.rollup.RetentionJob;
import dev.telemetry.rollup.RollupJob;
import dev.telemetry.signals.SummaryService;
import dev.telemetry.status.Thresholds;
import dev.telemetry.store.TelemetryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The read side one {@link Telemetry} instance owns: queries, the cached summary, the health
 * matrix and host pages, plus the one daemon thread that refreshes the summary every
 * 5 s, runs health checks every 10 s, rolls minute samples up every minute and applies retention
 * every hour — all off the request path. Without background threads nothing is scheduled and
 * tests drive each component directly.
 */
final class ReadSide implements AutoCloseable {
  /** The built-in health service that checks the store answers. */
  static final String STORE_SERVICE = "telemetry_store";
  /** The built-in health service that checks the pipeline keeps up. */
  static final String PIPELINE_SERVICE = "telemetry_pipeline";

  final Thresholds thresholds;
  final TelemetryQueries queries;
  final EventQueries events;
  final HealthMatrix health;
  final SummaryService summary;
  final PageRegistry pages;
  final RollupJob rollups;
  final RetentionJob retention;
  private final ScheduledExecutorService jobs;

  ReadSide(TelemetryConfig config, Instant startedAt, Supplier<SelfMetrics> self, Map<String, HealthProbe> probes,
      List<PageProvider> pageProviders, Thresholds thresholds) {
    this.thresholds = thresholds;
    double slowMs = thresholds.require(Thresholds.LATENCY_P95_MS).crit();
    // Dashboard reads go to the store's read view (a replica, if it has one); the jobs below write.
    TelemetryStore reads = config.store().forReads();
    this.queries = TelemetryQueries.builder(reads, config.contract(), config.clock(), config.retention())
        .slowSpanThreshold(Duration.ofMillis((long) slowMs)).startedAt(startedAt).dayRetention(config.dayRetention())
        .build();
    this.events = EventQueries.builder(reads, config.clock(), config.retention())
        .dayRetention(config.dayRetention()).build();
    HealthMatrix.Builder matrix = HealthMatrix.builder().clock(config.clock()).redaction(config.redaction())
        .service(STORE_SERVICE, Probes.storeSize(config.store(), config.clock(),
            thresholds.require(Thresholds.STORE_SIZE_MB), Duration.ofMinutes(5)))
        .service(PIPELINE_SERVICE, new PipelineProbe(self));
    probes.forEach(matrix::service);
    this.health = matrix.build();
    this.summary = SummaryService.builder(reads, config.contract(), config.clock(), startedAt)
        .service(config.service()).environment(config.environment()).node(config.node())
        .thresholds(thresholds).healthMatrix(health).shareAcrossNodes().build();
    PageRegistry.Builder registry = PageRegistry.builder().clock(config.clock()).redaction(config.redaction());
    pageProviders.forEach(registry::register);
    this.pages = registry.build();
    // The lookbacks are how long finer samples are kept: a rollup is never recomputed from a
    // bucket whose minutes (or hours) retention may have deleted.
    Duration rawRetention = config.retention().compareTo(Duration.ofHours(48)) < 0 ? config.retention()
        : Duration.ofHours(48);
    Duration hourRetention = config.retention().compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1)
        : config.retention();
    this.rollups = RollupJob.builder(config.store(), config.contract(), config.clock())
        .initialLookback(rawRetention, hourRetention).build();
    this.retention = RetentionJob.builder(config.store(), config.clock(), config.retention())
        .dayRetention(config.dayRetention()).build();
    if (config.background()) {
      jobs = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telemetry-jobs");
        t.setDaemon(true);
        return t;
      });
      summary.start(jobs);
      health.start(jobs);
      rollups.start(jobs, Duration.ofMinutes(1));
      retention.start(jobs);
    } else {
      jobs = null;
    }
  }

  @Override
  public void close() {
    if (jobs != null) {
      jobs.shutdownNow();
      try {
        jobs.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    summary.close();
    health.close();
  }

  /**
   * Degraded while the store refuses writes or the pipeline drops rows since the previous check:
   * the dashboard says so instead of silently showing less data.
   */
  private static final class PipelineProbe implements HealthProbe {
    private final Supplier<SelfMetrics> self;
    private long lastFailures;
    private long lastDropped;

    PipelineProbe(Supplier<SelfMetrics> self) {
      this.self = self;
      SelfMetrics now = self.get();
      this.lastFailures = now.writeFailures();
      this.lastDropped = now.droppedRows() + now.droppedDiscrete();
    }

    @Override
    public synchronized ProbeResult check() {
      SelfMetrics now = self.get();
      long failures = now.writeFailures() - lastFailures;
      long dropped = now.droppedRows() + now.droppedDiscrete() - lastDropped;
      lastFailures = now.writeFailures();
      lastDropped = now.droppedRows() + now.droppedDiscrete();
      if (dropped > 0) {
        return ProbeResult.degraded(dropped + " rows dropped since the last check; " + now.queueDepth()
            + " batches waiting");
      }
      if (failures > 0) {
        return ProbeResult.degraded(failures + " store writes failed since the last check; " + now.queueDepth()
            + " batches waiting");
      }
      return ProbeResult.healthy(now.queueDepth() + " batches waiting");
    }
  }
}
