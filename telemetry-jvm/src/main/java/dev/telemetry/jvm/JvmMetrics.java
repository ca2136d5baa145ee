package dev.telemetry.jvm;

import static java.util.Objects.requireNonNull;

import dev.telemetry.Gauge;
import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.MetricDefinition;
import dev.telemetry.contract.MetricKind;
import dev.telemetry.contract.MetricUnit;
import dev.telemetry.contract.StandardMetrics;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * JVM and process gauges read from {@code java.lang.management}, sampled once per flush on the
 * flusher thread (nothing runs on the application's threads).
 *
 * <pre>{@code
 * MetricContract contract = JvmMetrics.declare(StandardMetrics.addSaturation(MetricContract.builder())).build();
 * Telemetry telemetry = Telemetry.builder().service("shop").contract(contract).build();
 * JvmMetrics.install(telemetry);
 * }</pre>
 *
 * <table>
 * <caption>The gauges</caption>
 * <tr><th>metric</th><th>labels</th><th>value</th></tr>
 * <tr><td>{@value StandardMetrics#PROCESS_MEMORY_UTILIZATION}</td><td></td><td>heap used / heap max (committed
 *     when the heap has no max): the SATURATION signal, declared by {@code StandardMetrics.addSaturation}</td></tr>
 * <tr><td>{@value #MEMORY_USED}, {@value #MEMORY_COMMITTED}, {@value #MEMORY_MAX}</td><td>{@code area}:
 *     {@code heap}, {@code nonheap}</td><td>bytes (max only where the JVM defines one)</td></tr>
 * <tr><td>{@value #GC_PAUSE}</td><td>{@code gc}: the collector</td><td>time spent collecting since start,
 *     seconds (cumulative)</td></tr>
 * <tr><td>{@value #GC_COLLECTIONS}</td><td>{@code gc}</td><td>collections since start (cumulative)</td></tr>
 * <tr><td>{@value #THREADS}</td><td>{@code state}: {@code live}, {@code daemon}, {@code deadlocked}</td>
 *     <td>threads</td></tr>
 * <tr><td>{@value #PROCESS_CPU}, {@value #SYSTEM_CPU}</td><td></td><td>recent CPU load of this process / the
 *     whole machine, 0–1</td></tr>
 * <tr><td>{@value #OPEN_FILES}, {@value #MAX_FILES}</td><td></td><td>open / maximum file descriptors (Unix)</td></tr>
 * <tr><td>{@value #UPTIME}</td><td></td><td>seconds since the JVM started</td></tr>
 * </table>
 *
 * <p>{@link #install} registers a callback for each of these the contract declares and skips the
 * others, so a host picks what it wants by what it declares. CPU and file descriptors need the
 * JDK's {@code jdk.management} module and are skipped without it; a CPU load the JVM does not know
 * yet is skipped for that sample (and counted as a callback error).
 */
public final class JvmMetrics {
  public static final String MEMORY_USED = "jvm_memory_used_bytes";
  public static final String MEMORY_COMMITTED = "jvm_memory_committed_bytes";
  public static final String MEMORY_MAX = "jvm_memory_max_bytes";
  public static final String GC_PAUSE = "jvm_gc_pause_seconds";
  public static final String GC_COLLECTIONS = "jvm_gc_collections";
  public static final String THREADS = "jvm_threads";
  public static final String PROCESS_CPU = "process_cpu_utilization_ratio";
  public static final String SYSTEM_CPU = "system_cpu_utilization_ratio";
  public static final String OPEN_FILES = "process_open_file_descriptors";
  public static final String MAX_FILES = "process_max_file_descriptors";
  public static final String UPTIME = "process_uptime_seconds";

  /** Label keys. */
  public static final String AREA = "area";
  public static final String GC = "gc";
  public static final String STATE = "state";

  private static final MetricUnit THREAD_UNIT = MetricUnit.custom("threads");
  private static final MetricUnit FILE_UNIT = MetricUnit.custom("descriptors");
  private static final MetricUnit COLLECTION_UNIT = MetricUnit.custom("collections");

  private final List<String> installed;

  private JvmMetrics(List<String> installed) {
    this.installed = List.copyOf(installed);
  }

  /**
   * Declares the JVM gauges (all but {@value StandardMetrics#PROCESS_MEMORY_UTILIZATION}, which
   * {@code StandardMetrics.addSaturation} declares) into {@code contract}.
   */
  public static MetricContract.Builder declare(MetricContract.Builder contract) {
    requireNonNull(contract, "contract");
    return contract
        .gauge(MEMORY_USED, m -> m.unit(MetricUnit.BYTES).labels(AREA).description("JVM memory in use"))
        .gauge(MEMORY_COMMITTED, m -> m.unit(MetricUnit.BYTES).labels(AREA).description("JVM memory committed"))
        .gauge(MEMORY_MAX, m -> m.unit(MetricUnit.BYTES).labels(AREA).description("JVM memory maximum"))
        .gauge(GC_PAUSE, m -> m.unit(MetricUnit.SECONDS).labels(GC)
            .description("Time spent in garbage collection since start (cumulative)"))
        .gauge(GC_COLLECTIONS, m -> m.unit(COLLECTION_UNIT).labels(GC)
            .description("Garbage collections since start (cumulative)"))
        .gauge(THREADS, m -> m.unit(THREAD_UNIT).labels(STATE).description("JVM threads: live, daemon, deadlocked"))
        .gauge(PROCESS_CPU, m -> m.unit(MetricUnit.RATIO).description("Recent CPU load of this process"))
        .gauge(SYSTEM_CPU, m -> m.unit(MetricUnit.RATIO).description("Recent CPU load of the machine"))
        .gauge(OPEN_FILES, m -> m.unit(FILE_UNIT).description("Open file descriptors"))
        .gauge(MAX_FILES, m -> m.unit(FILE_UNIT).description("Maximum file descriptors"))
        .gauge(UPTIME, m -> m.unit(MetricUnit.SECONDS).description("Time since the JVM started"));
  }

  /**
   * Registers a callback for every JVM gauge {@code telemetry}'s contract declares. Throws {@link
   * IllegalArgumentException} when it declares none (declare them with {@link #declare} and {@code
   * StandardMetrics.addSaturation}). Calling it again replaces the callbacks.
   */
  public static JvmMetrics install(Telemetry telemetry) {
    return install(telemetry, ManagementBeans.platform());
  }

  static JvmMetrics install(Telemetry telemetry, ManagementBeans beans) {
    requireNonNull(telemetry, "telemetry");
    Registrar registrar = new Registrar(telemetry);
    MemoryMXBean memory = beans.memory();
    registrar.register(StandardMetrics.PROCESS_MEMORY_UTILIZATION, () -> heapUtilization(memory.getHeapMemoryUsage()));
    registerMemory(registrar, MEMORY_USED, memory, MemoryUsage::getUsed);
    registerMemory(registrar, MEMORY_COMMITTED, memory, MemoryUsage::getCommitted);
    registerMemory(registrar, MEMORY_MAX, memory, MemoryUsage::getMax);
    for (GarbageCollectorMXBean collector : beans.collectors()) {
      registrar.register(GC_PAUSE, () -> collector.getCollectionTime() / 1e3, GC, collector.getName());
      registrar.register(GC_COLLECTIONS, collector::getCollectionCount, GC, collector.getName());
    }
    ThreadMXBean threads = beans.threads();
    registrar.register(THREADS, threads::getThreadCount, STATE, "live");
    registrar.register(THREADS, threads::getDaemonThreadCount, STATE, "daemon");
    registrar.register(THREADS, () -> deadlocked(threads), STATE, "deadlocked");
    registrar.register(PROCESS_CPU, ProcessReadings.processCpu(beans.system()));
    registrar.register(SYSTEM_CPU, ProcessReadings.systemCpu(beans.system()));
    registrar.register(OPEN_FILES, ProcessReadings.openFileDescriptors(beans.system()));
    registrar.register(MAX_FILES, ProcessReadings.maxFileDescriptors(beans.system()));
    registrar.register(UPTIME, () -> beans.runtime().getUptime() / 1e3);
    if (registrar.installed.isEmpty()) {
      throw new IllegalArgumentException("the contract declares none of the JVM gauges: add them with "
          + "JvmMetrics.declare and StandardMetrics.addSaturation (" + StandardMetrics.PROCESS_MEMORY_UTILIZATION + ")");
    }
    return new JvmMetrics(registrar.installed);
  }

  private static void registerMemory(Registrar registrar, String metric, MemoryMXBean memory,
      Function<MemoryUsage, Long> part) {
    // an undefined maximum (-1) is a missing series, not a value core would reject at every sample
    if (part.apply(memory.getHeapMemoryUsage()) >= 0) {
      registrar.register(metric, () -> part.apply(memory.getHeapMemoryUsage()), AREA, "heap");
    }
    if (part.apply(memory.getNonHeapMemoryUsage()) >= 0) {
      registrar.register(metric, () -> part.apply(memory.getNonHeapMemoryUsage()), AREA, "nonheap");
    }
  }

  /** Heap used over its maximum, or over what is committed when the heap has no maximum. */
  static double heapUtilization(MemoryUsage heap) {
    long limit = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    return limit > 0 ? heap.getUsed() / (double) limit : Double.NaN;
  }

  private static double deadlocked(ThreadMXBean threads) {
    long[] ids = threads.findDeadlockedThreads();
    return ids == null ? 0 : ids.length;
  }

  /** The metrics this installation registered, in registration order, each once. */
  public List<String> installed() {
    return installed;
  }

  /** Registers callbacks for declared gauges only and remembers which. */
  private static final class Registrar {
    private final Telemetry telemetry;
    private final List<String> installed = new ArrayList<>();

    Registrar(Telemetry telemetry) {
      this.telemetry = telemetry;
    }

    void register(String metric, DoubleSupplier reading, String... labels) {
      if (reading == null) {
        return;
      }
      MetricDefinition definition = telemetry.contract().find(metric).orElse(null);
      if (definition == null || definition.kind() != MetricKind.GAUGE) {
        return;
      }
      Gauge gauge = telemetry.gauge(metric);
      gauge.register(reading, labels);
      if (!installed.contains(metric)) {
        installed.add(metric);
      }
    }
  }
}
