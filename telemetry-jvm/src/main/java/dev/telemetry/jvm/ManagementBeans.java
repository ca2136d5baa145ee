package dev.telemetry.jvm;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;

/** The management beans the gauges read; the platform's by default, fakes in tests. */
record ManagementBeans(MemoryMXBean memory, List<GarbageCollectorMXBean> collectors, ThreadMXBean threads,
    OperatingSystemMXBean system, RuntimeMXBean runtime) {
  ManagementBeans {
    collectors = List.copyOf(collectors);
  }

  static ManagementBeans platform() {
    return new ManagementBeans(ManagementFactory.getMemoryMXBean(), ManagementFactory.getGarbageCollectorMXBeans(),
        ManagementFactory.getThreadMXBean(), ManagementFactory.getOperatingSystemMXBean(),
        ManagementFactory.getRuntimeMXBean());
  }
}
