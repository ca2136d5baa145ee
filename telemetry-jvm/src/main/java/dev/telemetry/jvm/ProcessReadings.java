package dev.telemetry.jvm;

import java.lang.management.OperatingSystemMXBean;
import java.util.function.DoubleSupplier;

/**
 * CPU load and file descriptors, which only the JDK's {@code com.sun.management} beans expose.
 * Each method returns {@code null} when the bean (or the {@code jdk.management} module) is absent,
 * so the gauge is not installed rather than failing at every sample.
 */
final class ProcessReadings {
  private ProcessReadings() {}

  static DoubleSupplier processCpu(OperatingSystemMXBean system) {
    try {
      if (system instanceof com.sun.management.OperatingSystemMXBean os) {
        return () -> loadOrNaN(os.getProcessCpuLoad());
      }
    } catch (LinkageError absent) {
      // jdk.management is not in the runtime image
    }
    return null;
  }

  static DoubleSupplier systemCpu(OperatingSystemMXBean system) {
    try {
      if (system instanceof com.sun.management.OperatingSystemMXBean os) {
        return () -> loadOrNaN(os.getCpuLoad());
      }
    } catch (LinkageError absent) {
      // jdk.management is not in the runtime image
    }
    return null;
  }

  static DoubleSupplier openFileDescriptors(OperatingSystemMXBean system) {
    try {
      if (system instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
        return () -> unix.getOpenFileDescriptorCount();
      }
    } catch (LinkageError absent) {
      // jdk.management is not in the runtime image
    }
    return null;
  }

  static DoubleSupplier maxFileDescriptors(OperatingSystemMXBean system) {
    try {
      if (system instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
        return () -> unix.getMaxFileDescriptorCount();
      }
    } catch (LinkageError absent) {
      // jdk.management is not in the runtime image
    }
    return null;
  }

  /** The beans report a negative load while it is not yet known; core counts NaN and skips the sample. */
  private static double loadOrNaN(double load) {
    return load < 0 ? Double.NaN : load;
  }
}
