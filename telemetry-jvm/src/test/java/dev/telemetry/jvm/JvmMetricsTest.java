package dev.telemetry.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.Telemetry;
import dev.telemetry.contract.MetricContract;
import dev.telemetry.contract.StandardMetrics;
import dev.telemetry.store.InMemoryStore;
import dev.telemetry.testkit.RecordedSamples;
import dev.telemetry.testkit.TestClock;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {
  private final InMemoryStore store = InMemoryStore.create();

  private Telemetry telemetry(MetricContract contract) {
    return Telemetry.builder().service("jvm-test").store(store).clock(TestClock.at("2026-11-23T10:00:00Z"))
        .backgroundThreads(false).closeOnShutdown(false).contract(contract).build();
  }

  private static MetricContract everything() {
    return JvmMetrics.declare(StandardMetrics.addSaturation(MetricContract.builder())).build();
  }

  /** A bean of {@code type} answering the named getters with the given values. */
  private static <T> T fake(Class<T> type, Map<String, Object> answers) {
    return type.cast(Proxy.newProxyInstance(JvmMetricsTest.class.getClassLoader(), new Class<?>[] {type},
        (self, method, args) -> {
          if (!answers.containsKey(method.getName())) {
            throw new UnsupportedOperationException(method.getName());
          }
          return answers.get(method.getName());
        }));
  }

  private static double last(InMemoryStore store, String metric, Map<String, String> labels) {
    return RecordedSamples.lastGaugeValue(store, metric, labels);
  }

  @Test
  void reportsHeapUtilizationAndMemoryByAreaFromTheBeans() {
    MemoryMXBean memory = fake(MemoryMXBean.class, Map.of(
        "getHeapMemoryUsage", new MemoryUsage(0, 300, 800, 1000),
        "getNonHeapMemoryUsage", new MemoryUsage(0, 50, 60, -1)));
    GarbageCollectorMXBean young = fake(GarbageCollectorMXBean.class,
        Map.of("getName", "young", "getCollectionTime", 1500L, "getCollectionCount", 12L));
    ThreadMXBean threads = fake(ThreadMXBean.class, Map.of("getThreadCount", 9, "getDaemonThreadCount", 4,
        "findDeadlockedThreads", new long[] {7, 8}));
    ManagementBeans beans = new ManagementBeans(memory, List.of(young), threads,
        ManagementFactory.getOperatingSystemMXBean(), fake(java.lang.management.RuntimeMXBean.class,
            Map.of("getUptime", 90_000L)));

    try (Telemetry telemetry = telemetry(everything())) {
      JvmMetrics installed = JvmMetrics.install(telemetry, beans);
      telemetry.flush();

      assertThat(installed.installed()).contains(StandardMetrics.PROCESS_MEMORY_UTILIZATION, JvmMetrics.MEMORY_MAX, JvmMetrics.UPTIME);
    }
    assertThat(last(store, StandardMetrics.PROCESS_MEMORY_UTILIZATION, Map.of())).isEqualTo(0.3);
    assertThat(last(store, JvmMetrics.MEMORY_USED, Map.of("area", "heap"))).isEqualTo(300);
    assertThat(last(store, JvmMetrics.MEMORY_USED, Map.of("area", "nonheap"))).isEqualTo(50);
    assertThat(last(store, JvmMetrics.MEMORY_COMMITTED, Map.of("area", "heap"))).isEqualTo(800);
    assertThat(last(store, JvmMetrics.MEMORY_MAX, Map.of("area", "heap"))).isEqualTo(1000);
    assertThat(RecordedSamples.of(store, JvmMetrics.MEMORY_MAX, Map.of("area", "nonheap")))
        .as("no maximum defined: no series").isEmpty();
    assertThat(last(store, JvmMetrics.GC_PAUSE, Map.of("gc", "young"))).isEqualTo(1.5);
    assertThat(last(store, JvmMetrics.GC_COLLECTIONS, Map.of("gc", "young"))).isEqualTo(12);
    assertThat(last(store, JvmMetrics.THREADS, Map.of("state", "live"))).isEqualTo(9);
    assertThat(last(store, JvmMetrics.THREADS, Map.of("state", "daemon"))).isEqualTo(4);
    assertThat(last(store, JvmMetrics.THREADS, Map.of("state", "deadlocked"))).isEqualTo(2);
    assertThat(last(store, JvmMetrics.UPTIME, Map.of())).isEqualTo(90);
  }

  @Test
  void usesCommittedHeapWhenTheHeapHasNoMaximum() {
    assertThat(JvmMetrics.heapUtilization(new MemoryUsage(0, 200, 400, -1))).isEqualTo(0.5);
    assertThat(JvmMetrics.heapUtilization(new MemoryUsage(0, 0, 0, -1))).isNaN();
  }

  @Test
  void readsThePlatformBeansOfThisJvm() {
    try (Telemetry telemetry = telemetry(everything())) {
      JvmMetrics.install(telemetry);
      telemetry.flush();
      assertThat(telemetry.selfMetrics().callbackErrors()).isLessThanOrEqualTo(2); // CPU load may be unknown yet
    }
    assertThat(last(store, StandardMetrics.PROCESS_MEMORY_UTILIZATION, Map.of())).isGreaterThan(0).isLessThan(1);
    assertThat(last(store, JvmMetrics.MEMORY_USED, Map.of("area", "heap"))).isGreaterThan(0);
    assertThat(last(store, JvmMetrics.THREADS, Map.of("state", "live")))
        .isGreaterThanOrEqualTo(last(store, JvmMetrics.THREADS, Map.of("state", "daemon")));
    assertThat(last(store, JvmMetrics.THREADS, Map.of("state", "deadlocked"))).isZero();
    assertThat(RecordedSamples.totalsBy(store, JvmMetrics.GC_COLLECTIONS, "gc")).isNotEmpty();
    if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      assertThat(last(store, JvmMetrics.OPEN_FILES, Map.of())).isGreaterThan(0)
          .isLessThanOrEqualTo(last(store, JvmMetrics.MAX_FILES, Map.of()));
    }
  }

  @Test
  void installsOnlyWhatTheContractDeclares() {
    try (Telemetry telemetry = telemetry(StandardMetrics.addSaturation(MetricContract.builder()).build())) {
      assertThat(JvmMetrics.install(telemetry).installed())
          .containsExactly(StandardMetrics.PROCESS_MEMORY_UTILIZATION);
    }
  }

  @Test
  void refusesAContractWithoutJvmGauges() {
    try (Telemetry telemetry = telemetry(MetricContract.empty())) {
      assertThatThrownBy(() -> JvmMetrics.install(telemetry)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("JvmMetrics.declare");
    }
  }
}
